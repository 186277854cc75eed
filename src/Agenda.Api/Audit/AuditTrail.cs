using Agenda.Api.Accounts;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Hosting;
using Agenda.Storage;

namespace Agenda.Api.Audit;

/// <summary>
/// Writes an audit entry for every change an owner or administrator asks for: a POST, PUT, PATCH or DELETE to a /v1
/// route that takes a key (<see cref="AccessRequirement"/>), made with an owner's or the administrator's key, and every
/// form an owner posts in the console. The entry holds who acted, whose data, the route's pattern and ids, the status and
/// the client's address, taken after the answer: never the request's body, query or headers, so never a secret. An
/// invitee's requests (no key, or a booking's token) are not an owner's actions and are not written. The entry is
/// written after the change was answered; when the database cannot take it, a warning is logged and the change stands.
/// </summary>
internal sealed class AuditTrail(IAuditStore store, OwnerKeys keys, AuthOptions auth, TimeProvider time, ILogger<AuditTrail> logger)
{
    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
        {
            await next(http);
            return;
        }

        await next(http);
        if (await EntryAsync(http) is not { } entry)
        {
            return;
        }

        try
        {
            await store.AppendAsync(entry, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The audit entry for {Action} could not be written.", entry.Action);
        }
    }

    private async Task<AuditEntry?> EntryAsync(HttpContext http)
    {
        if (http.GetEndpoint() is not RouteEndpoint endpoint)
        {
            return null;
        }

        string? actor = null;
        string? actorsOwner = null;
        if (endpoint.Metadata.GetMetadata<AccessRequirement>() is null)
        {
            // A console form: the session's owner, by their account or by the key they signed in with (only pages
            // authenticate the console's cookie).
            if (http.User.Identity?.IsAuthenticated != true || http.User.FindFirst(ConsoleSession.OwnerClaim)?.Value is not { } sessionOwner)
            {
                return null;
            }

            actorsOwner = sessionOwner;
            actor = http.User.AccountId() is { } account ? $"account:{account}" : $"owner:{sessionOwner}";
        }
        else if (endpoint.Metadata.GetMetadata<AccessRequirement>() is { } requirement)
        {
            if (auth.Mode == AuthMode.Open)
            {
                actor = requirement.Kind == AccessKind.BookingTokenOrOwnerKey ? null : "open";
            }
            else
            {
                switch (await keys.IdentifyAsync(http.Request, http.RequestAborted))
                {
                    case Caller.Administrator:
                        actor = "administrator";
                        break;
                    case Caller.Owner owner:
                        actor = $"owner:{owner.OwnerId}";
                        actorsOwner = owner.OwnerId;
                        break;
                    default:
                        actor = null;
                        break;
                }
            }
        }

        if (actor is null)
        {
            return null;
        }

        var values = http.Request.RouteValues;
        var ownerId = values.TryGetValue("ownerId", out var routeOwner) && routeOwner is string named ? named : actorsOwner;
        var handler = http.Request.Query["handler"].ToString();
        var action = $"{http.Request.Method} /{endpoint.RoutePattern.RawText?.Trim('/')}{(handler.Length > 0 ? $" ({handler})" : "")}";
        var ids = values.Where(v => v.Key is not ("ownerId" or "page" or "handler" or "action" or "controller") && v.Value is not null).Select(v => $"{v.Key}={v.Value}").ToList();
        return new AuditEntry(
            "aud_" + Guid.CreateVersion7().ToString("N", System.Globalization.CultureInfo.InvariantCulture), time.GetCurrentInstant(), actor, ownerId, action,
            ids.Count > 0 ? string.Join(", ", ids) : null, http.Response.StatusCode, http.Connection.RemoteIpAddress?.ToString());
    }
}
