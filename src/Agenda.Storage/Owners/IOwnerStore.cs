using Agenda.Scheduling.Booking;
using NodaTime;

namespace Agenda.Storage;

/// <summary>Owners: the people who publish availability, each in their own time zone.</summary>
public interface IOwnerStore
{
    /// <summary>Creates an owner; false if the id is taken.</summary>
    Task<bool> CreateOwnerAsync(string ownerId, string? displayName, DateTimeZone zone, Instant now, CancellationToken cancellationToken);

    /// <summary>The owner's name, zone and current schedule version, or null for an owner who does not exist.</summary>
    Task<OwnerSnapshot?> FindOwnerAsync(string ownerId, CancellationToken cancellationToken);

    /// <summary>Changes the owner's name and zone (which moves every slot: availability is kept in wall-clock times); null for an unknown owner.</summary>
    Task<OwnerSnapshot?> UpdateOwnerAsync(string ownerId, string? displayName, DateTimeZone zone, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the owner's limits across all their meeting types and the day their weeks start on (which every weekly limit
    /// counts from); null for an unknown owner.
    /// </summary>
    Task<OwnerSnapshot?> SetBookingLimitsAsync(string ownerId, BookingLimits limits, IsoDayOfWeek firstDayOfWeek, CancellationToken cancellationToken);

    /// <summary>Replaces the owner's travel (the zones of their default hours on some dates), raising the schedule version; null for an unknown owner.</summary>
    Task<OwnerSnapshot?> SetTravelAsync(string ownerId, IReadOnlyList<Agenda.Scheduling.Availability.TravelPeriod> travel, CancellationToken cancellationToken);
}

/// <summary>An owner as the engine needs it. <see cref="ScheduleVersion"/> grows with every change that can change the owner's slots.</summary>
public sealed record OwnerSnapshot(string Id, string? DisplayName, DateTimeZone Zone, long ScheduleVersion)
{
    /// <summary>The owner's limits across all their meeting types, team bookings included.</summary>
    public BookingLimits Limits { get; init; } = BookingLimits.None;

    /// <summary>The day the owner's weeks start on, for weekly limits and the console's calendar.</summary>
    public IsoDayOfWeek FirstDayOfWeek { get; init; } = IsoDayOfWeek.Monday;

    /// <summary>The dates whose default hours are in another zone while the owner travels (named schedules keep their own).</summary>
    public IReadOnlyList<Agenda.Scheduling.Availability.TravelPeriod> Travel { get; init; } = [];

    public bool Equals(OwnerSnapshot? other) =>
        other is not null && Id == other.Id && DisplayName == other.DisplayName && Zone == other.Zone && ScheduleVersion == other.ScheduleVersion
        && Limits == other.Limits && FirstDayOfWeek == other.FirstDayOfWeek && Travel.SequenceEqual(other.Travel);

    public override int GetHashCode() => HashCode.Combine(Id, Zone, ScheduleVersion);

    /// <summary>The zones of the default hours, date by date; null when they are all in the owner's zone.</summary>
    public Agenda.Scheduling.Availability.HoursZones? DefaultHoursIn =>
        Travel.Count == 0 || new Agenda.Scheduling.Availability.HoursZones(Zone, Travel) is var zones && zones.IsAlways(Zone) ? null : zones;
}
