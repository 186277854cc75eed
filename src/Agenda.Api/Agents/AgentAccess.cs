using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.Features;

namespace Agenda.Api.Agents;

/// <summary>
/// Who is calling the MCP server, and what they may do: an owner's agent token (scope read or book) or the owner's own
/// API key (every tool). Checked before the MCP transport reads the request, so a refused caller changes nothing and
/// learns nothing: a missing or unknown token is a 401 (with <c>WWW-Authenticate: Bearer</c>), the administrator key a
/// 403 (it acts for no owner, and every tool acts for one). Open mode does not open /mcp: the token says who "me" is.
/// </summary>
internal static class AgentAccess
{
    public const string Path = "/mcp";

    /// <summary>Answers a call to /mcp without a usable token; otherwise hands the <see cref="AgentGrant"/> to the tools.</summary>
    public static IApplicationBuilder UseAgentAccess(this IApplicationBuilder app) =>
        app.UseWhen(http => http.Request.Path.StartsWithSegments(Path), branch => branch.Use(async (http, next) =>
        {
            var caller = await http.RequestServices.GetRequiredService<OwnerKeys>().IdentifyAsync(http.Request, http.RequestAborted);
            AgentGrant? grant = caller switch
            {
                Caller.Owner owner => new AgentGrant(owner.OwnerId, KeyScope.Full, $"owner:{owner.OwnerId}"),
                Caller.Agent agent => new AgentGrant(agent.OwnerId, agent.Scope, $"agent:{agent.KeyId}"),
                _ => null,
            };
            if (grant is not null)
            {
                http.Features.Set(grant);
                await next(http);
                return;
            }

            var refusal = caller is Caller.Administrator
                ? new Refusal(StatusCodes.Status403Forbidden, "Owner's token required", Message.AsGiven("The MCP server acts for one owner: send an agent token the owner made in the console (or the owner's API key), not the administrator key."))
                : new Refusal(StatusCodes.Status401Unauthorized, "Agent token required", Message.AsGiven(caller is Caller.Anonymous
                    ? "The MCP server needs an agent token: send 'Authorization: Bearer <token>'. An owner makes one in the console (API keys, agent token), read-only or to book on their behalf."
                    : "The token is not valid: it is unknown, mistyped or revoked."));
            if (refusal.Status == StatusCodes.Status401Unauthorized)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
            }

            await refusal.ToProblem().ExecuteAsync(http);
        }));

    /// <summary>The grant of the current call, set by <see cref="UseAgentAccess"/>.</summary>
    public static AgentGrant Grant(this HttpContext http) => http.Features.GetRequiredFeature<AgentGrant>();
}

/// <summary>The owner an MCP call acts for, and what it may do.</summary>
/// <param name="Scope"><see cref="KeyScope.Read"/>: find and read only; <see cref="KeyScope.Book"/> and <see cref="KeyScope.Full"/> (the owner's API key): also hold, book, cancel and move.</param>
/// <param name="Actor">Who acts, as the audit log names them: <c>agent:&lt;key id&gt;</c> for an agent's token, <c>owner:&lt;id&gt;</c> for the owner's key.</param>
internal sealed record AgentGrant(string OwnerId, KeyScope Scope, string Actor)
{
    public bool MayBook => Scope is KeyScope.Book or KeyScope.Full;

    /// <summary>The caller as the booking access rules see it: the owner, whose bookings it may change.</summary>
    public Caller AsOwner => new Caller.Owner(OwnerId);
}
