using NodaTime;

namespace Agenda.Scheduling.Availability;

/// <summary>
/// The zone a schedule's hours are kept in, date by date: the schedule's own <paramref name="Zone"/>, or another for a
/// range of dates while its owner travels (<paramref name="Travel"/>). "09:00-17:00" on a date means 09:00-17:00 in that
/// date's zone. The owner's days (what a slot's date is, and what the daily cap and the limits count) stay in the owner's
/// zone (<see cref="OwnerSchedule.Zone"/>).
/// </summary>
public sealed record HoursZones(DateTimeZone Zone, IReadOnlyList<TravelPeriod> Travel)
{
    /// <summary>The most travel periods one schedule keeps.</summary>
    public const int MaxTravel = 50;

    /// <summary>The zone of <paramref name="date"/>'s hours.</summary>
    public DateTimeZone On(LocalDate date)
    {
        foreach (var period in Travel)
        {
            if (period.Dates.Contains(date))
            {
                return period.Zone;
            }
        }

        return Zone;
    }

    /// <summary>Whether every date's hours are in <paramref name="zone"/>: then the hours need no zone of their own.</summary>
    public bool IsAlways(DateTimeZone zone) => Zone == zone && Travel.All(t => t.Zone == zone);

    public bool Equals(HoursZones? other) => other is not null && Zone == other.Zone && Travel.SequenceEqual(other.Travel);

    public override int GetHashCode() => HashCode.Combine(Zone, Travel.Count);
}

/// <summary>Dates (both included) whose hours are in <paramref name="Zone"/>: where the owner is while they travel.</summary>
public sealed record TravelPeriod(DateInterval Dates, DateTimeZone Zone);
