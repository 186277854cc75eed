namespace Agenda.Scheduling.Booking;

/// <summary>
/// Where a booking stands. Whether a status keeps the booking's time from others is said once, by
/// <see cref="BookingStatuses.HoldsTime"/>; a cancelled booking stays readable but holds nothing.
/// </summary>
public enum BookingStatus
{
    Active,
    Cancelled,

    /// <summary>A request of a type that requires approval, awaiting the owner's answer, that holds its time meanwhile.</summary>
    Pending,

    /// <summary>A request awaiting the owner's answer that does not hold its time: the slot stays offered to others until it is confirmed.</summary>
    Requested,

    /// <summary>A request the owner declined.</summary>
    Declined,

    /// <summary>A request the owner did not answer in time (<see cref="ApprovalPolicy.ExpiresAfter"/>).</summary>
    Expired,
}

/// <summary>What each <see cref="BookingStatus"/> means for the owner's time.</summary>
public static class BookingStatuses
{
    /// <summary>
    /// Whether a booking in <paramref name="status"/> occupies its blocked time (the meeting with its buffers), so that
    /// no other booking of its owner may overlap it and no slot there is offered: an active booking does, and a request
    /// that holds its time; a cancelled, declined or expired one, or a request that does not hold its time, does not.
    /// Storage keeps this answer beside each booking, and its overlap guard reads only that.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A value that is no defined status.</exception>
    public static bool HoldsTime(this BookingStatus status) => status switch
    {
        BookingStatus.Active or BookingStatus.Pending => true,
        BookingStatus.Cancelled or BookingStatus.Requested or BookingStatus.Declined or BookingStatus.Expired => false,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a booking status."),
    };

    /// <summary>Whether a booking in <paramref name="status"/> is a request still awaiting the owner's answer.</summary>
    public static bool AwaitsApproval(this BookingStatus status) => status is BookingStatus.Pending or BookingStatus.Requested;
}
