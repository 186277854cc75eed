using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Scheduling.Tests.Slots;

public sealed class SlotTests
{
    private static readonly Instant Nine = Instant.FromUtc(2027, 3, 1, 9, 0);
    private static readonly Instant Ten = Instant.FromUtc(2027, 3, 1, 10, 0);
    private static readonly Instant Eleven = Instant.FromUtc(2027, 3, 1, 11, 0);

    [Fact]
    public void Constructor_EndNotAfterStart_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Slot(Nine, Nine));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Slot(Ten, Nine));
    }

    [Fact]
    public void Overlaps_IntervalThatOnlyTouches_IsFalse()
    {
        var slot = new Slot(Nine, Ten);

        Assert.False(slot.Overlaps(new Interval(Ten, Eleven)));
        Assert.False(slot.Overlaps(new Interval(Nine - Duration.FromHours(1), Nine)));
    }

    [Fact]
    public void Overlaps_IntervalSharingOneTick_IsTrue() =>
        Assert.True(new Slot(Nine, Ten).Overlaps(new Interval(Ten - Duration.FromTicks(1), Eleven)));

    [Fact]
    public void LiesWithin_SameBounds_IsTrue() =>
        Assert.True(new Slot(Nine, Ten).LiesWithin(new Interval(Nine, Ten)));

    [Fact]
    public void LiesWithin_EndingPastTheInterval_IsFalse() =>
        Assert.False(new Slot(Nine, Eleven).LiesWithin(new Interval(Nine, Ten)));
}
