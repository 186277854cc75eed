using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Platform.Hosting;

internal static class ProblemHandling
{
    /// <summary>
    /// Every error leaves as RFC 9457 problem details. Requests the framework cannot bind (a body that
    /// is not JSON, a value of the wrong JSON type, a wrong content type) become 4xx problems that say
    /// what to fix, instead of an empty 400; anything unexpected is a 500 without internals.
    /// </summary>
    public static IServiceCollection AddAgendaProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails();
        // After the framework's writer, which declines when Accept does not list JSON.
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonForAnyAccept>();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>
    /// Answers without a body (an unknown path, a wrong method, a body that is not JSON) get a problem
    /// body too, with a detail that says what to do.
    /// </summary>
    public static IApplicationBuilder UseAgendaStatusCodePages(this IApplicationBuilder app) =>
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            var status = http.Response.StatusCode;
            if (status == StatusCodes.Status413PayloadTooLarge)
            {
                http.RequestServices.GetRequiredService<Platform.Observability.LimitMetrics>().Hit(Platform.Limits.RequestLimits.BodySizeName);
            }

            var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails { Status = status, Detail = DescribeStatus(status, http.Request) },
            });
        });

    private const string TooLarge = "The request body is larger than this service accepts (Limits:MaxRequestBodyBytes). Send fewer items per request.";

    private static string? DescribeStatus(int status, HttpRequest request) => status switch
    {
        StatusCodes.Status404NotFound => $"There is no resource at '{request.Path}'. The OpenAPI description at /openapi/v1.json lists every route.",
        StatusCodes.Status405MethodNotAllowed => $"'{request.Path}' does not accept {request.Method}. The OpenAPI description at /openapi/v1.json lists the methods of every route.",
        StatusCodes.Status413PayloadTooLarge => TooLarge,
        StatusCodes.Status415UnsupportedMediaType => "Send the request body as JSON with the header 'Content-Type: application/json'.",
        _ => null,
    };

    /// <summary>A 400 problem whose detail lists what is wrong with the request, field by field.</summary>
    public static ValidationProblem InvalidRequest(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(
            errors,
            detail: string.Join(" ", errors.SelectMany(e => e.Value)),
            title: "The request is not valid");

    private sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException badRequest)
            {
                return false;
            }

            httpContext.Response.StatusCode = badRequest.StatusCode;
            if (badRequest.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                httpContext.RequestServices.GetRequiredService<Platform.Observability.LimitMetrics>().Hit(Platform.Limits.RequestLimits.BodySizeName);
            }

            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails = new ProblemDetails
                {
                    Status = badRequest.StatusCode,
                    Title = "The request could not be read",
                    Detail = Describe(badRequest, httpContext.Request),
                },
            });
        }

        private static string Describe(BadHttpRequestException exception, HttpRequest httpRequest) => exception switch
        {
            { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge,
            { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
                DescribeStatus(StatusCodes.Status415UnsupportedMediaType, httpRequest)!,
            { InnerException: JsonException { Path: { } path } } =>
                $"The request body is not valid JSON for this endpoint at '{path}': check that the JSON is well formed and that the value there has the right type (dates, times and names are JSON strings).",
            { InnerException: JsonException } =>
                "The request body is not valid JSON.",
            { StatusCode: StatusCodes.Status400BadRequest } =>
                $"The request could not be read: {exception.Message}",
            _ => exception.Message,
        };
    }
}
