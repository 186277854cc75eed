using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;
using static Agenda.Storage.Tests.Values;

namespace Agenda.Storage.Tests;

public sealed class HoldStoreOnSqliteTests() : HoldStoreTests(new SqliteFile());

[Collection(PostgresCollection.Name)]
public sealed class HoldStoreOnPostgresTests(Agenda.Testing.PostgresServer server) : HoldStoreTests(new PostgresStoreHost(server));

/// <summary>Holds keep a slot from every other booking, hold and search until they expire, are released or are booked.</summary>
public abstract class HoldStoreTests(IStoreHost host) : IDisposable
{
    private static readonly LocalDate Day = Date(2024, 12, 2);
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly Duration Minutes5 = Duration.FromMinutes(5);
    private static readonly MeetingType Type = MeetingType.Default;

    public void Dispose()
    {
        host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_held_slot_is_refused_to_other_bookings_and_holds_and_left_out_of_searches()
    {
        var stores = await OwnerAsync();
        Assert.IsType<HoldAttempt.Held>(await stores.Bookings.HoldAsync("ana", "h1", Hour(10), Type, "", Now, Now + Minutes5, None));

        Assert.Equal(BookingOutcome.Taken, Refusal(await stores.Bookings.BookAsync("ana", new BookingRequest("Bo", Hour(10)), Type, "", Now, None)));
        Assert.Equal(BookingOutcome.Taken, Assert.IsType<HoldAttempt.Refused>(await stores.Bookings.HoldAsync("ana", "h2", Hour(10), Type, "", Now, Now + Minutes5, None)).Reason);
        var read = (await stores.Bookings.LoadScheduleAsync("ana", new DateInterval(Day, Day), Now, None))!;
        Assert.DoesNotContain(Hour(10), read.Schedule.FreeSlotsOn(Day, Type, ""));
        Assert.Contains(Hour(11), read.Schedule.FreeSlotsOn(Day, Type, ""));
        Assert.Equal(Now + Minutes5, read.HoldsChangeAt);
    }

    [Fact]
    public async Task The_holder_books_the_held_slot_and_the_hold_is_used_up()
    {
        var stores = await OwnerAsync();
        await stores.Bookings.HoldAsync("ana", "h1", Hour(10), Type, "", Now, Now + Minutes5, None);

        var booked = Assert.IsType<BookingAttempt.Booked>(await stores.Bookings.BookAsync("ana", new BookingRequest("Cy", Hour(10), HoldId: "h1"), Type, "", Now, None));

        Assert.Equal(Hour(10), booked.Booking.Slot);
        Assert.False(await stores.Bookings.ReleaseHoldAsync("h1", None));
        var read = (await stores.Bookings.LoadScheduleAsync("ana", new DateInterval(Day, Day), Now, None))!;
        Assert.Null(read.HoldsChangeAt);
    }

    [Fact]
    public async Task A_hold_named_for_another_slot_or_type_keeps_its_own_slot()
    {
        var stores = await OwnerAsync();
        await stores.Bookings.HoldAsync("ana", "h1", Hour(10), Type, "call", Now, Now + Minutes5, None);

        Assert.Equal(BookingOutcome.Taken, Refusal(await stores.Bookings.BookAsync("ana", new BookingRequest("Cy", Hour(10), HoldId: "h1"), Type, "", Now, None)));
        Assert.Equal(BookingOutcome.Taken, Refusal(await stores.Bookings.BookAsync("ana", new BookingRequest("Cy", Hour(10), HoldId: "other"), Type, "call", Now, None)));
        Assert.IsType<BookingAttempt.Booked>(await stores.Bookings.BookAsync("ana", new BookingRequest("Cy", Hour(10), HoldId: "h1"), Type, "call", Now, None));
    }

    [Fact]
    public async Task An_expired_hold_blocks_nothing()
    {
        var stores = await OwnerAsync();
        await stores.Bookings.HoldAsync("ana", "h1", Hour(10), Type, "", Now, Now + Minutes5, None);
        var later = Now + Minutes5;

        Assert.IsType<HoldAttempt.Held>(await stores.Bookings.HoldAsync("ana", "h2", Hour(10), Type, "", later, later + Minutes5, None));
        Assert.IsType<BookingAttempt.Booked>(await stores.Bookings.BookAsync("ana", new BookingRequest("Bo", Hour(10), HoldId: "h2"), Type, "", later, None));
        // The first hold's row went with the second hold: nothing is left to release.
        Assert.False(await stores.Bookings.ReleaseHoldAsync("h1", None));
    }

    [Fact]
    public async Task A_released_hold_frees_its_slot_and_raises_the_version()
    {
        var stores = await OwnerAsync();
        await stores.Bookings.HoldAsync("ana", "h1", Hour(10), Type, "", Now, Now + Minutes5, None);
        var before = (await stores.Owners.FindOwnerAsync("ana", None))!.ScheduleVersion;

        Assert.True(await stores.Bookings.ReleaseHoldAsync("h1", None));

        Assert.Equal(before + 1, (await stores.Owners.FindOwnerAsync("ana", None))!.ScheduleVersion);
        Assert.IsType<BookingAttempt.Booked>(await stores.Bookings.BookAsync("ana", new BookingRequest("Bo", Hour(10)), Type, "", Now, None));
        Assert.False(await stores.Bookings.ReleaseHoldAsync("h1", None));
    }

    [Fact]
    public async Task A_hold_blocks_with_the_buffers_of_its_meeting_type()
    {
        var stores = await OwnerAsync();
        var buffered = new MeetingType(Duration.FromMinutes(30), bufferAfter: Duration.FromMinutes(30));
        var slot = new Slot(Hour(10).Start, Hour(10).Start + Duration.FromMinutes(30));
        await stores.Bookings.HoldAsync("ana", "h1", slot, buffered, "call", Now, Now + Minutes5, None);

        // 10:30 is inside the held slot's buffer.
        var next = new Slot(slot.End, slot.End + Duration.FromMinutes(30));
        Assert.Equal(BookingOutcome.Taken, Refusal(await stores.Bookings.BookAsync("ana", new BookingRequest("Bo", next), buffered, "call", Now, None)));
    }

    [Fact]
    public async Task Of_many_holds_racing_for_one_slot_exactly_one_is_taken_and_no_booking_gets_past_it()
    {
        var nodes = Enumerable.Range(0, 4).Select(_ => host.NewStores()).ToList();
        await nodes[0].Availability.AddRulesAsync("ana", [Rule(Day, Day, 9, 17)], Now, None);

        var holds = Enumerable.Range(0, 24).Select(i => nodes[i % 4].Bookings.HoldAsync("ana", $"h{i}", Hour(10), Type, "", Now, Now + Minutes5, None));
        var bookings = Enumerable.Range(0, 8).Select(i => nodes[i % 4].Bookings.BookAsync("ana", new BookingRequest($"b{i}", Hour(10)), Type, "", Now, None));
        var held = (await Task.WhenAll(holds)).OfType<HoldAttempt.Held>().ToList();
        var booked = (await Task.WhenAll(bookings)).OfType<BookingAttempt.Booked>().ToList();

        // Either one hold or one booking took the hour, never both and never two.
        Assert.Equal(1, held.Count + booked.Count);
    }

    [Fact]
    public async Task A_refused_hold_or_booking_leaves_its_node_knowing_the_version_that_refused_it()
    {
        // The hold is taken through another store, so this node has not heard of it: the taker's own report of its
        // version may come later than the refusal it caused (it runs after the commit, on the taker's thread).
        var stores = await OwnerAsync();
        var changes = new ScheduleChanges();
        var node = host.NewStores(changes: changes);
        Assert.IsType<HoldAttempt.Held>(await stores.Bookings.HoldAsync("ana", "h1", Hour(10), Type, "", Now, Now + Minutes5, None));
        var version = (await stores.Bookings.LoadScheduleAsync("ana", new DateInterval(Day, Day), Now, None))!.Owner.ScheduleVersion;
        var epoch = changes.Epoch;
        Assert.True(changes.IsCurrent("ana", version - 1, epoch));

        Assert.IsType<HoldAttempt.Refused>(await node.Bookings.HoldAsync("ana", "h2", Hour(10), Type, "", Now, Now + Minutes5, None));

        Assert.False(changes.IsCurrent("ana", version - 1, epoch));
        Assert.True(changes.IsCurrent("ana", version, epoch));

        Assert.IsType<HoldAttempt.Held>(await stores.Bookings.HoldAsync("ana", "h3", Hour(11), Type, "", Now, Now + Minutes5, None));
        Assert.Equal(BookingOutcome.Taken, Refusal(await node.Bookings.BookAsync("ana", new BookingRequest("Bo", Hour(11)), Type, "", Now, None)));
        Assert.False(changes.IsCurrent("ana", version, epoch));
    }

    private async Task<Stores> OwnerAsync()
    {
        var stores = host.NewStores();
        await stores.Availability.AddRulesAsync("ana", [Rule(Day, Day, 9, 17)], Now, None);
        return stores;
    }

    private static Slot Hour(int hour) => new(Utc(Day, hour), Utc(Day, hour + 1));

    private static BookingOutcome Refusal(BookingAttempt attempt) => Assert.IsType<BookingAttempt.Refused>(attempt).Reason;
}
