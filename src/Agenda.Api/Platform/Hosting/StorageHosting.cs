using Agenda.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Platform.Hosting;

/// <summary>How the host serves storage's health and faults over HTTP; storage registers itself (<see cref="Storage.StorageRegistration"/>).</summary>
internal static class StorageHosting
{
    /// <summary>A database that cannot serve a request is answered 503 with Retry-After (<see cref="DatabaseUnavailable"/>).</summary>
    public static IServiceCollection AddDatabaseUnavailableAnswers(this IServiceCollection services) =>
        // The unknown outcome first: it must never be answered as "nothing was changed".
        services.AddExceptionHandler<CommitOutcomeUnknownHandler>().AddExceptionHandler<DatabaseUnavailableHandler>();

    /// <summary>
    /// <c>/healthz</c>: the process is alive (no dependencies checked). <c>/readyz</c>: its database answers and can
    /// write; 503 when it cannot, so a load balancer sends traffic elsewhere until it can again.
    /// </summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).WithTags("Operations");
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Storage.StorageRegistration.ReadyTag) }).WithTags("Operations");
        return app;
    }

    /// <summary>Creates or upgrades the schema before the first request is served.</summary>
    /// <exception cref="StartupException">The database cannot be opened, reached or brought up to date; the message says which and why.</exception>
    public static void MigrateStorage(this WebApplication app)
    {
        try
        {
            app.Logger.LogInformation("Using {Database}", app.Services.MigrateAgendaStorage());
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            var database = app.Services.GetRequiredService<ISchemaMigrator>().Describe();
            var why = app.Services.GetRequiredService<IStoreFaults>().Classify(exception) switch
            {
                StoreFault.Full => " (its disk is full)",
                StoreFault.ReadOnly => " (it, its folder or its server is read-only)",
                StoreFault.Unreachable => " (it cannot be reached or opened)",
                StoreFault.Busy => " (another process holds its lock)",
                _ => "",
            };
            throw new StartupException($"{database} could not be opened and brought up to date{why}", exception);
        }
    }
}

/// <summary>
/// A database that cannot serve the request (<see cref="StoreFault"/>) is a 503 with Retry-After, not a 500 and not a
/// hang. The failed transaction was rolled back, so nothing changed. The detail says whether retrying soon helps
/// (busy, unreachable) or the operator must act first (disk full, read-only), without paths or internals; the log
/// line says the same to the operator, with the database's own error.
/// </summary>
internal sealed class DatabaseUnavailableHandler(IStoreFaults faults, IProblemDetailsService problems, ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (faults.Classify(exception) is not { } fault)
        {
            return false;
        }

        var answer = DatabaseUnavailable.For(fault);
        if (answer.OperatorMustAct)
        {
            logger.LogError(exception, "The database cannot take writes ({Fault}); answered 503 until an operator acts", fault);
        }
        else
        {
            logger.LogWarning(exception, "The database was unavailable ({Fault}); answered 503", fault);
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = answer.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = answer.Title,
                Detail = answer.Detail,
            },
        });
    }
}

/// <summary>
/// The database stopped answering while a change was being committed (<see cref="CommitOutcomeUnknownException"/>): a 503
/// with <c>reason</c> <c>outcome_unknown</c> that says the change may have been made, and how to find out, instead of
/// the "nothing was changed" of other 503s. A retry with the same Idempotency-Key returns the first answer if the
/// booking was made, or makes it if it was not.
/// </summary>
internal sealed class CommitOutcomeUnknownHandler(IProblemDetailsService problems, ILogger<CommitOutcomeUnknownHandler> logger) : IExceptionHandler
{
    public const string Reason = "outcome_unknown";
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not CommitOutcomeUnknownException)
        {
            return false;
        }

        logger.LogWarning(exception, "The database stopped answering during a commit; answered 503 outcome_unknown");
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Outcome unknown",
                Detail = "The database stopped answering while the change was being saved, so it may or may not have been made. " +
                    "Send the same request again with the same Idempotency-Key: you get the first answer if it was made, or it is made now. " +
                    "Without a key, read the booking list or search the slot before trying again.",
                Extensions = { ["reason"] = Reason },
            },
        });
    }
}

/// <summary>What a client is told when the database cannot serve its request, per <see cref="StoreFault"/>: the one place faults become HTTP.</summary>
internal sealed record DatabaseUnavailable(string Title, string Detail, int RetryAfterSeconds, bool OperatorMustAct)
{
    public static DatabaseUnavailable For(StoreFault fault) => fault switch
    {
        StoreFault.Busy => new(
            "Database busy",
            "The database is busy with other changes, so nothing was changed. Retry in 2 seconds.",
            2,
            false),
        StoreFault.Full => new(
            "Database full",
            "The service's storage is full, so nothing was changed. This is not a problem with the request: the service's operator must free space. Retry in 60 seconds.",
            60,
            true),
        StoreFault.ReadOnly => new(
            "Database read-only",
            "The service's database does not accept changes at the moment, so nothing was changed. This is not a problem with the request: the service's operator must make it writable again. Retry in 60 seconds.",
            60,
            true),
        _ => new(
            "Database unavailable",
            "The service cannot reach its database, so nothing was changed. Retry in 2 seconds.",
            2,
            false),
    };
}
