namespace Agenda.Api.Pages;

/// <summary>A page that other sites may show in a frame (the invitee booking pages, for the embed snippet).</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class EmbeddableAttribute : Attribute;

/// <summary>
/// Security headers of every page: a Content-Security-Policy that allows scripts and styles only from this host (no
/// inline script, no inline style attribute), no referrer (management links carry their token), no MIME sniffing, and
/// no copy in any cache.
/// Pages marked <see cref="EmbeddableAttribute"/> may be framed by any site; every other page by none.
/// </summary>
internal static class PageSecurityHeaders
{
    public const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; base-uri 'none'; frame-ancestors ";

    public static IApplicationBuilder UsePageSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var embeddable = context.GetEndpoint()?.Metadata.GetMetadata<EmbeddableAttribute>() is not null;
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = Policy + (embeddable ? "*" : "'none'");
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            // Pages show live slots, a booking or an owner's data, and most carry a form with an antiforgery token: no
            // cache may keep them. Set here as antiforgery wants it, so it never overrides (and warns about) a page's own.
            headers.CacheControl = "no-cache, no-store";
            headers.Pragma = "no-cache";
            if (!embeddable)
            {
                headers.XFrameOptions = "DENY";
            }

            return next(context);
        });

    /// <summary>
    /// Lets a booking form's page lead on to the meeting type's redirect address after booking: browsers hold every
    /// redirect that follows a form's post to <c>form-action</c>, so that address's origin joins <c>'self'</c> there.
    /// </summary>
    public static void AllowFormRedirect(HttpResponse response, string? redirectUrl)
    {
        if (redirectUrl is not null && Uri.TryCreate(redirectUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            var policy = response.Headers.ContentSecurityPolicy.ToString();
            response.Headers.ContentSecurityPolicy = policy.Replace("form-action 'self'", $"form-action 'self' {uri.GetLeftPart(UriPartial.Authority)}", StringComparison.Ordinal);
        }
    }
}
