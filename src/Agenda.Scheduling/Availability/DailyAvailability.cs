using NodaTime;

namespace Agenda.Scheduling.Availability;

/// <summary>What an owner's rules make available on one date.</summary>
public static class DailyAvailability
{
    /// <summary>
    /// The merged windows of every rule that applies on <paramref name="date"/>, sorted by start.
    /// Rules that do not apply on the date are ignored, so callers may pass more rules than needed.
    /// </summary>
    public static IReadOnlyList<LocalWindow> WindowsOn(LocalDate date, IEnumerable<DateRangeRule> rules) =>
        WindowMerger.MergeOverlapping(rules.Where(r => r.AppliesOn(date)).Select(r => r.Hours.On(date)));
}
