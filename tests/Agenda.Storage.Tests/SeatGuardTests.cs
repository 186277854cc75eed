using System.Data.Common;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;
using static Agenda.Storage.Tests.Values;

namespace Agenda.Storage.Tests;

public sealed class SeatGuardOnSqliteTests() : SeatGuardTests(new SqliteFile());

[Collection(PostgresCollection.Name)]
public sealed class SeatGuardOnPostgresTests(Agenda.Testing.PostgresServer server) : SeatGuardTests(new PostgresStoreHost(server));

/// <summary>
/// The seats of a slot are counted by the database, not only by the engine: plain SQL that bypasses the store cannot
/// put more seats in a slot than it has, give a seat another time than its slot's, or let a seat overlap anything but
/// the other seats of its slot. And stores of several nodes racing over one database book exactly the seats there are.
/// </summary>
public abstract class SeatGuardTests : IDisposable
{
    private static readonly Instant Nine = Utc(Date(2027, 3, 1), 9);
    private static readonly MeetingType Class = new(Duration.FromHours(1), seats: 4);

    private readonly IStoreHost host;

    protected SeatGuardTests(IStoreHost host)
    {
        this.host = host;
        ExecuteAsync("""
            INSERT INTO owners (id, created_at) VALUES ('ana', 0);
            INSERT INTO seat_slots (id, owner_id, meeting_type, start_utc, end_utc, blocked_start_utc, blocked_end_utc, capacity) VALUES ('s1', 'ana', 'class', 1000, 2000, 1000, 2000, 2);
            INSERT INTO seat_slots (id, owner_id, meeting_type, start_utc, end_utc, blocked_start_utc, blocked_end_utc, capacity) VALUES ('s2', 'ana', 'class', 1500, 2500, 1500, 2500, 2);
            """).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_seat_slot_takes_its_capacity_and_no_more()
    {
        await InsertSeatAsync("a", "s1", 1000, 2000);
        await InsertSeatAsync("b", "s1", 1000, 2000);

        var error = await Record.ExceptionAsync(() => InsertSeatAsync("c", "s1", 1000, 2000));

        Assert.True(host.IsConflict(Assert.IsAssignableFrom<DbException>(error)), error.Message);
        Assert.Equal(["a", "b"], await BookingIdsAsync());
        Assert.Equal([2], await QueryAsync("SELECT taken FROM seat_slots WHERE id = 's1';", r => Convert.ToInt32(r.GetValue(0))));
    }

    [Fact]
    public async Task A_cancelled_seat_frees_its_place_and_taking_it_back_counts_again()
    {
        await InsertSeatAsync("a", "s1", 1000, 2000);
        await InsertSeatAsync("b", "s1", 1000, 2000);
        await ExecuteAsync($"UPDATE bookings SET status = 'cancelled', holds_time = {Sql(false)} WHERE id = 'a';");
        await InsertSeatAsync("c", "s1", 1000, 2000);

        var error = await Record.ExceptionAsync(() => ExecuteAsync($"UPDATE bookings SET status = 'active', holds_time = {Sql(true)} WHERE id = 'a';"));

        Assert.True(host.IsConflict(Assert.IsAssignableFrom<DbException>(error)), error.Message);
        Assert.Equal([2], await QueryAsync("SELECT taken FROM seat_slots WHERE id = 's1';", r => Convert.ToInt32(r.GetValue(0))));
    }

    [Theory]
    [InlineData(1000, 1900)] // shorter than its slot
    [InlineData(1100, 2100)] // another start
    public async Task A_seat_has_its_slots_times(long start, long end)
    {
        await Assert.ThrowsAnyAsync<DbException>(() => InsertSeatAsync("odd", "s1", start, end));

        Assert.Empty(await BookingIdsAsync());
    }

    [Fact]
    public async Task Seats_of_two_slots_or_a_seat_and_a_booking_may_not_overlap()
    {
        await InsertSeatAsync("a", "s1", 1000, 2000);

        var otherSlot = await Record.ExceptionAsync(() => InsertSeatAsync("b", "s2", 1500, 2500));
        var plain = await Record.ExceptionAsync(() => ExecuteAsync(
            "INSERT INTO bookings (id, owner_id, invitee, start_utc, end_utc, blocked_start_utc, blocked_end_utc, created_at) VALUES ('p', 'ana', 'x', 1800, 2800, 1800, 2800, 0);"));

        Assert.True(host.IsConflict(Assert.IsAssignableFrom<DbException>(otherSlot)), otherSlot.Message);
        Assert.True(host.IsConflict(Assert.IsAssignableFrom<DbException>(plain)), plain.Message);
        Assert.Equal(["a"], await BookingIdsAsync());
    }

    [Fact]
    public async Task Stores_of_four_nodes_racing_for_one_class_book_exactly_its_seats()
    {
        var nodes = Enumerable.Range(0, 4).Select(_ => host.NewStores()).ToList();
        await nodes[0].Availability.AddRulesAsync("ana", [Rule(Date(2027, 3, 1), Date(2027, 3, 1), 9, 12)], Now, CancellationToken.None);
        var slot = new Slot(Nine, Nine + Duration.FromHours(1));

        using var go = new SemaphoreSlim(0);
        var attempts = Enumerable.Range(0, Class.Seats!.Value + 32).Select(i => Task.Run(async () =>
        {
            await go.WaitAsync();
            return await nodes[i % nodes.Count].Bookings.BookAsync("ana", new BookingRequest($"guest{i}", slot), Class, "class", Now, CancellationToken.None);
        })).ToList();
        go.Release(attempts.Count);
        var results = await Task.WhenAll(attempts);

        var booked = results.OfType<BookingAttempt.Booked>().Select(b => b.Booking).ToList();
        Assert.Equal(Class.Seats, booked.Count);
        Assert.All(results.OfType<BookingAttempt.Refused>(), r => Assert.Equal(BookingOutcome.Taken, r.Reason));
        Assert.Equal(results.Length, booked.Count + results.OfType<BookingAttempt.Refused>().Count());
        var seats = (await nodes[0].Bookings.ListSeatsAsync(booked[0].SeatSlotId!, CancellationToken.None))!;
        Assert.Equal(booked.Select(b => b.Id).Order(), seats.Seats.Select(s => s.Id).Order());
        Assert.Equal(0, seats.Left);
        var read = await nodes[1].Bookings.LoadScheduleAsync("ana", new DateInterval(Date(2027, 3, 1), Date(2027, 3, 1)), Now, CancellationToken.None);
        Assert.DoesNotContain(slot, read!.Schedule.FreeSlotsOn(Date(2027, 3, 1), Class, "class"));
    }

    private static string Sql(bool value) => StoreHostSql.Sql(value);

    private Task InsertSeatAsync(string id, string seatSlot, long start, long end) =>
        ExecuteAsync(
            "INSERT INTO bookings (id, owner_id, meeting_type, invitee, start_utc, end_utc, blocked_start_utc, blocked_end_utc, created_at, seat_slot_id) " +
            $"VALUES ('{id}', 'ana', 'class', 'x', {start}, {end}, {start}, {end}, 0, '{seatSlot}');");

    private Task<List<string>> BookingIdsAsync() => QueryAsync("SELECT id FROM bookings ORDER BY id;", r => r.GetString(0));

    private Task ExecuteAsync(string sql) => host.ExecuteAsync(sql);

    private Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read) => host.QueryAsync(sql, read);
}
