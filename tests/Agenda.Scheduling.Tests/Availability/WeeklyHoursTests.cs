using Agenda.Scheduling.Availability;
using NodaTime;

namespace Agenda.Scheduling.Tests.Availability;

public sealed class WeeklyHoursTests
{
    private static readonly TimeOfDayRange Morning = new(new LocalTime(9, 0), new LocalTime(12, 0));

    [Fact]
    public void On_WeekdayWithoutHours_IsADayOff() =>
        Assert.Empty(new WeeklyHours(new Dictionary<IsoDayOfWeek, IReadOnlyList<TimeOfDayRange>> { [IsoDayOfWeek.Monday] = [Morning] }).On(IsoDayOfWeek.Tuesday));

    [Fact]
    public void Constructor_NoneAsAWeekday_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new WeeklyHours(new Dictionary<IsoDayOfWeek, IReadOnlyList<TimeOfDayRange>> { [IsoDayOfWeek.None] = [Morning] }));

    [Fact]
    public void Equals_SameRangesAndEmptyDaysLeftOut_AreEqual() =>
        Assert.Equal(
            new WeeklyHours(new Dictionary<IsoDayOfWeek, IReadOnlyList<TimeOfDayRange>> { [IsoDayOfWeek.Monday] = [Morning], [IsoDayOfWeek.Friday] = [] }),
            new WeeklyHours(new Dictionary<IsoDayOfWeek, IReadOnlyList<TimeOfDayRange>> { [IsoDayOfWeek.Monday] = [Morning] }));

    [Fact]
    public void IsEmpty_None_IsTrue() => Assert.True(WeeklyHours.None.IsEmpty);
}
