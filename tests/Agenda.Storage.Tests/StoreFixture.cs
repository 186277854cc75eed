using System.Data.Common;
using Agenda.Scheduling.Availability;
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
using Agenda.Testing;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Agenda.Storage.Tests;

/// <summary>A migrated, empty database for one test, on one of the engines the store supports.</summary>
public interface IStoreHost : IDisposable
{
    /// <summary>
    /// Stores of their own over the same database, as another process or node would have (with <paramref name="changes"/>
    /// as its node's memory of versions, timing their calls with <paramref name="metrics"/> if given).
    /// </summary>
    Stores NewStores(OwnerLimits? limits = null, ScheduleChanges? changes = null, StoreMetrics? metrics = null);

    /// <summary>An open connection made as the stores make theirs (on SQLite, with foreign keys on), for SQL a test writes itself.</summary>
    Task<DbConnection> OpenConnectionAsync();

    /// <summary>Whether the stores take <paramref name="error"/> for a conflict, answered as a slot taken.</summary>
    bool IsConflict(DbException error);
}

/// <summary>The aggregates' stores of one node, over one core, as the host's registration makes them.</summary>
public sealed class Stores
{
    internal Stores(IStoreDialect database, OwnerLimits? limits = null, ScheduleChanges? changes = null, StoreMetrics? metrics = null)
    {
        var core = new StoreCore(database, limits ?? OwnerLimits.Default, changes ?? new ScheduleChanges(), metrics);
        Owners = new OwnerStore(core);
        Availability = new AvailabilityStore(core);
        MeetingTypes = new MeetingTypeStore(core);
        Bookings = new BookingStore(core);
        Teams = new TeamStore(core);
        Outbox = new OutboxStore(core);
        Calendars = new CalendarStore(core);
        Accounts = new AccountStore(core);
        Series = new SeriesStore(core);
    }

    internal OwnerStore Owners { get; }

    internal AvailabilityStore Availability { get; }

    internal MeetingTypeStore MeetingTypes { get; }

    internal BookingStore Bookings { get; }

    internal TeamStore Teams { get; }

    internal OutboxStore Outbox { get; }

    internal CalendarStore Calendars { get; }

    internal AccountStore Accounts { get; }

    internal SeriesStore Series { get; }
}

/// <summary>A migrated SQLite file in a folder of its own, removed afterwards.</summary>
public sealed class SqliteFile : IStoreHost
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "agenda-storage-tests", Guid.NewGuid().ToString("N"));

    public SqliteFile(bool migrate = true)
    {
        Directory.CreateDirectory(folder);
        FilePath = Path.Combine(folder, "agenda.db");
        Database = new SqliteDatabase(ConnectionString);
        if (migrate)
        {
            Database.Migrate();
        }
    }

    public string FilePath { get; }

    public string ConnectionString => $"Data Source={FilePath}";

    public SqliteDatabase Database { get; }

    /// <summary>Stores of their own over the same file, as a second process would have.</summary>
    public Stores NewStores(OwnerLimits? limits = null, ScheduleChanges? changes = null, StoreMetrics? metrics = null) =>
        new(new SqliteDatabase(ConnectionString), limits, changes, metrics);

    public Task<DbConnection> OpenConnectionAsync() => Database.OpenAsync(CancellationToken.None);

    public bool IsConflict(DbException error) => Database.IsConflict(error);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}

/// <summary>A fresh, migrated database on the test PostgreSQL server.</summary>
public sealed class PostgresStoreHost : IStoreHost
{
    private readonly List<PostgresDatabase> opened = [];
    private readonly Lazy<PostgresDatabase> ownUse;

    public PostgresStoreHost(PostgresServer server)
    {
        ConnectionString = server.CreateDatabase();
        using var migrator = new PostgresDatabase(ConnectionString);
        migrator.Migrate();
        ownUse = new Lazy<PostgresDatabase>(Open);
    }

    public string ConnectionString { get; }

    public Stores NewStores(OwnerLimits? limits = null, ScheduleChanges? changes = null, StoreMetrics? metrics = null) =>
        new(Open(), limits, changes, metrics);

    public Task<DbConnection> OpenConnectionAsync() => ownUse.Value.OpenAsync(CancellationToken.None);

    public bool IsConflict(DbException error) => ownUse.Value.IsConflict(error);

    public void Dispose()
    {
        foreach (var database in opened)
        {
            database.Dispose();
        }
    }

    private PostgresDatabase Open()
    {
        var database = new PostgresDatabase(ConnectionString);
        opened.Add(database);
        return database;
    }
}

/// <summary>One PostgreSQL server for the whole test run.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}

internal static class Values
{
    public static readonly Instant Now = Instant.FromUtc(2024, 11, 25, 8, 0);

    public static LocalDate Date(int year, int month, int day) => new(year, month, day);

    public static DateRangeRule Rule(LocalDate first, LocalDate last, int fromHour, int toHour) =>
        new(new DateInterval(first, last), new TimeOfDayRange(new LocalTime(fromHour, 0), toHour == 24 ? LocalTime.Midnight : new LocalTime(toHour, 0)));

    public static Instant Utc(LocalDate date, int hour) => date.At(new LocalTime(hour, 0)).InUtc().ToInstant();
}

/// <summary>Plain SQL a test writes itself, on a store host's database, as another program than the stores would.</summary>
internal static class StoreHostSql
{
    public static async Task ExecuteAsync(this IStoreHost host, string sql)
    {
        await using var connection = await host.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<List<T>> QueryAsync<T>(this IStoreHost host, string sql, Func<System.Data.Common.DbDataReader, T> read)
    {
        await using var connection = await host.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>A boolean as both databases read it (SQLite 3.23 and later know TRUE and FALSE).</summary>
    public static string Sql(bool value) => value ? "TRUE" : "FALSE";
}
