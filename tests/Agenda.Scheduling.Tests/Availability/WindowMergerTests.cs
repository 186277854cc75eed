using Agenda.Scheduling.Availability;
using NodaTime;

namespace Agenda.Scheduling.Tests.Availability;

public sealed class WindowMergerTests
{
    private static LocalWindow W(int from, int to) => new(new LocalDateTime(2027, 3, 1, from, 0), new LocalDateTime(2027, 3, 1, to, 0));

    [Fact]
    public void MergeOverlapping_OverlappingWindows_BecomeOne() =>
        Assert.Equal([W(9, 14)], WindowMerger.MergeOverlapping([W(9, 12), W(11, 14)]));

    [Fact]
    public void MergeOverlapping_TouchingWindows_BecomeOne() =>
        Assert.Equal([W(9, 13)], WindowMerger.MergeOverlapping([W(12, 13), W(9, 12)]));

    [Fact]
    public void MergeOverlapping_WindowInsideAnother_IsAbsorbed() =>
        Assert.Equal([W(9, 17)], WindowMerger.MergeOverlapping([W(9, 17), W(10, 11)]));

    [Fact]
    public void MergeOverlapping_SeparateWindows_StaySeparateAndSorted() =>
        Assert.Equal([W(9, 10), W(13, 14)], WindowMerger.MergeOverlapping([W(13, 14), W(9, 10)]));

    [Fact]
    public void MergeOverlapping_Nothing_IsNothing() =>
        Assert.Empty(WindowMerger.MergeOverlapping([]));
}
