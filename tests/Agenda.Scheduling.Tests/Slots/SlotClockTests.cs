using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Scheduling.Tests.Slots;

public sealed class SlotClockTests
{
    private static readonly Instant Now = Instant.FromUtc(2027, 3, 1, 9, 0);
    private static readonly Duration Hour = Duration.FromHours(1);

    private static Slot At(Instant start) => new(start, start + Hour);

    [Fact]
    public void Bookable_SlotStartingExactlyNow_IsOffered() =>
        Assert.Single(new[] { At(Now) }.Bookable(MeetingType.Default, Now));

    [Fact]
    public void Bookable_SlotThatHasBegun_IsNotOffered() =>
        Assert.Empty(new[] { At(Now - Duration.FromTicks(1)) }.Bookable(MeetingType.Default, Now));

    [Fact]
    public void Bookable_MinimumNotice_KeepsSlotsStartingAtOrAfterNowPlusNotice()
    {
        var type = new MeetingType(Hour, minimumNotice: Duration.FromMinutes(120));
        var slots = new[] { At(Now + Duration.FromMinutes(119)), At(Now + Duration.FromMinutes(120)) };

        Assert.Equal([slots[1]], slots.Bookable(type, Now));
    }

    [Fact]
    public void Bookable_Horizon_KeepsSlotsStartingAtOrBeforeNowPlusHorizon()
    {
        var type = new MeetingType(Hour, horizon: Duration.FromDays(1));
        var slots = new[] { At(Now + Duration.FromDays(1)), At(Now + Duration.FromDays(1) + Duration.FromMinutes(1)) };

        Assert.Equal([slots[0]], slots.Bookable(type, Now));
    }
}
