using System.Text.RegularExpressions;

namespace Agenda.Api.Pages;

/// <summary>
/// The first segment of a public booking address (<c>/{owner}</c>): an owner id as the API accepts it, and never a
/// name the host uses for something else, so <c>/{owner}</c> and <c>/{owner}/{meeting-type}</c> cannot take an API path
/// (<c>GET /v1/owners</c> stays a 405, <c>/metrics</c> stays the metrics).
/// </summary>
public sealed partial class OwnerSegment : IRouteConstraint
{
    public const string Name = "agendaOwner";

    /// <summary>First path segments that belong to the host, not to an owner. An owner with such an id has no public page.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "v1", "api", "appointments", "calendar", "openapi", "scalar", "healthz", "readyz", "metrics",
        "console", "booking", "team", "css", "js", "embed.js", "favicon.ico", "robots.txt", "_framework",
    };

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && value is string owner && OwnerId().IsMatch(owner) && !Reserved.Contains(owner);

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex OwnerId();
}

/// <summary>A meeting type's slug, as the API accepts it.</summary>
public sealed partial class SlugSegment : IRouteConstraint
{
    public const string Name = "agendaSlug";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && value is string slug && slug.Length <= 64 && Slug().IsMatch(slug);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();
}

/// <summary>
/// Keeps the host's 405 answers. A page route such as <c>/{owner}/{meeting-type}</c> accepts every method, so for a
/// host path like <c>GET /v1/owners</c> (only POST exists) routing keeps the page as the candidate for GET, its
/// constraint then refuses the reserved segment, and nothing matches: a 404 where the API answered 405. When nothing
/// matched a path under a reserved first segment, this looks for the host's endpoints of that path and answers 405
/// with their methods (the status code pages then write the usual problem).
/// </summary>
public static class HostMethodAnswers
{
    public static IApplicationBuilder UseHostMethodAnswers(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.GetEndpoint() is null && FirstSegment(context.Request.Path) is { } first && OwnerSegment.Reserved.Contains(first)
                && AllowedMethods(context) is { Count: > 0 } allowed && !allowed.Contains(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                context.Response.Headers.Allow = string.Join(", ", allowed.Order(StringComparer.Ordinal));
                return Task.CompletedTask;
            }

            return next(context);
        });

    private static string? FirstSegment(PathString path) =>
        path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : null;

    private static HashSet<string> AllowedMethods(HttpContext context)
    {
        var methods = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageEndpoint>() is null
                && endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is { } accepted
                && new Microsoft.AspNetCore.Routing.Template.TemplateMatcher(new Microsoft.AspNetCore.Routing.Template.RouteTemplate(endpoint.RoutePattern), [])
                    .TryMatch(context.Request.Path, []))
            {
                methods.UnionWith(accepted.HttpMethods);
            }
        }

        return methods;
    }
}
