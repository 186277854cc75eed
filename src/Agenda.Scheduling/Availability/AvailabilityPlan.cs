using NodaTime;

namespace Agenda.Scheduling.Availability;

/// <summary>
/// Everything that says when an owner is available, in their zone: weekly hours, date-range rules and
/// date overrides. On a date with an override, only the override counts; on any other date, the union
/// of that weekday's hours and every date-range rule that covers the date.
/// </summary>
public sealed record AvailabilityPlan(WeeklyHours Weekly, IReadOnlyList<DateRangeRule> Rules, IReadOnlyList<DateOverride> Overrides)
{
    public static AvailabilityPlan FromRules(IReadOnlyList<DateRangeRule> rules) => new(WeeklyHours.None, rules, []);

    /// <summary>The merged windows on <paramref name="date"/>, sorted by start.</summary>
    public IReadOnlyList<LocalWindow> WindowsOn(LocalDate date)
    {
        var dateOverride = Overrides.FirstOrDefault(o => o.Date == date);
        var hours = dateOverride is not null
            ? dateOverride.Hours
            : Weekly.On(date.DayOfWeek).Concat(Rules.Where(r => r.AppliesOn(date)).Select(r => r.Hours));
        return WindowMerger.MergeOverlapping(hours.Select(h => h.On(date)));
    }
}
