using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Scheduling.Tests.MeetingTypes;

public sealed class MeetingTypeTests
{
    private static readonly Duration HalfHour = Duration.FromMinutes(30);

    [Fact]
    public void Step_Omitted_IsTheLength()
    {
        Assert.Equal(HalfHour, new MeetingType(HalfHour).Step);
    }

    [Fact]
    public void Default_IsTheDocumentedOneHourGridWithoutLimits()
    {
        Assert.Equal(SlotShape.OneHour, MeetingType.Default.Shape);
        Assert.Equal(Duration.Zero, MeetingType.Default.BufferBefore + MeetingType.Default.BufferAfter + MeetingType.Default.MinimumNotice);
        Assert.Null(MeetingType.Default.Horizon);
        Assert.Null(MeetingType.Default.MaxPerDay);
    }

    [Fact]
    public void Blocks_MeetingWithBuffers_CoversBothBuffers()
    {
        var type = new MeetingType(HalfHour, bufferBefore: Duration.FromMinutes(5), bufferAfter: Duration.FromMinutes(10));
        var start = Instant.FromUtc(2027, 3, 1, 9, 0);

        var blocked = type.Blocks(type.SlotAt(start));

        Assert.Equal(new Interval(start - Duration.FromMinutes(5), start + Duration.FromMinutes(40)), blocked);
    }

    /// <summary>The reach holds the blocked time of every slot starting in the span, from the first to the last possible start.</summary>
    [Fact]
    public void ReachOf_Span_HoldsTheBlockedTimeOfEverySlotStartingInIt()
    {
        var type = new MeetingType(HalfHour, bufferBefore: Duration.FromMinutes(5), bufferAfter: Duration.FromMinutes(10));
        var day = new Interval(Instant.FromUtc(2027, 3, 1, 0, 0), Instant.FromUtc(2027, 3, 2, 0, 0));

        var reach = type.ReachOf(day);

        Assert.Equal(type.Blocks(type.SlotAt(day.Start)).Start, reach.Start);
        Assert.Equal(reach.End - Duration.Epsilon, type.Blocks(type.SlotAt(day.End - Duration.Epsilon)).End);
    }

    [Fact]
    public void SlotAt_AnyStart_LastsTheLengthInElapsedTime()
    {
        var start = Instant.FromUtc(2027, 3, 28, 0, 30);

        var slot = new MeetingType(Duration.FromHours(2)).SlotAt(start);

        Assert.Equal(new Slot(start, start + Duration.FromHours(2)), slot);
    }

    [Fact]
    public void Constructor_LongestAllowedSettings_BlockExactlyMaxBlockedSpan()
    {
        var day = MeetingType.MaxLength;
        var type = new MeetingType(day, step: day, bufferBefore: day, bufferAfter: day);

        var blocked = type.Blocks(type.SlotAt(Instant.FromUtc(2027, 3, 1, 0, 0)));

        Assert.Equal(MeetingType.MaxBlockedSpan, blocked.Duration);
    }

    public static TheoryData<string, Func<MeetingType>> InvalidSettings => new()
    {
        { "zero length", () => new MeetingType(Duration.Zero) },
        { "length over a day", () => new MeetingType(MeetingType.MaxLength + Duration.FromMinutes(1)) },
        { "length not in whole minutes", () => new MeetingType(HalfHour + Duration.FromSeconds(1)) },
        { "zero step", () => new MeetingType(HalfHour, step: Duration.Zero) },
        { "step over a day", () => new MeetingType(HalfHour, step: Duration.FromDays(2)) },
        { "negative buffer", () => new MeetingType(HalfHour, bufferAfter: Duration.FromMinutes(-1)) },
        { "buffer before over a day", () => new MeetingType(HalfHour, bufferBefore: MeetingType.MaxLength + Duration.FromMinutes(1)) },
        { "buffer after over a day", () => new MeetingType(HalfHour, bufferAfter: MeetingType.MaxLength + Duration.FromMinutes(1)) },
        { "buffer not in whole minutes", () => new MeetingType(HalfHour, bufferBefore: Duration.FromSeconds(90)) },
        { "negative notice", () => new MeetingType(HalfHour, minimumNotice: Duration.FromMinutes(-1)) },
        { "notice not in whole minutes", () => new MeetingType(HalfHour, minimumNotice: Duration.FromMilliseconds(1)) },
        { "zero horizon", () => new MeetingType(HalfHour, horizon: Duration.Zero) },
        { "horizon not in whole days", () => new MeetingType(HalfHour, horizon: Duration.FromHours(36)) },
        { "cap of zero", () => new MeetingType(HalfHour, maxPerDay: 0) },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Constructor_InvalidSetting_Throws(string setting, Func<MeetingType> create)
    {
        Assert.False(string.IsNullOrEmpty(setting));
        Assert.Throws<ArgumentOutOfRangeException>(create);
    }
}
