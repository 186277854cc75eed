using NodaTime;

namespace Agenda.Scheduling.Booking;

/// <summary>
/// An active booking as the engine sees it: the meeting's own time, the time it blocks (the meeting
/// with its type's buffers), and the meeting type it was booked as (for daily caps). The seats of one slot of a type
/// with seats are one entry, with <see cref="Seats"/> saying how many are taken.
/// </summary>
public readonly record struct ExistingBooking(Interval Meeting, Interval Blocked, string MeetingTypeKey)
{
    /// <summary>For the seats of one slot: how many are taken of how many; null for any other booking.</summary>
    public SeatCount? Seats { get; init; }

    /// <summary>What blocks the time: a booking (the default), a hold, or a connected calendar's busy time.</summary>
    public BlockKind Kind { get; init; }

    /// <summary>For a calendar's busy time, the connection it comes from, when known; null otherwise.</summary>
    public string? SourceId { get; init; }

    /// <summary>A booking without buffers, such as one made through the documented API.</summary>
    public static ExistingBooking Plain(Interval meeting, string meetingTypeKey = "") => new(meeting, meeting, meetingTypeKey);

    /// <summary>Whether another invitee can take a seat of this slot: it has seats and not all are taken.</summary>
    public bool HasSeatLeft => Seats is { } seats && seats.Taken < seats.Capacity;
}

/// <summary>
/// The seats of one slot of a type with seats (<see cref="MeetingTypes.MeetingType.Seats"/>): <see cref="Taken"/> of
/// <see cref="Capacity"/>, counting active bookings and holds. <see cref="SeatSlotId"/> names the stored slot the seats'
/// bookings share; null while only holds take seats there (the first booking opens the slot).
/// </summary>
public readonly record struct SeatCount(string? SeatSlotId, int Taken, int Capacity)
{
    public int Left => Math.Max(0, Capacity - Taken);
}

/// <summary>What an <see cref="ExistingBooking"/> is: what keeps its time from others, as an explanation names it.</summary>
public enum BlockKind
{
    /// <summary>A booking that holds time (a class of seats among them).</summary>
    Booking,

    /// <summary>A hold on a slot, until it is booked with, released or expires.</summary>
    Hold,

    /// <summary>A busy time read from one of the owner's connected calendars.</summary>
    CalendarBusy,

    /// <summary>A connected calendar that could not be read lately and is set to block meanwhile: all of its time counts as busy.</summary>
    CalendarUnreachable,
}
