using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Scheduling.Zones;
using NodaTime;

namespace Agenda.Scheduling;

/// <summary>
/// What decides an owner's slots: their zone, their availability plan and their active bookings.
/// Storage may pass more plan entries and bookings than a question needs; the answers do not change.
/// A slot belongs to the owner's calendar date on which its local start falls.
/// </summary>
public sealed record OwnerSchedule(DateTimeZone Zone, AvailabilityPlan Plan, IReadOnlyList<ExistingBooking> Bookings)
{
    /// <summary>
    /// The free slots of <paramref name="type"/> that start on <paramref name="date"/>, sorted by start,
    /// before the clock is applied: inside availability, blocked time clear of every booking's blocked time,
    /// and none at all once the type's daily cap is reached. This is what a cache may keep.
    /// </summary>
    public IReadOnlyList<Slot> FreeSlotsOn(LocalDate date, MeetingType type, string typeKey)
    {
        if (DailyLimitReached(date, type, typeKey))
        {
            return [];
        }

        var grid = SlotGrid.Cut(Plan.WindowsOn(date), Zone, type.Shape);
        if (type.BufferBefore == Duration.Zero && type.BufferAfter == Duration.Zero)
        {
            return BusyTime.FreeOf(grid, Bookings.Select(b => b.Blocked));
        }

        return grid.Where(slot => !Collides(type.Blocks(slot))).ToList();
    }

    /// <summary>
    /// The slots of <paramref name="type"/> that start inside <paramref name="range"/> and can be booked at
    /// <paramref name="now"/>, sorted by start.
    /// </summary>
    public IReadOnlyList<Slot> FreeSlots(Interval range, MeetingType type, string typeKey, Instant now)
    {
        var slots = new List<Slot>();
        foreach (var date in CalendarDates.Covering(range, Zone))
        {
            slots.AddRange(FreeSlotsOn(date, type, typeKey).Where(s => range.Contains(s.Start)).Bookable(type, now));
        }

        return slots;
    }

    /// <summary>
    /// Decides a booking request: accepted exactly when <paramref name="requested"/> is one of the slots
    /// that <see cref="FreeSlots"/> would offer at <paramref name="now"/>; otherwise the first reason that applies,
    /// in the order: not a slot of the availability, in the past, too soon, beyond the horizon, daily cap, taken.
    /// </summary>
    public BookingOutcome Decide(Slot requested, MeetingType type, string typeKey, Instant now)
    {
        var date = requested.Start.InZone(Zone).Date;
        var windows = Plan.WindowsOn(date);
        if (!SlotGrid.Cut(windows, Zone, type.Shape).Contains(requested))
        {
            var insideAvailability = windows.Any(w => requested.LiesWithin(ZoneMapping.ToInterval(w, Zone)));
            return insideAvailability ? BookingOutcome.NotOnSlotGrid : BookingOutcome.OutsideAvailability;
        }

        if (requested.Start < now)
        {
            return BookingOutcome.InThePast;
        }

        if (requested.Start < now + type.MinimumNotice)
        {
            return BookingOutcome.TooSoon;
        }

        if (type.Horizon is { } horizon && requested.Start > now + horizon)
        {
            return BookingOutcome.BeyondHorizon;
        }

        if (DailyLimitReached(date, type, typeKey))
        {
            return BookingOutcome.DailyLimitReached;
        }

        return Collides(type.Blocks(requested)) ? BookingOutcome.Taken : BookingOutcome.Accepted;
    }

    private bool Collides(Interval blocked) => Bookings.Any(b => b.Blocked.Start < blocked.End && blocked.Start < b.Blocked.End);

    private bool DailyLimitReached(LocalDate date, MeetingType type, string typeKey) =>
        type.MaxPerDay is { } cap
        && Bookings.Count(b => b.MeetingTypeKey == typeKey && b.Meeting.Start.InZone(Zone).Date == date) >= cap;
}
