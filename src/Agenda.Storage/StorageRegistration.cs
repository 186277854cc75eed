using Agenda.Storage.Accounts;
using Agenda.Storage.Availability;
using Agenda.Storage.Bookings;
using Agenda.Storage.Calendars;
using Agenda.Storage.MeetingTypes;
using Agenda.Storage.Outbox;
using Agenda.Storage.Owners;
using Agenda.Storage.Postgres;
using Agenda.Storage.Relational;
using Agenda.Storage.Sqlite;
using Agenda.Storage.Teams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Agenda.Storage;

/// <summary>
/// Storage's own registration: the database chosen by configuration, the aggregates' stores in their roles, readiness, schema
/// migration and the classification of database faults. The host only asks for the roles it uses.
/// </summary>
public static class StorageRegistration
{
    /// <summary>The connection string's name: configure it as <c>ConnectionStrings:Booking</c> or <c>ConnectionStrings__Booking</c>.</summary>
    public const string ConnectionStringName = "Booking";

    /// <summary>The tag of the readiness check that the database answers.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Where the SQLite file lives when no connection string is configured.</summary>
    public static string DefaultDatabasePath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "agenda", "agenda.db");

    /// <summary>
    /// <c>Storage:Provider</c> is <c>Sqlite</c> (default) or <c>Postgres</c>; <c>ConnectionStrings:Booking</c> names the
    /// database (for SQLite it defaults to <see cref="DefaultDatabasePath"/>); <c>Storage:BusyTimeoutSeconds</c> bounds how
    /// long a SQLite statement waits for another writer (default 10); <c>Storage:MinimumFreeMegabytes</c> is the free space
    /// below which a SQLite database is not ready (default 16). The owners' caps come from <see cref="ReadOwnerLimits"/>.
    /// </summary>
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

            services.AddSingleton(_ => new PostgresDatabase(connectionString));
            AddDatabase<PostgresDatabase>(services);
            services.AddHostedService<ScheduleChangeListener>();
        }
        else if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                connectionString = $"Data Source={DefaultDatabasePath}";
            }

            var busyTimeout = TimeSpan.FromSeconds(configuration.GetValue("Storage:BusyTimeoutSeconds", 10.0));
            var minimumFree = (long)(configuration.GetValue("Storage:MinimumFreeMegabytes", SqliteDatabase.DefaultMinimumFreeBytes / 1024.0 / 1024.0) * 1024 * 1024);
            services.AddSingleton(_ => new SqliteDatabase(connectionString, busyTimeout, minimumFree));
            AddDatabase<SqliteDatabase>(services);
            services.AddSingleton<SqliteBackups>();
        }
        else
        {
            throw new InvalidOperationException($"Storage:Provider is '{provider}'; it must be 'Sqlite' or 'Postgres'.");
        }

        // One core over the database, timing every store call (StoreMetrics needs the host's IMeterFactory); each
        // aggregate's store once, over the core; each role from its aggregate's store.
        services.AddSingleton(ReadOwnerLimits(configuration));
        services.AddSingleton<ScheduleChanges>();
        services.AddSingleton<StoreMetrics>();
        services.AddSingleton(s => new StoreCore(
            s.GetRequiredService<IStoreDialect>(), s.GetRequiredService<OwnerLimits>(), s.GetRequiredService<ScheduleChanges>(), s.GetRequiredService<StoreMetrics>()));
        services.AddSingleton<OwnerStore>();
        services.AddSingleton<IOwnerStore>(s => s.GetRequiredService<OwnerStore>());
        services.AddSingleton<IApiKeyStore>(s => s.GetRequiredService<OwnerStore>());
        services.AddSingleton<IFeedStore>(s => s.GetRequiredService<OwnerStore>());
        services.AddSingleton<IKeyRingStore>(s => s.GetRequiredService<OwnerStore>());
        services.AddSingleton<IOwnerBrandingStore>(s => s.GetRequiredService<OwnerStore>());
        services.AddSingleton<AvailabilityStore>();
        services.AddSingleton<IAvailabilityStore>(s => s.GetRequiredService<AvailabilityStore>());
        services.AddSingleton<ISchedulesStore, Availability.ScheduleStore>();
        services.AddSingleton<IWorkflowStore, Workflows.WorkflowStore>();
        services.AddSingleton<IPersonalDataStore, Privacy.PersonalDataStore>();
        services.AddSingleton<IAuditStore, Audit.AuditStore>();
        services.AddSingleton<IServiceHealthStore, Health.ServiceHealthStore>();
        services.AddSingleton<ITimeZoneRulesStore, TimeZones.TimeZoneRulesStore>();
        services.AddSingleton<MeetingTypeStore>();
        services.AddSingleton<IMeetingTypeStore>(s => s.GetRequiredService<MeetingTypeStore>());
        services.AddSingleton<ISingleUseLinkStore, SingleUseLinkStore>();
        services.AddSingleton<BookingStore>();
        services.AddSingleton<IBookingStore>(s => s.GetRequiredService<BookingStore>());
        services.AddSingleton<IIdempotentBookingStore>(s => s.GetRequiredService<BookingStore>());
        services.AddSingleton<IHoldStore>(s => s.GetRequiredService<BookingStore>());
        services.AddSingleton<IApprovalStore>(s => s.GetRequiredService<BookingStore>());
        services.AddSingleton<IScheduleReader>(s => s.GetRequiredService<BookingStore>());
        services.AddSingleton<ISeriesStore, SeriesStore>();
        services.AddSingleton<TeamStore>();
        services.AddSingleton<ITeamStore>(s => s.GetRequiredService<TeamStore>());
        services.AddSingleton<ITeamBookingStore>(s => s.GetRequiredService<TeamStore>());
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<IOutboxStore>(s => s.GetRequiredService<OutboxStore>());
        services.AddSingleton<IWebhookEndpointStore>(s => s.GetRequiredService<OutboxStore>());
        services.AddSingleton<IDeliveryLogStore>(s => s.GetRequiredService<OutboxStore>());
        services.AddSingleton<INotificationSettingsStore>(s => s.GetRequiredService<OutboxStore>());
        services.AddSingleton<CalendarStore>();
        services.AddSingleton<ICalendarConnectionStore>(s => s.GetRequiredService<CalendarStore>());
        services.AddSingleton<AccountStore>();
        services.AddSingleton<IAccountStore>(s => s.GetRequiredService<AccountStore>());
        services.AddSingleton<IAccountCredentialStore>(s => s.GetRequiredService<AccountStore>());
        services.AddSingleton<IAccountActivityStore>(s => s.GetRequiredService<AccountStore>());
        services.AddSingleton<IAccountMailStore>(s => s.GetRequiredService<AccountStore>());
        services.AddHealthChecks().AddCheck<DatabaseReadiness>("database", tags: [ReadyTag]);
        return services;
    }

    /// <summary>
    /// The owners' caps, given to the store, which counts them inside the write they limit: <c>Limits:MaxRulesPerOwner</c>,
    /// <c>Limits:MaxMeetingTypesPerOwner</c>, <c>Limits:MaxActiveKeysPerOwner</c>, <c>Limits:MaxOverridesPerOwner</c> and
    /// <c>Limits:MaxActiveBookingsPerInvitee</c>, each defaulting to <see cref="OwnerLimits.Default"/>.
    /// </summary>
    public static OwnerLimits ReadOwnerLimits(IConfiguration configuration)
    {
        var defaults = OwnerLimits.Default;
        return new OwnerLimits(
            configuration.GetValue("Limits:MaxRulesPerOwner", defaults.MaxRules),
            configuration.GetValue("Limits:MaxMeetingTypesPerOwner", defaults.MaxMeetingTypes),
            configuration.GetValue("Limits:MaxActiveKeysPerOwner", defaults.MaxActiveKeys),
            configuration.GetValue("Limits:MaxOverridesPerOwner", defaults.MaxOverrides),
            configuration.GetValue("Limits:MaxActiveBookingsPerInvitee", defaults.MaxActiveBookingsPerInvitee),
            configuration.GetValue("Limits:MaxWebhookEndpointsPerOwner", defaults.MaxWebhookEndpoints),
            configuration.GetValue("Limits:MaxCalendarConnectionsPerOwner", defaults.MaxCalendarConnections));
    }

    /// <summary>Creates or upgrades the schema; returns where the data is, for the start-up log.</summary>
    public static string MigrateAgendaStorage(this IServiceProvider services)
    {
        var migrator = services.GetRequiredService<ISchemaMigrator>();
        migrator.Migrate();
        return migrator.Describe();
    }

    private static void AddDatabase<TDatabase>(IServiceCollection services)
        where TDatabase : class, IStoreDialect, IStoreFaults, IStoreHealth, ISchemaMigrator
    {
        services.AddSingleton<IStoreDialect>(s => s.GetRequiredService<TDatabase>());
        services.AddSingleton<IStoreFaults>(s => s.GetRequiredService<TDatabase>());
        services.AddSingleton<IStoreHealth>(s => s.GetRequiredService<TDatabase>());
        services.AddSingleton<ISchemaMigrator>(s => s.GetRequiredService<TDatabase>());
    }
}

/// <summary>
/// Readiness: the database answers and can write. A database that is only busy is Degraded, which still answers
/// 200: sending traffic elsewhere would not help, and the busy writes are answered 503 with Retry-After.
/// </summary>
internal sealed class DatabaseReadiness(IStoreHealth database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await database.CheckAsync(cancellationToken) switch
        {
            null => HealthCheckResult.Healthy("The database answers and can write."),
            StoreFault.Busy => HealthCheckResult.Degraded("The database is busy: another writer holds its lock."),
            StoreFault.Full => HealthCheckResult.Unhealthy("The database's disk is full, or nearly: writes fail until space is freed."),
            StoreFault.ReadOnly => HealthCheckResult.Unhealthy("The database is read-only: writes fail."),
            _ => HealthCheckResult.Unhealthy("The database cannot be reached or opened."),
        };
}
