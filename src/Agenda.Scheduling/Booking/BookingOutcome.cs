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

    /// <summary>The slot, with its buffers, overlaps a booking that already exists (with its buffers).</summary>
    Taken,

    /// <summary>The slot starts sooner after now than the meeting type's minimum notice.</summary>
    TooSoon,

    /// <summary>The slot starts further ahead than the meeting type's booking horizon.</summary>
    BeyondHorizon,

    /// <summary>The meeting type's cap of bookings on that date is reached.</summary>
    DailyLimitReached,

    /// <summary>Another limit of the meeting type's, or of the owner's across their types, is reached for the period of that date (<see cref="BookingLimits"/>).</summary>
    LimitReached,

    /// <summary>The invitee already holds as many active, not yet ended bookings with the owner as one invitee may (<see cref="InviteeAllowance"/>).</summary>
    InviteeLimitReached,

    /// <summary>The single-use link the booking came through has booked once already, or was revoked.</summary>
    LinkUsed,
}
