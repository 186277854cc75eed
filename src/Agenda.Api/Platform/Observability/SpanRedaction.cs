using System.Diagnostics;
using OpenTelemetry.Instrumentation.AspNetCore;

namespace Agenda.Api.Platform.Observability;

/// <summary>
/// Keeps credentials out of request spans: a booking's management token may arrive as <c>?token=</c>, and a calendar
/// feed's secret is the last segment of <c>/v1/feeds/{secret}.ics</c>. Their values in <c>url.query</c> and <c>url.path</c>
/// become <see cref="Redacted"/> before any exporter sees the span. The instrumentation's own query redaction can be
/// switched off by an environment variable; this cannot.
/// </summary>
internal static class SpanRedaction
{
    public const string Redacted = "[redacted]";

    private const string FeedPrefix = "/v1/feeds/";
    private const string TokenParameter = "token";
    private const string LinkPrefix = "/link/";
    private const string LinkParameter = "link";

    public static void Configure(AspNetCoreTraceInstrumentationOptions options)
    {
        // Scrapes of the metrics endpoint are not requests anyone wants to trace.
        options.Filter = context => !context.Request.Path.StartsWithSegments(TelemetrySettings.PrometheusPath);
        options.EnrichWithHttpRequest = (activity, _) => Redact(activity);
    }

    /// <summary>Replaces secrets in the span's <c>url.path</c> and <c>url.query</c>.</summary>
    public static void Redact(Activity activity)
    {
        if (activity.GetTagItem("url.path") is string path)
        {
            activity.SetTag("url.path", RedactPath(path));
        }

        if (activity.GetTagItem("url.query") is string query)
        {
            activity.SetTag("url.query", RedactQuery(query));
        }
    }

    /// <summary>
    /// <c>/v1/feeds/fdt_abc.ics</c> becomes <c>/v1/feeds/[redacted]</c>, a single-use link's page <c>/link/sul_abc</c>
    /// <c>/link/[redacted]</c>; other paths are unchanged.
    /// </summary>
    public static string RedactPath(string path) =>
        path.StartsWith(FeedPrefix, StringComparison.OrdinalIgnoreCase) && path.Length > FeedPrefix.Length ? FeedPrefix + Redacted
        : path.StartsWith(LinkPrefix, StringComparison.OrdinalIgnoreCase) && path.Length > LinkPrefix.Length ? LinkPrefix + Redacted
        : path;

    /// <summary>
    /// <c>?a=1&amp;token=abc</c> becomes <c>?a=1&amp;token=[redacted]</c>, and so does a single-use link's <c>link=</c>;
    /// other parameters are unchanged.
    /// </summary>
    public static string RedactQuery(string query)
    {
        var leading = query.StartsWith('?') ? "?" : "";
        var parameters = query[leading.Length..].Split('&');
        for (var i = 0; i < parameters.Length; i++)
        {
            var separator = parameters[i].IndexOf('=', StringComparison.Ordinal);
            var name = separator < 0 ? parameters[i] : parameters[i][..separator];
            var unescaped = Uri.UnescapeDataString(name);
            if (unescaped.Equals(TokenParameter, StringComparison.OrdinalIgnoreCase) || unescaped.Equals(LinkParameter, StringComparison.OrdinalIgnoreCase))
            {
                parameters[i] = $"{name}={Redacted}";
            }
        }

        return leading + string.Join('&', parameters);
    }
}
