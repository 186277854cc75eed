using Agenda.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Hosting;

/// <summary>How the host serves storage's health and faults over HTTP; storage registers itself (<see cref="Storage.StorageRegistration"/>).</summary>
public static class StorageHosting
{
    /// <summary>A database that is momentarily unavailable is answered 503 with Retry-After.</summary>
    public static IServiceCollection AddDatabaseUnavailableAnswers(this IServiceCollection services) =>
        services.AddExceptionHandler<DatabaseUnavailableHandler>();

    /// <summary>
    /// <c>/healthz</c>: the process is alive (no dependencies checked). <c>/readyz</c>: it can reach its database;
    /// 503 when it cannot, so a load balancer sends traffic elsewhere until it can again.
    /// </summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).WithTags("Operations");
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Storage.StorageRegistration.ReadyTag) }).WithTags("Operations");
        return app;
    }

    /// <summary>Creates or upgrades the schema before the first request is served.</summary>
    public static void MigrateStorage(this WebApplication app) =>
        app.Logger.LogInformation("Using {Database}", app.Services.MigrateAgendaStorage());
}

/// <summary>
/// A database that is momentarily unavailable (locked past the busy timeout, or not openable) is a 503 with
/// Retry-After, not a 500 and not a hang. The failed transaction was rolled back, so nothing changed.
/// </summary>
internal sealed class DatabaseUnavailableHandler(IStoreFaults faults, IProblemDetailsService problems, ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!faults.IsTransient(exception))
        {
            return false;
        }

        logger.LogWarning(exception, "The database was unavailable; answered 503");
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Database unavailable",
                Detail = $"The database is busy or unreachable, so nothing was changed. Retry in {RetryAfterSeconds} seconds.",
            },
        });
    }
}
