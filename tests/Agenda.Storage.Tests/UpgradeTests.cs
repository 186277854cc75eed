using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Storage.Sqlite;
using DbUp;
using Microsoft.Data.Sqlite;
using NodaTime;
using static Agenda.Storage.Tests.Values;

namespace Agenda.Storage.Tests;

/// <summary>A database made by an earlier version is upgraded at start-up without losing or weakening anything.</summary>
public sealed class UpgradeTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "agenda-storage-tests", Guid.NewGuid().ToString("N"));

    public UpgradeTests() => Directory.CreateDirectory(folder);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Bookings_made_before_meeting_types_keep_blocking_their_time_after_the_upgrade()
    {
        var connectionString = $"Data Source={Path.Combine(folder, "old.db")}";
        var firstVersion = DeployChanges.To.SqliteDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(typeof(SqliteDatabase).Assembly, name => name.EndsWith("0001_initial_schema.sql", StringComparison.Ordinal))
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        Assert.True(firstVersion.Successful);
        var start = Utc(Date(2027, 3, 1), 9);
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                INSERT INTO owners (id, created_at) VALUES ('ana', 0);
                INSERT INTO availability_rules (owner_id, start_date, end_date, start_time, end_time) VALUES ('ana', '2027-03-01', '2027-03-01', '09:00', '12:00');
                INSERT INTO bookings (id, owner_id, invitee, start_utc, end_utc, created_at) VALUES ('old', 'ana', 'ben', {start.ToUnixTimeSeconds()}, {(start + Duration.FromHours(1)).ToUnixTimeSeconds()}, 0);
                """;
            command.ExecuteNonQuery();
        }

        var database = new SqliteDatabase(connectionString);
        database.Migrate();
        var stores = new Stores(database);

        var read = await stores.Bookings.LoadScheduleAsync("ana", new DateInterval(Date(2027, 3, 1), Date(2027, 3, 1)), Now, CancellationToken.None);
        var booking = Assert.Single(read!.Schedule.Bookings);
        Assert.Equal(booking.Meeting, booking.Blocked);
        var again = await stores.Bookings.BookAsync("ana", new BookingRequest("cy", new Slot(start, start + Duration.FromHours(1))), MeetingType.Default, "", Now, CancellationToken.None);
        Assert.Equal(BookingOutcome.Taken, Assert.IsType<BookingAttempt.Refused>(again).Reason);
    }

    [Fact]
    public async Task Active_and_cancelled_bookings_made_while_statuses_were_a_check_list_keep_their_meaning_after_the_upgrade()
    {
        var connectionString = $"Data Source={Path.Combine(folder, "statuses.db")}";
        var beforeStatuses = DeployChanges.To.SqliteDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(typeof(SqliteDatabase).Assembly, name => name.Contains(".Sqlite.Migrations.", StringComparison.Ordinal) && string.CompareOrdinal(name[(name.IndexOf(".Migrations.", StringComparison.Ordinal) + 12)..], "0019") < 0)
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        Assert.True(beforeStatuses.Successful);
        var nine = Utc(Date(2027, 3, 1), 9);
        var ten = nine + Duration.FromHours(1);
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                INSERT INTO owners (id, created_at) VALUES ('ana', 0);
                INSERT INTO availability_rules (owner_id, start_date, end_date, start_time, end_time) VALUES ('ana', '2027-03-01', '2027-03-01', '09:00', '12:00');
                INSERT INTO bookings (id, owner_id, invitee, start_utc, end_utc, blocked_start_utc, blocked_end_utc, created_at, invitee_key)
                VALUES ('held', 'ana', 'ben', {nine.ToUnixTimeSeconds()}, {ten.ToUnixTimeSeconds()}, {nine.ToUnixTimeSeconds()}, {ten.ToUnixTimeSeconds()}, 0, 'name:ben'),
                       ('freed', 'ana', 'cy', {ten.ToUnixTimeSeconds()}, {ten.ToUnixTimeSeconds() + 3600}, {ten.ToUnixTimeSeconds()}, {ten.ToUnixTimeSeconds() + 3600}, 0, 'name:cy');
                UPDATE bookings SET status = 'cancelled', cancelled_at = 0, cancelled_by = 'owner' WHERE id = 'freed';
                """;
            command.ExecuteNonQuery();
        }

        var database = new SqliteDatabase(connectionString);
        database.Migrate();
        var stores = new Stores(database);

        var read = await stores.Bookings.LoadScheduleAsync("ana", new DateInterval(Date(2027, 3, 1), Date(2027, 3, 1)), Now, CancellationToken.None);
        Assert.Equal([new Interval(nine, ten)], read!.Schedule.Bookings.Select(b => b.Meeting));
        var again = await stores.Bookings.BookAsync("ana", new BookingRequest("dee", new Slot(nine, ten)), MeetingType.Default, "", Now, CancellationToken.None);
        Assert.Equal(BookingOutcome.Taken, Assert.IsType<BookingAttempt.Refused>(again).Reason);
        Assert.IsType<BookingAttempt.Booked>(await stores.Bookings.BookAsync("ana", new BookingRequest("dee", new Slot(ten, ten + Duration.FromHours(1))), MeetingType.Default, "", Now, CancellationToken.None));
        var cancelled = await stores.Bookings.ListBookingsAsync("ana", new BookingQuery(BookingListStatus.Cancelled, Now, null, null, null, null, 10), CancellationToken.None);
        Assert.Equal(["freed"], cancelled!.Select(b => b.Id));
        Assert.Equal(ChangeOutcome.AlreadyCancelled, (await stores.Bookings.CancelAsync("freed", "owner", null, Now, CancellationToken.None))!.Outcome);
        Assert.Equal(ChangeOutcome.Allowed, (await stores.Bookings.CancelAsync("held", "owner", null, Now, CancellationToken.None))!.Outcome);
    }

    [Fact]
    public async Task An_idempotency_key_answered_before_payloads_replays_the_same_body_after_the_upgrade()
    {
        var connectionString = $"Data Source={Path.Combine(folder, "keys.db")}";
        var beforePayloads = DeployChanges.To.SqliteDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(typeof(SqliteDatabase).Assembly, name => name.Contains(".Sqlite.Migrations.", StringComparison.Ordinal) && !name.EndsWith("0007_idempotency_payload.sql", StringComparison.Ordinal))
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        Assert.True(beforePayloads.Successful);
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $$"""
                INSERT INTO owners (id, created_at) VALUES ('ana', 0);
                INSERT INTO idempotency_keys (scope, key, request_hash, status_code, response_body, location, created_at)
                VALUES ('ana/intro', 'k1', 'hash-1', 201, '{"id":"b1"}', '/v1/bookings/b1', {{Now.ToUnixTimeSeconds()}});
                """;
            command.ExecuteNonQuery();
        }

        var database = new SqliteDatabase(connectionString);
        database.Migrate();
        var stores = new Stores(database);

        var replay = await stores.Bookings.BookIdempotentlyAsync(
            "ana", new BookingRequest("ben", new Slot(Now, Now + Duration.FromHours(1))), MeetingType.Default, "intro", Now,
            new IdempotencyKey("ana/intro", "k1", "hash-1"), _ => "unused", CancellationToken.None);
        Assert.Equal("""{"id":"b1"}""", Assert.IsType<IdempotentBooking.Replayed>(replay).Payload);
    }
}
