using Agenda.Scheduling.Availability;
using NodaTime;

namespace Agenda.Scheduling.Tests.Availability;

public sealed class TimeOfDayRangeTests
{
    private static readonly LocalDate Day = new(2027, 3, 1);

    [Fact]
    public void Constructor_EndNotAfterStart_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimeOfDayRange(new LocalTime(9, 0), new LocalTime(9, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TimeOfDayRange(new LocalTime(10, 0), new LocalTime(9, 0)));
    }

    [Fact]
    public void Constructor_EndAtMidnight_MeansTheEndOfTheDay()
    {
        var range = new TimeOfDayRange(new LocalTime(22, 0), LocalTime.Midnight);

        Assert.True(range.EndsAtEndOfDay);
        Assert.Equal(new LocalWindow(Day.At(new LocalTime(22, 0)), Day.PlusDays(1).AtMidnight()), range.On(Day));
    }

    [Fact]
    public void On_OrdinaryRange_IsTheWindowOfThatDate() =>
        Assert.Equal(
            new LocalWindow(Day.At(new LocalTime(9, 0)), Day.At(new LocalTime(17, 0))),
            new TimeOfDayRange(new LocalTime(9, 0), new LocalTime(17, 0)).On(Day));

    [Fact]
    public void Constructor_WholeDay_IsAllowed() =>
        Assert.True(new TimeOfDayRange(LocalTime.Midnight, LocalTime.Midnight).EndsAtEndOfDay);
}
