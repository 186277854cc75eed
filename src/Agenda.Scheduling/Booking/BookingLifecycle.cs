using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Scheduling.Booking;

/// <summary>
/// The rules for changing a booking once it exists. A booking can be cancelled or moved while it is active
/// and has not begun; a meeting that starts exactly now has begun. Moving also needs the booking's meeting
/// type, since the new time must be one of that type's slots (decided by <see cref="OwnerSchedule.Decide"/>).
/// </summary>
public static class BookingLifecycle
{
    /// <summary>Whether a booking of <paramref name="status"/> at <paramref name="slot"/> may be cancelled at <paramref name="now"/>.</summary>
    /// <remarks>A request awaiting approval may be cancelled (by the invitee who withdraws it, or the owner); a declined or expired one is closed.</remarks>
    public static ChangeOutcome MayCancel(BookingStatus status, Slot slot, Instant now) => status switch
    {
        BookingStatus.Cancelled => ChangeOutcome.AlreadyCancelled,
        BookingStatus.Declined => ChangeOutcome.AlreadyDeclined,
        BookingStatus.Expired => ChangeOutcome.RequestExpired,
        _ when slot.Start <= now => ChangeOutcome.AlreadyBegun,
        _ => ChangeOutcome.Allowed,
    };

    /// <summary>
    /// Whether a booking of <paramref name="status"/> at <paramref name="slot"/> may be moved at <paramref name="now"/>;
    /// <paramref name="type"/> is its meeting type, or null when that type no longer exists.
    /// </summary>
    public static ChangeOutcome MayReschedule(BookingStatus status, Slot slot, MeetingType? type, Instant now) =>
        MayCancel(status, slot, now) switch
        {
            ChangeOutcome.Allowed when status.AwaitsApproval() => ChangeOutcome.AwaitingApproval,
            ChangeOutcome.Allowed when type is null => ChangeOutcome.MeetingTypeDeleted,
            var outcome => outcome,
        };
}
