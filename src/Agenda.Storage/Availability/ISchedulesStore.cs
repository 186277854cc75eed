using Agenda.Scheduling.Availability;
using NodaTime;

namespace Agenda.Storage;

/// <summary>
/// An owner's named schedules: sets of hours kept beside their default ones, each with weekly hours and date overrides in
/// the schedule's own zone (the owner's unless it names one; another while its owner travels). A meeting type uses one (<see cref="Agenda.Scheduling.MeetingTypes.MeetingType.Schedule"/>), or the
/// default hours when it names none.
/// </summary>
public interface ISchedulesStore
{
    /// <summary>The owner's schedules by id; null for an unknown owner.</summary>
    Task<IReadOnlyList<StoredSchedule>?> ListSchedulesAsync(string ownerId, CancellationToken cancellationToken);

    /// <summary>The schedule, or null when the owner has none of that id.</summary>
    Task<StoredSchedule?> GetScheduleAsync(string ownerId, string scheduleId, CancellationToken cancellationToken);

    /// <summary>Creates or replaces the schedule, raising the owner's schedule version; refused past <see cref="SchedulesPerOwner"/> schedules.</summary>
    Task<ScheduleWrite> PutScheduleAsync(string ownerId, StoredSchedule schedule, Instant now, CancellationToken cancellationToken);

    /// <summary>Deletes the schedule unless a meeting type of the owner's or a team type they host uses it.</summary>
    Task<ScheduleDeletion> DeleteScheduleAsync(string ownerId, string scheduleId, CancellationToken cancellationToken);

    /// <summary>How many schedules one owner may keep.</summary>
    const int SchedulesPerOwner = 20;
}

/// <summary>
/// A named set of hours: weekly hours and date overrides, in the schedule's own <see cref="TimeZone"/> (null: the
/// owner's), but on the dates of a <see cref="Travel"/> period, whose hours are in that period's zone.
/// </summary>
public sealed record StoredSchedule(string Id, string Name, WeeklyHours Weekly, IReadOnlyList<DateOverride> Overrides)
{
    public DateTimeZone? TimeZone { get; init; }

    public IReadOnlyList<TravelPeriod> Travel { get; init; } = [];

    public AvailabilityPlan Plan => new(Weekly, [], Overrides);

    /// <summary>The zones of the hours, date by date, for an owner in <paramref name="ownerZone"/>; null when every date's are the owner's.</summary>
    public HoursZones? ZonesFor(DateTimeZone ownerZone)
    {
        var zones = new HoursZones(TimeZone ?? ownerZone, Travel);
        return zones.IsAlways(ownerZone) ? null : zones;
    }
}

/// <summary>What saving a schedule came to.</summary>
public enum ScheduleWrite
{
    Saved,
    UnknownOwner,

    /// <summary>The owner keeps <see cref="ISchedulesStore.SchedulesPerOwner"/> schedules already; nothing was written.</summary>
    TooMany,
}

/// <summary>What deleting a schedule came to.</summary>
public abstract record ScheduleDeletion
{
    private ScheduleDeletion()
    {
    }

    public sealed record Deleted : ScheduleDeletion;

    /// <summary>No owner, or no schedule of that id.</summary>
    public sealed record NotFound : ScheduleDeletion;

    /// <summary>These meeting types (slugs) use it; nothing was deleted.</summary>
    public sealed record InUse(IReadOnlyList<string> MeetingTypes) : ScheduleDeletion;
}
