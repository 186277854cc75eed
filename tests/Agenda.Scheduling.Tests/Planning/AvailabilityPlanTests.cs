using Agenda.Scheduling.Availability;
using NodaTime;
using static Agenda.Scheduling.Tests.Planning.Build;

namespace Agenda.Scheduling.Tests.Planning;

public sealed class AvailabilityPlanTests
{
    // 2027-03-01 is a Monday.
    private static readonly WeeklyHours WorkWeek = Weekly(
        (IsoDayOfWeek.Monday, Hours("09:00", "12:00")),
        (IsoDayOfWeek.Monday, Hours("13:00", "17:00")),
        (IsoDayOfWeek.Tuesday, Hours("09:00", "17:00")));

    [Fact]
    public void Weekly_hours_apply_on_their_weekday_with_every_range()
    {
        var plan = new AvailabilityPlan(WorkWeek, [], []);

        var windows = plan.WindowsOn(On("2027-03-01"));

        Assert.Equal([(At("09:00"), At("12:00")), (At("13:00"), At("17:00"))], windows.Select(w => (w.Start.TimeOfDay, w.End.TimeOfDay)));
    }

    [Fact]
    public void A_weekday_without_hours_is_a_day_off()
    {
        var plan = new AvailabilityPlan(WorkWeek, [], []);

        Assert.Empty(plan.WindowsOn(On("2027-03-03")));
    }

    [Fact]
    public void Weekly_hours_and_range_rules_are_united_and_merged()
    {
        var rule = new DateRangeRule(new DateInterval(On("2027-03-01"), On("2027-03-01")), Hours("11:00", "14:00"));
        var plan = new AvailabilityPlan(WorkWeek, [rule], []);

        var windows = plan.WindowsOn(On("2027-03-01"));

        Assert.Equal([(At("09:00"), At("17:00"))], windows.Select(w => (w.Start.TimeOfDay, w.End.TimeOfDay)));
    }

    [Fact]
    public void An_unavailable_override_wins_over_weekly_hours_and_rules()
    {
        var rule = new DateRangeRule(new DateInterval(On("2027-02-01"), On("2027-04-01")), Hours("18:00", "20:00"));
        var plan = new AvailabilityPlan(WorkWeek, [rule], [DateOverride.Unavailable(On("2027-03-01"))]);

        Assert.Empty(plan.WindowsOn(On("2027-03-01")));
        Assert.NotEmpty(plan.WindowsOn(On("2027-03-02")));
    }

    [Fact]
    public void Override_hours_replace_everything_else_on_their_date()
    {
        var plan = new AvailabilityPlan(WorkWeek, [], [new DateOverride(On("2027-03-01"), [Hours("20:00", "24:00")])]);

        var window = Assert.Single(plan.WindowsOn(On("2027-03-01")));

        Assert.Equal(On("2027-03-01").At(At("20:00")), window.Start);
        Assert.Equal(On("2027-03-02").AtMidnight(), window.End);
    }

    [Fact]
    public void An_empty_plan_offers_nothing()
    {
        Assert.Empty(new AvailabilityPlan(WeeklyHours.None, [], []).WindowsOn(On("2027-03-01")));
    }
}
