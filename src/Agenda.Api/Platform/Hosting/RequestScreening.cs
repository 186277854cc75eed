using System.Text;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Agenda.Api.Platform.Hosting;

/// <summary>
/// Refuses, before any handler or binder runs, what no route can use: a control character (NUL among them) in the
/// path or query, which no id, date or value may contain and which PostgreSQL cannot even compare; and a JSON body
/// declared in a character set other than UTF-8, which JSON (RFC 8259) does not allow and the framework would fail on.
/// Both stores therefore see the same requests, and the client gets a 400 or 415 that says what to change.
/// </summary>
internal static class RequestScreening
{
    public static IApplicationBuilder UseRequestScreening(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (Refusal(context) is { } problem)
            {
                context.Response.StatusCode = problem.Status!.Value;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>()
                    .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
                return;
            }

            await next(context);
        });

    private static ProblemDetails? Refusal(HttpContext context)
    {
        var request = context.Request;
        if (HasControlCharacter(request.Path.Value) || request.Query.Any(q => HasControlCharacter(q.Key) || q.Value.Any(HasControlCharacter)))
        {
            return new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request could not be read",
                Detail = "The path or query contains a control character (such as %00), which no id, date or value may contain. Remove it and send the request again.",
            };
        }

        if (context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is not null
            && MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            && contentType.Charset.HasValue)
        {
            if (IsUtf8(contentType.Charset.Value))
            {
                // The framework's JSON reader does not take a quoted charset ("UTF-8"), which HTTP allows: name it plainly.
                contentType.Charset = "utf-8";
                request.ContentType = contentType.ToString();
                return null;
            }

            return new ProblemDetails
            {
                Status = StatusCodes.Status415UnsupportedMediaType,
                Title = "The request could not be read",
                Detail = $"The body must be JSON encoded as UTF-8: send 'Content-Type: application/json' (or with '; charset=utf-8'), not charset '{Printable(contentType.Charset.Value)}'.",
            };
        }

        return null;
    }

    private static bool HasControlCharacter(string? value) => value is not null && value.Any(char.IsControl);

    private static bool IsUtf8(string charset) =>
        charset.Trim('"').Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Trim('"').Equals("utf8", StringComparison.OrdinalIgnoreCase);

    /// <summary>The charset as the client sent it, with anything unprintable left out, for the error message.</summary>
    private static string Printable(string charset)
    {
        var text = new StringBuilder();
        foreach (var c in charset.Where(c => c is >= ' ' and <= '~').Take(40))
        {
            text.Append(c);
        }

        return text.ToString();
    }
}
