using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Scheduling.Tests.Slots;

public sealed class BusyTimeTests
{
    private static Instant At(int hour, int minute = 0) => Instant.FromUtc(2027, 3, 1, hour, minute);

    private static Slot Hour(int hour) => new(At(hour), At(hour + 1));

    private static readonly IReadOnlyList<Slot> Morning = [Hour(9), Hour(10), Hour(11)];

    [Fact]
    public void FreeOf_NothingBusy_KeepsEverySlot() =>
        Assert.Equal(Morning, BusyTime.FreeOf(Morning, []));

    [Fact]
    public void FreeOf_BusyIntervalThatOnlyTouches_KeepsTheSlot() =>
        Assert.Equal(Morning, BusyTime.FreeOf(Morning, [new Interval(At(8), At(9)), new Interval(At(12), At(13))]));

    [Fact]
    public void FreeOf_PartialOverlap_RemovesTheSlot() =>
        Assert.Equal([Hour(9), Hour(11)], BusyTime.FreeOf(Morning, [new Interval(At(10, 30), At(10, 45))]));

    [Fact]
    public void FreeOf_OverlappingBusyIntervalsInAnyOrder_RemoveWhatTheyCoverTogether() =>
        Assert.Equal([Hour(11)], BusyTime.FreeOf(Morning, [new Interval(At(10), At(10, 30)), new Interval(At(9, 30), At(10, 15)), new Interval(At(8), At(9, 1))]));
}
