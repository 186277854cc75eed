using Agenda.Scheduling.Availability;
using NodaTime;

namespace Agenda.Scheduling.Tests.Availability;

public sealed class DateRangeRuleTests
{
    private static readonly TimeOfDayRange Morning = new(new LocalTime(9, 0), new LocalTime(12, 0));

    [Fact]
    public void AppliesOn_FirstAndLastDate_AreIncluded()
    {
        var rule = new DateRangeRule(new DateInterval(new LocalDate(2027, 3, 1), new LocalDate(2027, 3, 3)), Morning);

        Assert.True(rule.AppliesOn(new LocalDate(2027, 3, 1)));
        Assert.True(rule.AppliesOn(new LocalDate(2027, 3, 3)));
        Assert.False(rule.AppliesOn(new LocalDate(2027, 2, 28)));
        Assert.False(rule.AppliesOn(new LocalDate(2027, 3, 4)));
    }
}

public sealed class DateOverrideTests
{
    [Fact]
    public void Unavailable_HasNoHours() =>
        Assert.True(DateOverride.Unavailable(new LocalDate(2027, 3, 1)).IsUnavailable);

    [Fact]
    public void Equals_SameDateAndHours_AreEqual() =>
        Assert.Equal(
            new DateOverride(new LocalDate(2027, 3, 1), [new TimeOfDayRange(new LocalTime(9, 0), new LocalTime(10, 0))]),
            new DateOverride(new LocalDate(2027, 3, 1), [new TimeOfDayRange(new LocalTime(9, 0), new LocalTime(10, 0))]));
}
