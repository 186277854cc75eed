using Agenda.Storage;
using Agenda.Storage.Postgres;
using Agenda.Storage.Relational;
using Agenda.Storage.Sqlite;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Agenda.Api.Hosting;

public static class StorageRegistration
{
    /// <summary>The connection string's name: configure it as <c>ConnectionStrings:Booking</c> or <c>ConnectionStrings__Booking</c>.</summary>
    public const string ConnectionStringName = "Booking";

    /// <summary>Where the SQLite file lives when no connection string is configured.</summary>
    public static string DefaultDatabasePath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "agenda", "agenda.db");

    public static IServiceCollection AddAgendaStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Storage:Provider"] ?? "Sqlite";
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Storage:Provider is Postgres, so ConnectionStrings:Booking must name the database, e.g. \"Host=db;Database=agenda;Username=agenda;Password=...\".");
            }

            services.AddSingleton<IStoreDialect>(_ => new PostgresDatabase(connectionString));
        }
        else if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                connectionString = $"Data Source={DefaultDatabasePath}";
            }

            var busyTimeout = TimeSpan.FromSeconds(configuration.GetValue("Storage:BusyTimeoutSeconds", 10.0));
            services.AddSingleton<IStoreDialect>(new SqliteDatabase(connectionString, busyTimeout));
        }
        else
        {
            throw new InvalidOperationException($"Storage:Provider is '{provider}'; it must be 'Sqlite' or 'Postgres'.");
        }

        services.AddSingleton<IScheduleStore, ScheduleStore>();
        services.AddExceptionHandler<DatabaseUnavailableHandler>();
        services.AddHealthChecks().AddCheck<DatabaseReadiness>("database", tags: [ReadyTag]);
        return services;
    }

    private const string ReadyTag = "ready";

    /// <summary>
    /// <c>/healthz</c>: the process is alive (no dependencies checked). <c>/readyz</c>: it can reach its database;
    /// 503 when it cannot, so a load balancer sends traffic elsewhere until it can again.
    /// </summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).WithTags("Operations");
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).WithTags("Operations");
        return app;
    }

    /// <summary>Creates or upgrades the schema before the first request is served.</summary>
    public static void MigrateStorage(this WebApplication app)
    {
        var database = app.Services.GetRequiredService<IStoreDialect>();
        database.Migrate();
        app.Logger.LogInformation("Using {Database}", database.Describe());
    }
}

/// <summary>Readiness: the database answers.</summary>
internal sealed class DatabaseReadiness(IStoreDialect database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await database.IsReachableAsync(cancellationToken)
            ? HealthCheckResult.Healthy("The database answers.")
            : HealthCheckResult.Unhealthy("The database does not answer.");
}

/// <summary>
/// A database that is momentarily unavailable (locked past the busy timeout, or not openable) is a 503 with
/// Retry-After, not a 500 and not a hang. The failed transaction was rolled back, so nothing changed.
/// </summary>
internal sealed class DatabaseUnavailableHandler(IStoreDialect database, IProblemDetailsService problems, ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!database.IsTransient(exception))
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
