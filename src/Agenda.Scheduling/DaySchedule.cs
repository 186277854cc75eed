using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Scheduling;

/// <summary>
/// One date of an owner's calendar under date-range rules, as the documented API sees it: the date, the
/// owner's zone, the rules that may apply and the time already booked (without buffers). Rules that do not
/// apply on the date and bookings far from it are harmless, so storage may over-fetch.
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
    public BookingOutcome Decide(Slot requested, SlotShape shape, Instant now) =>
        AsOwnerSchedule().Decide(requested, new MeetingType(shape.Length, shape.Step), "", now);

    private OwnerSchedule AsOwnerSchedule() =>
        new(Zone, AvailabilityPlan.FromRules(Rules), Booked.Select(b => ExistingBooking.Plain(b)).ToList());
}

/// <summary>Operations on slot lists that depend on the clock.</summary>
public static class SlotClock
{
    /// <summary>The slots that start at or after <paramref name="now"/>; a slot starting exactly now is still offered.</summary>
    public static IReadOnlyList<Slot> NotBefore(this IReadOnlyList<Slot> slots, Instant now) =>
        slots.Where(s => s.Start >= now).ToList();

    /// <summary>
    /// The slots a meeting type lets an invitee book at <paramref name="now"/>: starting no sooner than the
    /// minimum notice (and never before now) and no later than the horizon.
    /// </summary>
    public static IEnumerable<Slot> Bookable(this IEnumerable<Slot> slots, MeetingType type, Instant now)
    {
        var earliest = now + type.MinimumNotice;
        var latest = type.Horizon is { } horizon ? now + horizon : Instant.MaxValue;
        return slots.Where(s => s.Start >= earliest && s.Start <= latest);
    }
}
