namespace Agenda.Scheduling.Booking;

/// <summary>
/// Where a booking stands. Whether a status keeps the booking's time from others is said once, by
/// <see cref="BookingStatuses.HoldsTime"/>; a cancelled booking stays readable but holds nothing.
/// </summary>
public enum BookingStatus
{
    Active,
    Cancelled,
}

/// <summary>What each <see cref="BookingStatus"/> means for the owner's time.</summary>
public static class BookingStatuses
{
    /// <summary>
    /// Whether a booking in <paramref name="status"/> occupies its blocked time (the meeting with its buffers), so that
    /// no other booking of its owner may overlap it and no slot there is offered: an active booking does, a cancelled
    /// one does not. Storage keeps this answer beside each booking, and its overlap guard reads only that.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A value that is no defined status.</exception>
    public static bool HoldsTime(this BookingStatus status) => status switch
    {
        BookingStatus.Active => true,
        BookingStatus.Cancelled => false,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a booking status."),
    };
}
