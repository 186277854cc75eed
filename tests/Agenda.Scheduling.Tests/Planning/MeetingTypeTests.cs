using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Scheduling.Tests.Planning;

public sealed class MeetingTypeTests
{
    [Fact]
    public void The_step_defaults_to_the_length()
    {
        Assert.Equal(Duration.FromMinutes(30), new MeetingType(Duration.FromMinutes(30)).Step);
    }

    [Fact]
    public void The_default_type_is_the_documented_one_hour_grid()
    {
        Assert.Equal(SlotShape.OneHour, MeetingType.Default.Shape);
        Assert.Equal(Duration.Zero, MeetingType.Default.BufferBefore + MeetingType.Default.BufferAfter + MeetingType.Default.MinimumNotice);
        Assert.Null(MeetingType.Default.Horizon);
        Assert.Null(MeetingType.Default.MaxPerDay);
    }

    [Fact]
    public void A_meeting_blocks_its_buffers()
    {
        var type = new MeetingType(Duration.FromMinutes(30), bufferBefore: Duration.FromMinutes(5), bufferAfter: Duration.FromMinutes(10));
        var start = Instant.FromUtc(2027, 3, 1, 9, 0);

        var blocked = type.Blocks(new Slot(start, start + Duration.FromMinutes(30)));

        Assert.Equal(new Interval(start - Duration.FromMinutes(5), start + Duration.FromMinutes(40)), blocked);
    }

    [Fact]
    public void Invalid_settings_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MeetingType(Duration.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MeetingType(Duration.FromMinutes(30), step: Duration.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MeetingType(Duration.FromMinutes(30), bufferAfter: Duration.FromMinutes(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MeetingType(Duration.FromMinutes(30), minimumNotice: Duration.FromMinutes(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MeetingType(Duration.FromMinutes(30), maxPerDay: 0));
    }
}
