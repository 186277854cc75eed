namespace Agenda.Api.Access;

/// <summary>
/// Endpoint filters that keep owners' data apart. In <see cref="AuthMode.Open"/> everything passes. Otherwise
/// a missing or unknown key is a 401 and another owner's key a 403, answered before the handler runs, so a
/// refused request changes nothing.
/// </summary>
public static class OwnerAccess
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

    private static async Task<IResult?> DecideAsync(HttpContext http, Func<Caller, bool> allowed)
    {
        var services = http.RequestServices;
        if (services.GetRequiredService<AuthOptions>().Mode == AuthMode.Open)
        {
            return null;
        }

        var caller = await services.GetRequiredService<OwnerKeys>().IdentifyAsync(http.Request, http.RequestAborted);
        if (allowed(caller))
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

        return TypedResults.Problem(
            detail: "This API key belongs to another owner; it cannot act for this one.",
            statusCode: StatusCodes.Status403Forbidden,
            title: "Not your calendar");
    }
}
