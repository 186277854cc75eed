using System.Globalization;
using Agenda.Api.Platform.Observability;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Platform.Limits;

/// <summary>The one way a request turned away by a limit is answered: counted, with Retry-After and problem details.</summary>
internal static class LimitRefusal
{
    /// <param name="limit">The limit's fixed name, as <c>agenda.limits.hits</c> tags it.</param>
    public static async Task WriteAsync(HttpContext http, string limit, int status, int retryAfterSeconds, string title, string detail)
    {
        http.RequestServices.GetRequiredService<LimitMetrics>().Hit(limit);
        http.Response.Clear();
        http.Response.StatusCode = status;
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
