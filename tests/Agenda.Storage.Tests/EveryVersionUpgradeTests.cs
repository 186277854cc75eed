using System.Data.Common;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Storage.Bookings;
using Agenda.Storage.Postgres;
using Agenda.Storage.Sqlite;
using Agenda.Testing;
using DbUp;
using DbUp.Builder;
using Microsoft.Data.Sqlite;
using NodaTime;
using Npgsql;
using static Agenda.Storage.Tests.Values;

namespace Agenda.Storage.Tests;

/// <summary>
/// A database made by every earlier schema, holding the data that schema's service wrote, upgrades to the current one and
/// behaves: every booking is still there and still holds (or frees) its time, the database still refuses an overlap, a
/// stored idempotent answer replays. "Every earlier schema" is every migration: each was the newest schema of some
/// release. The data is written in eras, each with the columns of the schema it first appeared in and right after that
/// migration ran, so a database at version N has lived through every migration after its data was written, as one
/// kept since then would have.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class EveryVersionUpgradeTests(PostgresServer server) : IDisposable
{
    private static readonly LocalDate Monday = Date(2027, 3, 1);

    // Ana keeps Berlin's hours (UTC+1 on that Monday), Bea New York's (UTC-5).
    private static readonly Instant AnaNine = Instant.FromUtc(2027, 3, 1, 8, 0);
    private static readonly Instant BeaTen = Instant.FromUtc(2027, 3, 1, 15, 0);
    private static readonly Instant BeaNoon = Instant.FromUtc(2027, 3, 1, 17, 0);

    private readonly string folder = Path.Combine(Path.GetTempPath(), "agenda-storage-tests", Guid.NewGuid().ToString("N"));

    /// <summary>What a release wrote, in the columns it had, and the first migration (by name, per store) that had them.</summary>
    private sealed record Era(string Name, string SqliteScript, string PostgresScript, string Sqlite, string? Postgres);

    private static long S(Instant instant) => instant.ToUnixTimeSeconds();

    private static readonly Era[] Eras =
    [
        // The first release: one owner, date rules, a three-hour booking (longer than any later one, so a guard bounded by
        // an owner's longest booking must still see it) and a cancelled one.
        new("owners, rules and bookings", "0001_initial_schema", "0001_schema",
            $"""
            INSERT INTO owners (id, time_zone, created_at) VALUES ('ana', 'Europe/Berlin', 0);
            INSERT INTO availability_rules (owner_id, start_date, end_date, start_time, end_time) VALUES ('ana', '2027-03-01', '2027-03-01', '08:00', '18:00');
            INSERT INTO bookings (id, owner_id, invitee, start_utc, end_utc, created_at) VALUES ('long', 'ana', 'Ben', {S(AnaNine)}, {S(AnaNine + Duration.FromHours(3))}, 0);
            INSERT INTO bookings (id, owner_id, invitee, start_utc, end_utc, status, created_at) VALUES ('gone', 'ana', 'Cy', {S(AnaNine + Duration.FromHours(4))}, {S(AnaNine + Duration.FromHours(5))}, 'cancelled', 0);
            """,
            $"""
            INSERT INTO owners (id, time_zone, created_at) VALUES ('ana', 'Europe/Berlin', 0);
            INSERT INTO availability_rules (owner_id, start_date, end_date, start_time, end_time) VALUES ('ana', '2027-03-01', '2027-03-01', '08:00', '18:00');
            INSERT INTO bookings (id, owner_id, invitee, start_utc, end_utc, blocked_start_utc, blocked_end_utc, created_at)
            VALUES ('long', 'ana', 'Ben', {S(AnaNine)}, {S(AnaNine + Duration.FromHours(3))}, {S(AnaNine)}, {S(AnaNine + Duration.FromHours(3))}, 0);
            INSERT INTO bookings (id, owner_id, invitee, start_utc, end_utc, blocked_start_utc, blocked_end_utc, status, cancelled_at, cancelled_by, created_at)
            VALUES ('gone', 'ana', 'Cy', {S(AnaNine + Duration.FromHours(4))}, {S(AnaNine + Duration.FromHours(5))}, {S(AnaNine + Duration.FromHours(4))}, {S(AnaNine + Duration.FromHours(5))}, 'cancelled', 0, 'owner', 0);
            """),

        // Weekly hours and meeting types: a 30-minute type with a 15-minute buffer after, and a booking of it.
        new("weekly hours and meeting types", "0002_scheduling_model", "0001_schema",
            $"""
            INSERT INTO owners (id, display_name, time_zone, created_at) VALUES ('bea', 'Bea', 'America/New_York', 0);
            INSERT INTO weekly_hours (owner_id, weekday, start_time, end_time) VALUES ('bea', 1, '09:00', '17:00');
            INSERT INTO meeting_types (owner_id, slug, title, length_minutes, step_minutes, buffer_after_minutes, created_at) VALUES ('bea', 'intro', 'Intro', 30, 30, 15, 0);
            INSERT INTO bookings (id, owner_id, meeting_type, invitee, invitee_email, start_utc, end_utc, blocked_start_utc, blocked_end_utc, created_at)
            VALUES ('typed', 'bea', 'intro', 'Dee', 'dee@example.com', {S(BeaTen)}, {S(BeaTen + Duration.FromMinutes(30))}, {S(BeaTen)}, {S(BeaTen + Duration.FromMinutes(45))}, 0);
            """,
            null),

        // An idempotency key answered before answers were stored as payloads.
        new("idempotency keys", "0005_idempotency_keys", "0001_schema",
            $$"""
            INSERT INTO idempotency_keys (scope, key, request_hash, status_code, response_body, location, created_at)
            VALUES ('bea/intro', 'k1', 'hash-1', 201, '{"id":"typed"}', '/v1/bookings/typed', {{S(Now)}});
            """,
            null),

        // A request awaiting the owner's approval, which holds its time.
        new("approvals", "0025_approvals", "0019_approvals",
            $"""
            INSERT INTO bookings (id, owner_id, meeting_type, invitee, invitee_key, start_utc, end_utc, blocked_start_utc, blocked_end_utc, status, holds_time, expires_at, created_at)
            VALUES ('asked', 'bea', 'intro', 'Eve', 'name:eve', {S(BeaNoon)}, {S(BeaNoon + Duration.FromMinutes(30))}, {S(BeaNoon)}, {S(BeaNoon + Duration.FromMinutes(45))}, 'pending', 1, {S(BeaNoon)}, 0);
            """,
            $"""
            INSERT INTO bookings (id, owner_id, meeting_type, invitee, invitee_key, start_utc, end_utc, blocked_start_utc, blocked_end_utc, status, holds_time, expires_at, created_at)
            VALUES ('asked', 'bea', 'intro', 'Eve', 'name:eve', {S(BeaNoon)}, {S(BeaNoon + Duration.FromMinutes(30))}, {S(BeaNoon)}, {S(BeaNoon + Duration.FromMinutes(45))}, 'pending', true, {S(BeaNoon)}, 0);
            """),
    ];

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_sqlite_database_of_every_earlier_schema_upgrades_and_keeps_its_bookings()
    {
        Directory.CreateDirectory(folder);
        var scripts = Scripts(typeof(SqliteDatabase).Assembly, ".Sqlite.Migrations.");
        var failures = await ForEveryVersionAsync(scripts, async version =>
        {
            var connectionString = $"Data Source={Path.Combine(folder, $"v{version}.db")};Foreign Keys=True";
            await UpgradeAndCheckAsync(
                scripts, version, sql: era => era.Sqlite, scriptOf: era => era.SqliteScript,
                migrateUpTo: upTo => DeployChanges.To.SqliteDatabase(connectionString).Upgrade(typeof(SqliteDatabase).Assembly, upTo),
                write: sql => Execute(new SqliteConnection(connectionString), sql),
                upgrade: () =>
                {
                    var database = new SqliteDatabase(connectionString);
                    database.Migrate();
                    return (new Stores(database), () => new SqliteConnection(connectionString));
                });
        });

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_postgres_database_of_every_earlier_schema_upgrades_and_keeps_its_bookings()
    {
        var scripts = Scripts(typeof(PostgresDatabase).Assembly, ".Postgres.Migrations.");
        var opened = new System.Collections.Concurrent.ConcurrentBag<PostgresDatabase>();
        try
        {
            var failures = await ForEveryVersionAsync(scripts, async version =>
            {
                var connectionString = server.CreateDatabase();
                await UpgradeAndCheckAsync(
                    scripts, version, sql: era => era.Postgres ?? era.Sqlite, scriptOf: era => era.PostgresScript,
                    migrateUpTo: upTo => DeployChanges.To.PostgresqlDatabase(connectionString).Upgrade(typeof(PostgresDatabase).Assembly, upTo),
                    write: sql => Execute(new NpgsqlConnection(connectionString), sql),
                    upgrade: () =>
                    {
                        var database = new PostgresDatabase(connectionString);
                        opened.Add(database);
                        database.Migrate();
                        return (new Stores(database), () => new NpgsqlConnection(connectionString));
                    });
            });

            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }
        finally
        {
            foreach (var database in opened)
            {
                database.Dispose();
            }
        }
    }

    /// <summary>Runs <paramref name="check"/> for every version but the newest, three at a time, and names each version that failed.</summary>
    private static async Task<List<string>> ForEveryVersionAsync(IReadOnlyList<string> scripts, Func<int, Task> check)
    {
        using var gate = new SemaphoreSlim(3);
        var failures = await Task.WhenAll(Enumerable.Range(1, scripts.Count - 1).Select(version => Task.Run(async () =>
        {
            await gate.WaitAsync();
            try
            {
                await check(version);
                return null;
            }
            catch (Exception e)
            {
                return $"{scripts[version - 1]}: {e.Message}";
            }
            finally
            {
                gate.Release();
            }
        })));
        return [.. failures.OfType<string>()];
    }

    /// <summary>
    /// Migrates to <paramref name="version"/> (the number of scripts run), writing each era's data right after its script,
    /// then upgrades as the service does at start and checks what every era wrote.
    /// </summary>
    private static async Task UpgradeAndCheckAsync(
        IReadOnlyList<string> scripts, int version, Func<Era, string> sql, Func<Era, string> scriptOf,
        Func<string, bool> migrateUpTo, Action<string> write, Func<(Stores Stores, Func<DbConnection> Connect)> upgrade)
    {
        var written = new List<Era>();
        foreach (var era in Eras)
        {
            var at = scripts.ToList().FindIndex(s => s.Contains(scriptOf(era), StringComparison.Ordinal));
            Assert.True(at >= 0, $"No script named {scriptOf(era)}.");
            if (at >= version)
            {
                break;
            }

            Assert.True(migrateUpTo(scripts[at]), $"migrating to {scripts[at]} failed");
            write(sql(era));
            written.Add(era);
        }

        Assert.True(migrateUpTo(scripts[version - 1]), $"migrating to {scripts[version - 1]} failed");
        var (stores, connect) = upgrade();
        await CheckAsync(stores, connect, written.Select(e => e.Name).ToHashSet());
    }

    private static async Task CheckAsync(Stores stores, Func<DbConnection> connect, IReadOnlySet<string> eras)
    {
        var ct = CancellationToken.None;
        var day = new DateInterval(Monday, Monday);

        // The first release's bookings: the long one holds its three hours, the cancelled one frees its hour.
        var ana = await stores.Bookings.LoadScheduleAsync("ana", day, Now, ct);
        Assert.Equal([new Interval(AnaNine, AnaNine + Duration.FromHours(3))], ana!.Schedule.Bookings.Select(b => b.Blocked));
        Assert.Equal(["08:00-18:00"], ana.Schedule.Plan.WindowsOn(Monday).Select(Hours));
        var lastHourOfLong = new Slot(AnaNine + Duration.FromHours(2), AnaNine + Duration.FromHours(3));
        Assert.Equal(BookingOutcome.Taken, Assert.IsType<BookingAttempt.Refused>(await stores.Bookings.BookAsync("ana", new BookingRequest("Fay", lastHourOfLong), MeetingType.Default, "", Now, ct)).Reason);
        var cancelled = await stores.Bookings.ListBookingsAsync("ana", new BookingQuery(BookingListStatus.Cancelled, Now, null, null, null, null, 10), ct);
        Assert.Equal(["gone"], cancelled!.Select(b => b.Id));
        var freed = new Slot(AnaNine + Duration.FromHours(4), AnaNine + Duration.FromHours(5));
        Assert.IsType<BookingAttempt.Booked>(await stores.Bookings.BookAsync("ana", new BookingRequest("Fay", freed), MeetingType.Default, "", Now, ct));

        // The database itself refuses a copy of the long booking under another id, whatever the stores check.
        await AssertDatabaseRefusesCopyAsync(connect, "long");

        if (eras.Contains("weekly hours and meeting types"))
        {
            var intro = (await stores.MeetingTypes.FindMeetingTypeAsync("bea", "intro", ct)).MeetingType!;
            Assert.Equal((Duration.FromMinutes(30), Duration.FromMinutes(15)), (intro.Rules.Length, intro.Rules.BufferAfter));
            var bea = await stores.Bookings.LoadScheduleAsync("bea", day, Now, ct);
            Assert.Contains(bea!.Schedule.Bookings, b => b.Meeting == new Interval(BeaTen, BeaTen + Duration.FromMinutes(30)) && b.Blocked.End == BeaTen + Duration.FromMinutes(45));
            Assert.Equal(["09:00-17:00"], bea.Schedule.Plan.WindowsOn(Monday).Select(Hours));
            var inTheBuffer = new Slot(BeaTen + Duration.FromMinutes(30), BeaTen + Duration.FromMinutes(60));
            Assert.Equal(BookingOutcome.Taken, Assert.IsType<BookingAttempt.Refused>(await stores.Bookings.BookAsync("bea", new BookingRequest("Gil", inTheBuffer), intro.Rules, "intro", Now, ct)).Reason);
            var typed = Assert.Single(await stores.Bookings.ListBookingsAsync("bea", new BookingQuery(BookingListStatus.Confirmed, Now, null, null, null, null, 10), ct) ?? [], b => b.Id == "typed");
            Assert.Equal(("Dee", "dee@example.com", "intro"), (typed.Invitee, typed.InviteeEmail, typed.MeetingTypeKey));
        }

        if (eras.Contains("idempotency keys"))
        {
            var replay = await stores.Bookings.BookIdempotentlyAsync(
                "bea", new BookingRequest("Hal", new Slot(BeaTen, BeaTen + Duration.FromMinutes(30))), MeetingType.Default, "intro", Now,
                new IdempotencyKey("bea/intro", "k1", "hash-1"), _ => "unused", ct);
            Assert.Equal("""{"id":"typed"}""", Assert.IsType<IdempotentBooking.Replayed>(replay).Payload);
        }

        if (eras.Contains("approvals"))
        {
            var pending = await stores.Bookings.ListBookingsAsync("bea", new BookingQuery(BookingListStatus.Pending, Now, null, null, null, null, 10), ct);
            Assert.Equal(["asked"], pending!.Select(b => b.Id));
            var intro = (await stores.MeetingTypes.FindMeetingTypeAsync("bea", "intro", ct)).MeetingType!;
            var overRequest = new Slot(BeaNoon, BeaNoon + Duration.FromMinutes(30));
            Assert.Equal(BookingOutcome.Taken, Assert.IsType<BookingAttempt.Refused>(await stores.Bookings.BookAsync("bea", new BookingRequest("Ida", overRequest), intro.Rules, "intro", Now, ct)).Reason);
        }
    }

    private static string Hours(Agenda.Scheduling.Availability.LocalWindow window) =>
        $"{window.Start.TimeOfDay:HH':'mm}-{window.End.TimeOfDay:HH':'mm}";

    /// <summary>Inserts a copy of booking <paramref name="id"/> under a new id with plain SQL, naming every column the table has now.</summary>
    private static async Task AssertDatabaseRefusesCopyAsync(Func<DbConnection> connect, string id)
    {
        await using var connection = connect();
        await connection.OpenAsync();
        var columns = new List<string>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT * FROM bookings WHERE 1 = 0";
            await using var reader = await read.ExecuteReaderAsync();
            columns.AddRange(Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
        }

        await using var copy = connection.CreateCommand();
        var values = columns.Select(c => c == "id" ? "'copy'" : c == "manage_token_hash" ? "NULL" : c);
        copy.CommandText = $"INSERT INTO bookings ({string.Join(", ", columns)}) SELECT {string.Join(", ", values)} FROM bookings WHERE id = '{id}'";
        await Assert.ThrowsAnyAsync<DbException>(() => copy.ExecuteNonQueryAsync());
    }

    private static List<string> Scripts(System.Reflection.Assembly assembly, string folder) =>
        [.. assembly.GetManifestResourceNames().Where(n => n.Contains(folder, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    private static void Execute(DbConnection connection, string sql)
    {
        using (connection)
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }
}

internal static class UpToScript
{
    /// <summary>Runs the store's scripts up to and including <paramref name="last"/> (by their ordinal order), each in its own transaction.</summary>
    public static bool Upgrade(this UpgradeEngineBuilder builder, System.Reflection.Assembly assembly, string last)
    {
        var folder = last[..(last.IndexOf(".Migrations.", StringComparison.Ordinal) + ".Migrations.".Length)];
        var result = builder
            .WithScriptsEmbeddedInAssembly(assembly, name => name.StartsWith(folder, StringComparison.Ordinal) && string.CompareOrdinal(name, last) <= 0)
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        return result.Successful ? true : throw new InvalidOperationException($"Migrating failed at {result.ErrorScript?.Name}: {result.Error?.Message}");
    }
}
