namespace Agenda.Scheduling.Booking;

/// <summary>Why a requested booking is accepted or refused. The HTTP layer maps each reason to a status code in one place.</summary>
public enum BookingOutcome
{
    /// <summary>The requested interval is a free slot: book it.</summary>
    Accepted,

    /// <summary>The interval is not inside the owner's availability on that date.</summary>
    OutsideAvailability,

    /// <summary>The interval is inside availability but is not one of the slots cut from it (wrong start or length).</summary>
    NotOnSlotGrid,

    /// <summary>The slot starts before now.</summary>
    InThePast,

    /// <summary>The slot overlaps a booking that already exists.</summary>
    Taken,
}
