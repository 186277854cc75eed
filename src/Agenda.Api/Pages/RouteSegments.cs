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
        "console", "booking", "css", "js", "embed.js", "favicon.ico", "robots.txt", "_framework",
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
