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
    /// Sets the override of its date, replacing one that was there; an override of a new date past
    /// <see cref="OwnerLimits.MaxOverrides"/> is refused with <see cref="OwnerWrite.LimitReached"/>.
    /// </summary>
    Task<OwnerWrite> PutOverrideAsync(string ownerId, DateOverride dateOverride, CancellationToken cancellationToken);

    /// <summary>Removes the override of a date; false if the owner or the override does not exist.</summary>
    Task<bool> DeleteOverrideAsync(string ownerId, LocalDate date, CancellationToken cancellationToken);
}
