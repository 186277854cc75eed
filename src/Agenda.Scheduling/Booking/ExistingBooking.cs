using NodaTime;

namespace Agenda.Scheduling.Booking;

/// <summary>
/// An active booking as the engine sees it: the meeting's own time, the time it blocks (the meeting
/// with its type's buffers), and the meeting type it was booked as (for daily caps).
/// </summary>
public readonly record struct ExistingBooking(Interval Meeting, Interval Blocked, string MeetingTypeKey)
{
    /// <summary>A booking without buffers, such as one made through the documented API.</summary>
    public static ExistingBooking Plain(Interval meeting, string meetingTypeKey = "") => new(meeting, meeting, meetingTypeKey);
}
