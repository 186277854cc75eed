using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;
using static Agenda.Storage.Tests.Values;

namespace Agenda.Storage.Tests;

public sealed class LifecycleStoreOnSqliteTests() : LifecycleStoreTests(new SqliteFile());

[Collection(PostgresCollection.Name)]
public sealed class LifecycleStoreOnPostgresTests(Agenda.Testing.PostgresServer server) : LifecycleStoreTests(new PostgresStoreHost(server));

/// <summary>
/// Cancelling, moving and idempotent booking on a real database: the store applies the engine's decision, and a
/// refusal writes nothing (no status change, no history, no version bump, no idempotency key).
/// </summary>
public abstract class LifecycleStoreTests : IDisposable
{
    private static readonly LocalDate Day = Date(2024, 12, 2);
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly MeetingType Intro = new(Duration.FromHours(1));

    private readonly IStoreHost host;
    private readonly Stores stores;

    protected LifecycleStoreTests(IStoreHost host)
    {
        this.host = host;
        stores = host.NewStores();
    }

    public void Dispose()
    {
        host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task CancelAsync_ActiveBooking_CancelsItAndFreesItsTime()
    {
        var booking = await BookedAt(10);

        var result = await stores.Bookings.CancelAsync(booking.Id, "invitee", "ill", Now, None);

        Assert.Equal(ChangeOutcome.Allowed, result!.Outcome);
        Assert.Equal(BookingStatus.Cancelled, (await stores.Bookings.GetBookingAsync(booking.Id, None))!.Status);
        Assert.IsType<BookingAttempt.Booked>(await stores.Bookings.BookAsync("ana", Request("cy", 10), Intro, "intro", Now, None));
    }

    [Fact]
    public async Task CancelAsync_Twice_IsRefusedAndChangesNothing()
    {
        var booking = await BookedAt(10);
        await stores.Bookings.CancelAsync(booking.Id, "invitee", "first", Now, None);
        var version = await Version();

        var result = await stores.Bookings.CancelAsync(booking.Id, "owner", "second", Now, None);

        Assert.Equal(ChangeOutcome.AlreadyCancelled, result!.Outcome);
        Assert.Equal("first", (await stores.Bookings.GetBookingAsync(booking.Id, None))!.CancelReason);
        Assert.Equal(version, await Version());
    }

    [Fact]
    public async Task CancelAsync_MeetingStartingNow_IsRefusedAsBegun()
    {
        var booking = await BookedAt(10);

        var result = await stores.Bookings.CancelAsync(booking.Id, "invitee", null, Utc(Day, 10), None);

        Assert.Equal(ChangeOutcome.AlreadyBegun, result!.Outcome);
        Assert.True((await stores.Bookings.GetBookingAsync(booking.Id, None))!.IsActive);
    }

    [Fact]
    public async Task CancelAsync_UnknownBooking_IsNull() =>
        Assert.Null(await stores.Bookings.CancelAsync("nope", "invitee", null, Now, None));

    [Fact]
    public async Task RescheduleAsync_DeletedMeetingType_IsRefusedAndKeepsTheTime()
    {
        var booking = await BookedAt(10);
        await stores.MeetingTypes.DeleteMeetingTypeAsync("ana", "intro", None);

        var attempt = await stores.Bookings.RescheduleAsync(booking.Id, Utc(Day, 11), Now, None);

        Assert.Equal(ChangeOutcome.MeetingTypeDeleted, Assert.IsType<BookingAttempt.NotChangeable>(attempt).Reason);
        Assert.Equal(Utc(Day, 10), (await stores.Bookings.GetBookingAsync(booking.Id, None))!.Slot.Start);
        Assert.Empty(await stores.Bookings.GetBookingHistoryAsync(booking.Id, None));
    }

    [Fact]
    public async Task RescheduleAsync_FreeSlot_MovesTheBookingAndKeepsItsHistory()
    {
        var booking = await BookedAt(10);

        var attempt = await stores.Bookings.RescheduleAsync(booking.Id, Utc(Day, 11), Now, None);

        var moved = Assert.IsType<BookingAttempt.Booked>(attempt).Booking;
        Assert.Equal(new Slot(Utc(Day, 11), Utc(Day, 12)), moved.Slot);
        Assert.Equal(1, moved.Sequence);
        Assert.Equal([new Slot(Utc(Day, 10), Utc(Day, 11))], await stores.Bookings.GetBookingHistoryAsync(booking.Id, None));
    }

    [Fact]
    public async Task BookIdempotentlyAsync_SameKeyAndRequest_ReplaysThePayloadAndBooksOnce()
    {
        await Availability();
        var key = new IdempotencyKey("ana/intro", "k1", "hash-1");

        var first = await stores.Bookings.BookIdempotentlyAsync("ana", Request("ben", 10), Intro, "intro", Now, key, b => $"payload of {b.Id}", None);
        var again = await stores.Bookings.BookIdempotentlyAsync("ana", Request("ben", 10), Intro, "intro", Now, key, _ => "never stored", None);

        var booked = Assert.IsType<BookingAttempt.Booked>(Assert.IsType<IdempotentBooking.Attempted>(first).Attempt).Booking;
        Assert.Equal($"payload of {booked.Id}", Assert.IsType<IdempotentBooking.Replayed>(again).Payload);
        Assert.Single((await stores.Bookings.ListUpcomingAsync("ana", Now, None))!);
    }

    [Fact]
    public async Task BookIdempotentlyAsync_SameKeyOtherRequest_IsKeyReused()
    {
        await Availability();
        await stores.Bookings.BookIdempotentlyAsync("ana", Request("ben", 10), Intro, "intro", Now, new IdempotencyKey("ana/intro", "k1", "hash-1"), _ => "p", None);

        var other = await stores.Bookings.BookIdempotentlyAsync("ana", Request("ben", 11), Intro, "intro", Now, new IdempotencyKey("ana/intro", "k1", "hash-2"), _ => "p", None);

        Assert.IsType<IdempotentBooking.KeyReused>(other);
        Assert.Single((await stores.Bookings.ListUpcomingAsync("ana", Now, None))!);
    }

    [Fact]
    public async Task BookIdempotentlyAsync_Refused_LeavesTheKeyUnused()
    {
        var taken = await BookedAt(10);
        var key = new IdempotencyKey("ana/intro", "k1", "hash-1");

        var refused = await stores.Bookings.BookIdempotentlyAsync("ana", Request("cy", 10), Intro, "intro", Now, key, _ => "p", None);
        await stores.Bookings.CancelAsync(taken.Id, "owner", null, Now, None);
        var retried = await stores.Bookings.BookIdempotentlyAsync("ana", Request("cy", 10), Intro, "intro", Now, key, _ => "p", None);

        Assert.Equal(BookingOutcome.Taken, Assert.IsType<BookingAttempt.Refused>(Assert.IsType<IdempotentBooking.Attempted>(refused).Attempt).Reason);
        Assert.IsType<BookingAttempt.Booked>(Assert.IsType<IdempotentBooking.Attempted>(retried).Attempt);
    }

    private async Task Availability()
    {
        if (await stores.Owners.FindOwnerAsync("ana", None) is null)
        {
            await stores.Availability.AddRulesAsync("ana", [Rule(Day, Day, 9, 17)], Now, None);
            Assert.IsType<OwnerWrite.Written>(await stores.MeetingTypes.CreateMeetingTypeAsync("ana", new StoredMeetingType("intro", "Intro", Intro), Now, None));
        }
    }

    private async Task<StoredBooking> BookedAt(int hour)
    {
        await Availability();
        return Assert.IsType<BookingAttempt.Booked>(await stores.Bookings.BookAsync("ana", Request("ben", hour), Intro, "intro", Now, None)).Booking;
    }

    private async Task<long> Version() => (await stores.Owners.FindOwnerAsync("ana", None))!.ScheduleVersion;

    private static BookingRequest Request(string invitee, int hour) => new(invitee, new Slot(Utc(Day, hour), Utc(Day, hour + 1)));
}
