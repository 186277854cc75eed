using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Booking;
using NodaTime;

namespace Agenda.Scheduling.Slots;

/// <summary>
/// One reason a time is not offered, as <see cref="OwnerSchedule.Explain"/> finds it: the refusal it leads to
/// (<see cref="Outcome"/>, what <see cref="OwnerSchedule.Decide"/> answers when it is the first reason) and the facts
/// behind it, for the owner who asks why. Reasons come in the order Decide checks them.
/// </summary>
public abstract record Unavailable(BookingOutcome Outcome)
{
    /// <summary>
    /// The time is not inside the hours of its date: <paramref name="Hours"/> are that date's windows in the owner's zone
    /// (none on a day off), given by a date override when <paramref name="FromOverride"/>.
    /// </summary>
    public sealed record OutsideHours(IReadOnlyList<LocalWindow> Hours, bool FromOverride) : Unavailable(BookingOutcome.OutsideAvailability)
    {
        /// <summary>
        /// When the hours are in another zone than the owner's (<see cref="Availability.HoursZones"/>): the date of the
        /// hours the time falls on, and its zone, which <see cref="Hours"/> are in. Null in the owner's zone.
        /// </summary>
        public LocalDate? Date { get; init; }

        public DateTimeZone? In { get; init; }
    }

    /// <summary>The time lies inside the hours but does not start on the type's grid of <paramref name="Step"/> from the start of its window.</summary>
    public sealed record OffGrid(Duration Step) : Unavailable(BookingOutcome.NotOnSlotGrid);

    /// <summary>The time has begun or passed.</summary>
    public sealed record Past() : Unavailable(BookingOutcome.InThePast);

    /// <summary>The time is sooner than the type's <paramref name="MinimumNotice"/>: bookable from <paramref name="Earliest"/> on.</summary>
    public sealed record Notice(Duration MinimumNotice, Instant Earliest) : Unavailable(BookingOutcome.TooSoon);

    /// <summary>The time is further ahead than the type's <paramref name="Horizon"/>: bookable up to <paramref name="Latest"/>.</summary>
    public sealed record BeyondHorizon(Duration Horizon, Instant Latest) : Unavailable(BookingOutcome.BeyondHorizon);

    /// <summary>The type's daily cap of <paramref name="Limit"/> is reached: <paramref name="Count"/> of its meetings start that date.</summary>
    public sealed record DailyCap(int Limit, int Count) : Unavailable(BookingOutcome.DailyLimitReached);

    /// <summary>
    /// A <paramref name="Limit"/> of the type's (or, <paramref name="AcrossTypes"/>, of the owner's across all their types)
    /// is reached for <paramref name="Period"/>, the dates it counts over: <paramref name="Count"/> bookings start there, and
    /// their meetings last <paramref name="Minutes"/> minutes.
    /// </summary>
    public sealed record LimitReached(BookingLimit Limit, bool AcrossTypes, DateInterval Period, int Count, long Minutes) : Unavailable(BookingOutcome.LimitReached);

    /// <summary>
    /// Something already blocks part of the time the meeting would block (its buffers included): a booking (a class of
    /// seats with none left among them), a hold, or a busy time of a connected calendar (<see cref="ExistingBooking.Kind"/>).
    /// </summary>
    public sealed record Blocked(ExistingBooking By) : Unavailable(BookingOutcome.Taken);

    /// <summary>A team host is out of office for part of the meeting (<paramref name="Period"/>).</summary>
    public sealed record OutOfOffice(Interval Period) : Unavailable(BookingOutcome.OutsideAvailability);
}
