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

    /// <summary>
    /// The merged windows of the slots that start on <paramref name="date"/>, sorted by start. Availability that runs
    /// through midnight is one window: when the date's last window ends at 24:00 and the next date's first one starts
    /// at 00:00, the window goes on to that one's end (slots may start only before the midnight, see
    /// <see cref="LocalWindow.StartsBefore"/>), so a meeting may run from one date into the next, whatever the clocks
    /// do at that midnight (repeated in Havana, skipped in Santiago). One next date is enough for a meeting of at most
    /// a day.
    /// </summary>
    public IReadOnlyList<LocalWindow> WindowsOn(LocalDate date) => WindowsOn(date, throughMidnight: true);

    /// <summary>
    /// The date's windows as <see cref="WindowsOn(LocalDate)"/> gives them, but without running on into the next date's
    /// when <paramref name="throughMidnight"/> is false: when the next date's hours are in another zone
    /// (<see cref="HoursZones"/>), its midnight is another instant.
    /// </summary>
    public IReadOnlyList<LocalWindow> WindowsOn(LocalDate date, bool throughMidnight)
    {
        var own = OwnWindowsOn(date);
        if (own.Count == 0 || date == LocalDate.MaxIsoValue || !throughMidnight)
        {
            return own;
        }

        var midnight = date.PlusDays(1).AtMidnight();
        if (own[^1].End != midnight || OwnWindowsOn(date.PlusDays(1)) is not [var next, ..] || next.Start != midnight)
        {
            return own;
        }

        return [.. own.Take(own.Count - 1), new LocalWindow(own[^1].Start, next.End, midnight)];
    }

    /// <summary>Whether a date override gives <paramref name="date"/>'s hours (then weekly hours and rules do not count that date).</summary>
    public bool HasOverrideOn(LocalDate date) => Overrides.Any(o => o.Date == date);

    /// <summary>The date's own windows, merged: those of its override, or of its weekday's hours and its rules.</summary>
    private IReadOnlyList<LocalWindow> OwnWindowsOn(LocalDate date)
    {
        var dateOverride = Overrides.FirstOrDefault(o => o.Date == date);
        var hours = dateOverride is not null
            ? dateOverride.Hours
            : Weekly.On(date.DayOfWeek).Concat(Rules.Where(r => r.AppliesOn(date)).Select(r => r.Hours));
        return WindowMerger.MergeOverlapping(hours.Select(h => h.On(date)));
    }
}
