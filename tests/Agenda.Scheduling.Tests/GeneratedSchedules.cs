using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Booking;
using CsCheck;
using NodaTime;

namespace Agenda.Scheduling.Tests;

/// <summary>Turns generated values into what a store could hold, for the property tests of owners and of teams.</summary>
public static class GeneratedSchedules
{
    /// <summary>Stored bookings never overlap each other: keeps, in order, the generated ones that fit.</summary>
    public static List<ExistingBooking> NonOverlapping(IEnumerable<ExistingBooking> bookings) =>
        bookings.Aggregate(new List<ExistingBooking>(), (kept, next) =>
        {
            if (!kept.Any(k => k.Blocked.Start < next.Blocked.End && next.Blocked.Start < k.Blocked.End))
            {
                kept.Add(next);
            }

            return kept;
        });

    /// <summary>
    /// Hours of a day on a grid of <paramref name="unitMinutes"/>: starting at most <paramref name="latestStart"/> units
    /// after midnight (all day by default), at least <paramref name="shortest"/> units long, and ending at the latest at
    /// the day's end (24:00).
    /// </summary>
    public static Gen<TimeOfDayRange> Hours(int unitMinutes, int? latestStart = null, int shortest = 1)
    {
        var perDay = 24 * 60 / unitMinutes;
        return Gen.Select(Gen.Int[0, latestStart ?? perDay - 1], Gen.Int[shortest, perDay], (start, length) =>
        {
            var end = Math.Min(start + length, perDay);
            return new TimeOfDayRange(LocalTime.Midnight.PlusMinutes(start * unitMinutes), end == perDay ? LocalTime.Midnight : LocalTime.Midnight.PlusMinutes(end * unitMinutes));
        });
    }

    /// <summary>Weekly hours from generated (weekday, range) pairs; several ranges of one day stay together.</summary>
    public static WeeklyHours Weekly(IEnumerable<(IsoDayOfWeek Day, TimeOfDayRange Hours)> ranges) =>
        new(ranges.GroupBy(w => w.Day).ToDictionary(g => g.Key, g => (IReadOnlyList<TimeOfDayRange>)g.Select(w => w.Hours).ToList()));
}
