using Agenda.Scheduling.Booking;
using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Scheduling.Tests.Booking;

public sealed class SlotHoldsTests
{
    private static readonly Instant Now = Instant.FromUtc(2027, 3, 1, 8, 0);
    private static readonly Slot Ten = new(Instant.FromUtc(2027, 3, 1, 10, 0), Instant.FromUtc(2027, 3, 1, 11, 0));
    private static readonly SlotHold Held = new("h1", new Interval(Ten.Start, Ten.End), new Interval(Ten.Start, Ten.End + Duration.FromMinutes(15)), "call", Now + Duration.FromMinutes(5));

    [Fact]
    public void A_hold_is_active_up_to_but_not_at_its_expiry()
    {
        Assert.True(Held.IsActiveAt(Held.ExpiresAt - Duration.Epsilon));
        Assert.False(Held.IsActiveAt(Held.ExpiresAt));
    }

    [Fact]
    public void An_active_hold_blocks_its_time_with_buffers_among_the_bookings_in_order()
    {
        var early = ExistingBooking.Plain(new Interval(Ten.Start - Duration.FromHours(2), Ten.Start - Duration.FromHours(1)));
        var late = ExistingBooking.Plain(new Interval(Ten.End + Duration.FromHours(1), Ten.End + Duration.FromHours(2)));

        var busy = SlotHolds.BusyWith([early, late], [Held], Now, claim: null);

        Assert.Equal([early, new ExistingBooking(Held.Meeting, Held.Blocked, "call") { Kind = BlockKind.Hold }, late], busy);
    }

    [Fact]
    public void An_expired_hold_blocks_nothing()
    {
        Assert.Empty(SlotHolds.BusyWith([], [Held], Held.ExpiresAt, claim: null));
        Assert.Null(SlotHolds.FirstExpiry([Held], Held.ExpiresAt));
    }

    [Fact]
    public void Only_a_claim_of_the_same_slot_and_type_releases_the_hold()
    {
        Assert.Empty(SlotHolds.BusyWith([], [Held], Now, new HoldClaim("h1", Ten, "call")));
        Assert.Single(SlotHolds.BusyWith([], [Held], Now, new HoldClaim("h1", Ten, "other")));
        Assert.Single(SlotHolds.BusyWith([], [Held], Now, new HoldClaim("h2", Ten, "call")));
        Assert.Single(SlotHolds.BusyWith([], [Held], Now, new HoldClaim("h1", new Slot(Ten.Start, Ten.End + Duration.FromMinutes(30)), "call")));
    }

    [Fact]
    public void The_first_expiry_is_that_of_the_earliest_active_hold()
    {
        var later = Held with { Id = "h2", ExpiresAt = Held.ExpiresAt + Duration.FromMinutes(3) };

        Assert.Equal(Held.ExpiresAt, SlotHolds.FirstExpiry([later, Held], Now));
        Assert.Equal(later.ExpiresAt, SlotHolds.FirstExpiry([later, Held], Held.ExpiresAt));
    }
}
