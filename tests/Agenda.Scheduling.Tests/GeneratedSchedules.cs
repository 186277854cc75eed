using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Booking;
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

    /// <summary>Weekly hours from generated (weekday, range) pairs; several ranges of one day stay together.</summary>
    public static WeeklyHours Weekly(IEnumerable<(IsoDayOfWeek Day, TimeOfDayRange Hours)> ranges) =>
        new(ranges.GroupBy(w => w.Day).ToDictionary(g => g.Key, g => (IReadOnlyList<TimeOfDayRange>)g.Select(w => w.Hours).ToList()));
}
