using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.Slots;
using Agenda.Scheduling.Zones;
using NodaTime;

namespace Agenda.Scheduling;

/// <summary>
/// Everything that decides an owner's slots on one date: the date, the owner's zone, the rules that may
/// apply and the time already booked. Rules that do not apply on the date and bookings far from it are
/// harmless, so storage may over-fetch. Slots "start on" the date when their local start falls on it.
/// </summary>
public sealed record DaySchedule(LocalDate Date, DateTimeZone Zone, IReadOnlyList<DateRangeRule> Rules, IReadOnlyList<Interval> Booked)
{
    /// <summary>The owner's merged availability windows on the date.</summary>
    public IReadOnlyList<LocalWindow> Windows => DailyAvailability.WindowsOn(Date, Rules);

    /// <summary>
    /// Slots on the date that no booking overlaps, sorted by start, regardless of the clock.
    /// This is what a cache may keep: it changes only when rules or bookings change.
    /// </summary>
    public IReadOnlyList<Slot> FreeSlots(SlotShape shape) =>
        BusyTime.FreeOf(SlotGrid.Cut(Windows, Zone, shape), Booked);

    /// <summary>
    /// Decides a booking request: accepted exactly when <paramref name="requested"/> is one of the slots
    /// that <see cref="FreeSlots"/> offers and it does not start before <paramref name="now"/>.
    /// </summary>
    public BookingOutcome Decide(Slot requested, SlotShape shape, Instant now)
    {
        var windows = Windows;
        if (!SlotGrid.Cut(windows, Zone, shape).Contains(requested))
        {
            var insideAvailability = windows.Any(w => requested.LiesWithin(ZoneMapping.ToInterval(w, Zone)));
            return insideAvailability ? BookingOutcome.NotOnSlotGrid : BookingOutcome.OutsideAvailability;
        }

        if (requested.Start < now)
        {
            return BookingOutcome.InThePast;
        }

        return BusyTime.Collides(requested, Booked) ? BookingOutcome.Taken : BookingOutcome.Accepted;
    }
}

/// <summary>Operations on slot lists that depend on the clock.</summary>
public static class SlotClock
{
    /// <summary>The slots that start at or after <paramref name="now"/>; a slot starting exactly now is still offered.</summary>
    public static IReadOnlyList<Slot> NotBefore(this IReadOnlyList<Slot> slots, Instant now) =>
        slots.Where(s => s.Start >= now).ToList();
}
