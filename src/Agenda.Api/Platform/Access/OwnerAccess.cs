using Agenda.Api.Platform.Wire;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Agenda.Api.Platform.Access;

/// <summary>
/// Endpoint filters that keep owners' data apart. In <see cref="AuthMode.Open"/> everything passes. Otherwise
/// a missing or unknown key is a 401 and another owner's key a 403, answered before the handler runs, so a
/// refused request changes nothing.
/// </summary>
internal static class OwnerAccess
{
    /// <summary>Only the owner named by the route (<c>{ownerId}</c> or <c>{userId}</c>), or the administrator.</summary>
    public static TBuilder RequireOwnerKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessRequirement(AccessKind.OwnerKey)).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var ownerId = (http.GetRouteValue("ownerId") ?? http.GetRouteValue("userId"))?.ToString();
            return await DecideAsync(http, caller => caller is Caller.Administrator || (caller is Caller.Owner owner && owner.OwnerId == ownerId))
                ?? await next(context);
        });

    /// <summary>Only the administrator key.</summary>
    public static TBuilder RequireAdminKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessRequirement(AccessKind.AdminKey)).AddEndpointFilter(async (context, next) =>
            await DecideAsync(context.HttpContext, caller => caller is Caller.Administrator) ?? await next(context));

    /// <summary>Only a member of the team named by the route (<c>{teamId}</c>), or the administrator. An unknown team passes, for the handler's 404.</summary>
    public static TBuilder RequireTeamMemberKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessRequirement(AccessKind.TeamMemberKey)).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var teamId = http.GetRouteValue("teamId")?.ToString() ?? "";
            return await DecideAsync(
                http,
                async caller => caller switch
                {
                    Caller.Administrator => true,
                    // The team is read only for a valid owner key: an unknown team passes for the handler's 404.
                    Caller.Owner owner => await http.RequestServices.GetRequiredService<ITeamStore>().GetTeamAsync(teamId, http.RequestAborted) is not { } team
                        || team.HasMember(owner.OwnerId),
                    _ => false,
                },
                ("Not your team", NotTeamMember))
                ?? await next(context);
        });

    /// <summary>
    /// Only an admin of the team named by the route (or the administrator key) may pass: its meeting types, hosts,
    /// join code and membership are the admins'. With <paramref name="orSelf"/>, a member may also act on themself
    /// (the route's ownerId): leave the team.
    /// </summary>
    public static TBuilder RequireTeamAdminKey<TBuilder>(this TBuilder builder, bool orSelf = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessRequirement(AccessKind.TeamAdminKey)).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var teamId = http.GetRouteValue("teamId")?.ToString() ?? "";
            var self = http.GetRouteValue("ownerId")?.ToString();
            return await DecideAsync(
                http,
                async caller => caller switch
                {
                    Caller.Administrator => true,
                    Caller.Owner owner => await http.RequestServices.GetRequiredService<ITeamStore>().GetTeamAsync(teamId, http.RequestAborted) is not { } team
                        || team.IsAdmin(owner.OwnerId) || (orSelf && owner.OwnerId == self && team.HasMember(owner.OwnerId)),
                    _ => false,
                },
                ("Not a team admin", NotTeamAdmin))
                ?? await next(context);
        });

    public const string NotTeamAdmin = "This API key belongs to an owner who is not an admin of this team; its admins edit its meeting types, hosts, join code and members (a member may leave).";

    public const string NotTeamMember = "This API key belongs to an owner who is not a member of this team; members manage a team, and an owner joins with their own key and the team's join code.";

    /// <summary>The 403 for an agent's token sent to the API: it opens the MCP server only.</summary>
    public static ProblemHttpResult AgentTokenRefused() => AgentTokenRefusal.ToProblem();

    public static readonly Refusal AgentTokenRefusal = new(
        StatusCodes.Status403Forbidden,
        "Agent token",
        Message.AsGiven("This is an agent's token: it opens the MCP server at /mcp only. The API takes the owner's API key."));

    private static async Task<IResult?> DecideAsync(HttpContext http, Func<Caller, bool> allowed, (string Title, string Detail)? forbidden = null) =>
        await DecideAsync(http, caller => Task.FromResult(allowed(caller)), forbidden);

    private static async Task<IResult?> DecideAsync(HttpContext http, Func<Caller, Task<bool>> allowed, (string Title, string Detail)? forbidden = null)
    {
        var services = http.RequestServices;
        if (services.GetRequiredService<AuthOptions>().Mode == AuthMode.Open)
        {
            return null;
        }

        var caller = await services.GetRequiredService<OwnerKeys>().IdentifyAsync(http.Request, http.RequestAborted);
        if (await allowed(caller))
        {
            return null;
        }

        if (caller is Caller.Anonymous or Caller.Unrecognised)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return TypedResults.Problem(
                detail: caller is Caller.Anonymous
                    ? "This route needs an API key: send 'Authorization: Bearer <key>'. Owners get keys when they are created, or from POST /v1/owners/{ownerId}/keys."
                    : "The API key is not valid: it is unknown, mistyped or revoked.",
                statusCode: StatusCodes.Status401Unauthorized,
                title: "API key required");
        }

        if (caller is Caller.Agent)
        {
            return AgentTokenRefused();
        }

        return TypedResults.Problem(
            detail: forbidden?.Detail ?? "This API key belongs to another owner; it cannot act for this one.",
            statusCode: StatusCodes.Status403Forbidden,
            title: forbidden?.Title ?? "Not your calendar");
    }
}
