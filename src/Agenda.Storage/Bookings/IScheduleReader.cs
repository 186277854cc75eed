using Agenda.Scheduling;
using Agenda.Scheduling.Booking;
using NodaTime;

namespace Agenda.Storage;

/// <summary>Reads what the engine needs to compute an owner's slots.</summary>
public interface IScheduleReader
{
    /// <summary>
    /// What decides the owner's slots that start on <paramref name="dates"/> (in the owner's zone): weekly
    /// hours, the rules and overrides that touch those dates and the date after them (a window through midnight goes
    /// on into it), and the bookings that hold time near them, read in one
    /// snapshot together with the schedule version they belong to; null for an unknown owner. The holds active at
    /// <paramref name="now"/> count as bookings. With limits (the owner's, or those of <paramref name="forType"/>, the type
    /// searched), the bookings of every week, month or year they count over are read too; the hours are those of the
    /// type's schedule (<see cref="Scheduling.MeetingTypes.MeetingType.Schedule"/>), or the owner's default ones.
    /// </summary>
    Task<ScheduleRead?> LoadScheduleAsync(string ownerId, DateInterval dates, Instant now, CancellationToken cancellationToken, Scheduling.MeetingTypes.MeetingType? forType = null);
}

/// <summary>An owner's schedule and the version of the owner's data it was read at.</summary>
public sealed record ScheduleRead(OwnerSnapshot Owner, OwnerSchedule Schedule)
{
    /// <summary>
    /// When the first hold the schedule counts expires, or the first connected calendar whose copy counts turns stale
    /// (whichever comes first): from then on the schedule is out of date though no version changed. Null when neither
    /// lies ahead.
    /// </summary>
    public Instant? HoldsChangeAt { get; init; }
}
