using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;
using static Agenda.Storage.Tests.Values;

namespace Agenda.Storage.Tests;

public sealed class LongestBlockedOnSqliteTests() : LongestBlockedTests(new SqliteFile());

[Collection(PostgresCollection.Name)]
public sealed class LongestBlockedOnPostgresTests(Agenda.Testing.PostgresServer server) : LongestBlockedTests(new PostgresStoreHost(server));

/// <summary>
/// Reads of the bookings near a time start the index range at that time less the owner's longest blocked time, kept by
/// triggers: a booking or hold that blocks long is still found at the far end of what it blocks, by every read.
/// </summary>
public abstract class LongestBlockedTests(IStoreHost host) : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly LocalDate Monday = Date(2027, 3, 1);
    private static readonly MeetingType Short = new(Duration.FromMinutes(30));

    /// <summary>An hour with a day's buffer after it: it blocks 25 hours.</summary>
    private static readonly MeetingType LongBuffer = new(Duration.FromHours(1), bufferAfter: Duration.FromDays(1));

    public void Dispose()
    {
        host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_booking_that_blocks_a_day_is_found_at_the_end_of_its_day_and_grows_the_owners_longest_blocked_time()
    {
        var stores = host.NewStores();
        await stores.Availability.AddRulesAsync("ana", [Rule(Monday, Monday.PlusDays(1), 8, 18)], Now, None);
        await Book(stores, "short", Short, Utc(Monday, 8));
        Assert.Equal([1800L], await LongestAsync());

        await Book(stores, "long", LongBuffer, Utc(Monday, 9));
        Assert.Equal([25 * 3600L], await LongestAsync());

        // Tuesday 09:30 lies in Monday's booking's buffer, 24 hours after its start.
        var late = new Slot(Utc(Monday.PlusDays(1), 9) + Duration.FromMinutes(30), Utc(Monday.PlusDays(1), 10));
        Assert.Equal(BookingOutcome.Taken, Assert.IsType<BookingAttempt.Refused>(await stores.Bookings.BookAsync("ana", new BookingRequest("Cy", late), Short, "short", Now, None)).Reason);
        var read = (await stores.Bookings.LoadScheduleAsync("ana", new DateInterval(Monday.PlusDays(1), Monday.PlusDays(1)), Now, None))!;
        Assert.DoesNotContain(late, read.Schedule.FreeSlotsOn(Monday.PlusDays(1), Short, "short"));
        Assert.Contains(new Slot(Utc(Monday.PlusDays(1), 10), Utc(Monday.PlusDays(1), 10) + Duration.FromMinutes(30)), read.Schedule.FreeSlotsOn(Monday.PlusDays(1), Short, "short"));
    }

    [Fact]
    public async Task A_hold_that_blocks_long_grows_it_too()
    {
        var stores = host.NewStores();
        await stores.Availability.AddRulesAsync("ana", [Rule(Monday, Monday.PlusDays(1), 8, 18)], Now, None);

        await stores.Bookings.HoldAsync("ana", "h1", new Slot(Utc(Monday, 9), Utc(Monday, 10)), LongBuffer, "long", Now, Now + Duration.FromMinutes(5), None);

        Assert.Equal([25 * 3600L], await LongestAsync());
    }

    [Fact]
    public async Task The_database_refuses_plain_SQL_overlapping_the_far_end_of_a_long_blocked_time()
    {
        await host.ExecuteAsync("""
            INSERT INTO owners (id, created_at) VALUES ('ana', 0);
            INSERT INTO bookings (id, owner_id, invitee, start_utc, end_utc, blocked_start_utc, blocked_end_utc, created_at) VALUES ('short', 'ana', 'x', 500000, 501800, 500000, 501800, 0);
            INSERT INTO bookings (id, owner_id, invitee, start_utc, end_utc, blocked_start_utc, blocked_end_utc, created_at) VALUES ('long', 'ana', 'x', 0, 3600, 0, 90000, 0);
            """);

        var error = await Record.ExceptionAsync(() => host.ExecuteAsync(
            "INSERT INTO bookings (id, owner_id, invitee, start_utc, end_utc, blocked_start_utc, blocked_end_utc, created_at) VALUES ('late', 'ana', 'x', 86400, 88200, 86400, 88200, 0);"));

        Assert.True(host.IsConflict(Assert.IsAssignableFrom<System.Data.Common.DbException>(error)), error.Message);
        Assert.Equal([90000L], await LongestAsync());
    }

    private static async Task Book(Stores stores, string key, MeetingType type, Instant start) =>
        Assert.IsType<BookingAttempt.Booked>(await stores.Bookings.BookAsync("ana", new BookingRequest("Bo " + key, new Slot(start, start + type.Length)), type, key, Now, None));

    private Task<List<long>> LongestAsync() => host.QueryAsync("SELECT longest_blocked FROM owners WHERE id = 'ana';", r => Convert.ToInt64(r.GetValue(0)));
}
