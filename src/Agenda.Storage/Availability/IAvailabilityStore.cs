using Agenda.Scheduling.Availability;
using NodaTime;

namespace Agenda.Storage;

/// <summary>
/// An owner's availability in wall-clock times of their zone: weekly hours, date-range rules and date overrides.
/// Reads return null and writes false for an unknown owner, and then change nothing.
/// </summary>
public interface IAvailabilityStore
{
    /// <summary>
    /// Adds the date-range rules an owner does not have yet, creating the owner (in UTC) on first use.
    /// A rule the owner already has is ignored, so posting the same rules twice changes nothing.
    /// </summary>
    /// <returns><see cref="OwnerWrite.Written"/> with how many rules were new, or <see cref="OwnerWrite.LimitReached"/>
    /// (<see cref="OwnerLimits.MaxRules"/>) if the new rules would take the owner past the cap; then nothing is added.</returns>
    Task<OwnerWrite> AddRulesAsync(string ownerId, IReadOnlyList<DateRangeRule> rules, Instant now, CancellationToken cancellationToken);

    Task<IReadOnlyList<DateRangeRule>?> GetRulesAsync(string ownerId, CancellationToken cancellationToken);

    /// <summary>Replaces all the owner's date-range rules (an empty list deletes them); refused with <see cref="OwnerWrite.LimitReached"/> for more than <see cref="OwnerLimits.MaxRules"/>.</summary>
    Task<OwnerWrite> ReplaceRulesAsync(string ownerId, IReadOnlyList<DateRangeRule> rules, CancellationToken cancellationToken);

    Task<WeeklyHours?> GetWeeklyHoursAsync(string ownerId, CancellationToken cancellationToken);

    /// <summary>Replaces the owner's weekly hours (<see cref="WeeklyHours.None"/> deletes them).</summary>
    Task<bool> ReplaceWeeklyHoursAsync(string ownerId, WeeklyHours hours, CancellationToken cancellationToken);

    Task<IReadOnlyList<DateOverride>?> GetOverridesAsync(string ownerId, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the override of each date in <paramref name="overrides"/> (one per date), replacing those that were there, in
    /// one transaction: all are written or none. Past <see cref="OwnerLimits.MaxOverrides"/> dates in all, counting only
    /// dates that had no override, the write is refused with <see cref="OwnerWrite.LimitReached"/>.
    /// </summary>
    /// <returns><see cref="OwnerWrite.Written"/> with how many dates had no override before.</returns>
    Task<OwnerWrite> PutOverridesAsync(string ownerId, IReadOnlyList<DateOverride> overrides, CancellationToken cancellationToken);

    /// <summary>Removes the overrides of every date in <paramref name="dates"/> (both ends included); how many were removed (0 for an unknown owner).</summary>
    Task<int> DeleteOverridesAsync(string ownerId, DateInterval dates, CancellationToken cancellationToken);
}
