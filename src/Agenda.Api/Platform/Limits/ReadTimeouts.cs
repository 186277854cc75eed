using System.Globalization;

namespace Agenda.Api.Platform.Limits;

/// <summary>
/// A read (GET or HEAD) that takes longer than <c>Limits:ReadTimeoutSeconds</c> (default 30) is stopped and answered 503
/// with Retry-After: it changed nothing, so saying so is true. Writes are not cut short here: a timeout that fired after
/// a booking was committed would be reported as a failure. They are bounded by the store's own limits instead (SQLite's
/// <c>Storage:BusyTimeoutSeconds</c>, PostgreSQL's connection and command timeouts), which fire before anything commits.
/// </summary>
internal static class ReadTimeouts
{
    public const string LimitName = "read_timeout";
    public const int RetryAfterSeconds = 5;

    public static IApplicationBuilder UseReadTimeouts(this IApplicationBuilder app, IConfiguration configuration)
    {
        var seconds = configuration.GetValue("Limits:ReadTimeoutSeconds", 30.0);
        if (seconds <= 0)
        {
            throw new InvalidOperationException($"Limits:ReadTimeoutSeconds must be a positive number of seconds; it is {seconds}.");
        }

        var timeout = TimeSpan.FromSeconds(seconds);
        return app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
            {
                await next(context);
                return;
            }

            var clientGone = context.RequestAborted;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(clientGone);
            deadline.CancelAfter(timeout);
            context.RequestAborted = deadline.Token;
            try
            {
                await next(context);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !clientGone.IsCancellationRequested && !context.Response.HasStarted)
            {
                await AnswerAsync(context, seconds);
            }
            catch (Exception exception) when (deadline.IsCancellationRequested && !clientGone.IsCancellationRequested && !context.Response.HasStarted
                && exception.InnerException is OperationCanceledException or TimeoutException)
            {
                // Database drivers wrap a cancelled command in their own exception.
                await AnswerAsync(context, seconds);
            }
            finally
            {
                context.RequestAborted = clientGone;
            }
        });
    }

    private static Task AnswerAsync(HttpContext context, double seconds) =>
        LimitRefusal.WriteAsync(
            context,
            LimitName,
            StatusCodes.Status503ServiceUnavailable,
            RetryAfterSeconds,
            "Took too long",
            $"This read took longer than the service allows ({seconds.ToString(CultureInfo.InvariantCulture)} s) and was stopped; nothing was changed. Retry in {RetryAfterSeconds} seconds, or ask for fewer dates.");
}
