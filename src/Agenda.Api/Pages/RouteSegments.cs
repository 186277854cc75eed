using System.Text.RegularExpressions;
using Agenda.Api.Platform.Hosting;
using Microsoft.AspNetCore.Http.Metadata;

namespace Agenda.Api.Pages;

/// <summary>
/// The first segment of a public booking address (<c>/{owner}</c>): an owner id as the API accepts it, and never a
/// name the host uses for something else, so <c>/{owner}</c> and <c>/{owner}/{meeting-type}</c> cannot take an API path
/// (<c>GET /v1/owners</c> stays a 405, <c>/metrics</c> stays the metrics).
/// </summary>
internal sealed partial class OwnerSegment : IRouteConstraint
{
    public const string Name = "agendaOwner";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && value is string owner && OwnerId().IsMatch(owner) && !ReservedSegments.Contains(owner);

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex OwnerId();
}

/// <summary>A meeting type's slug, as the API accepts it.</summary>
internal sealed partial class SlugSegment : IRouteConstraint
{
    public const string Name = "agendaSlug";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && value is string slug && slug.Length <= 64 && Slug().IsMatch(slug);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();
}

/// <summary>
/// Keeps the host's own answers under its reserved first segments (<see cref="ReservedSegments"/>). A page route such
/// as <c>/{owner}/{meeting-type}</c> accepts every method and content type, so for a host path like
/// <c>GET /v1/owners</c> (only POST exists) or a <c>POST /v1/owners</c> whose body is not JSON, routing keeps the page
/// as the only candidate, its constraint then refuses the reserved segment, and nothing matches: a 404 where the API
/// answers 405 or 415. When nothing matched a path under a reserved first segment, this looks for the host's endpoints
/// of that path: none for the method is a 405 with their methods; one for the method that does not take the request's
/// content type is a 415 (the status code pages then write the usual problem).
/// </summary>
internal static class HostMethodAnswers
{
    public static IApplicationBuilder UseHostMethodAnswers(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.GetEndpoint() is not null || ReservedSegments.FirstOf(context.Request.Path) is not { } first || !ReservedSegments.Contains(first))
            {
                return next(context);
            }

            var endpoints = HostEndpointsOf(context);
            var allowed = endpoints.SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (allowed.Count > 0 && !allowed.Contains(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                context.Response.Headers.Allow = string.Join(", ", allowed.Order(StringComparer.Ordinal));
                return Task.CompletedTask;
            }

            if (endpoints.Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase))
                .Select(e => e.Metadata.GetMetadata<IAcceptsMetadata>())
                .Any(accepts => accepts is not null && !Takes(accepts, context.Request.ContentType)))
            {
                context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
                return Task.CompletedTask;
            }

            return next(context);
        });

    /// <summary>Whether an endpoint that accepts <paramref name="accepts"/> takes a body of <paramref name="contentType"/>.</summary>
    private static bool Takes(IAcceptsMetadata accepts, string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return accepts.IsOptional;
        }

        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var given))
        {
            return false;
        }

        return accepts.ContentTypes.Any(type => Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(type, out var taken) && given.IsSubsetOf(taken));
    }

    /// <summary>The host's endpoints (not pages) whose route matches the request's path.</summary>
    private static List<RouteEndpoint> HostEndpointsOf(HttpContext context) =>
        context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<PageEndpoint>() is null
                && endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not null
                // The host's own routes start with a literal; a catch-all (Development's static-file fallback) is not one.
                && endpoint.RoutePattern.PathSegments is [{ Parts: [Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart] }, ..]
                && new Microsoft.AspNetCore.Routing.Template.TemplateMatcher(new Microsoft.AspNetCore.Routing.Template.RouteTemplate(endpoint.RoutePattern), [])
                    .TryMatch(context.Request.Path, []))
            .ToList();
}
