using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Scheduling.Booking;

/// <summary>
/// How late an invitee may still change a booking of a meeting type: cancel it until <see cref="CancelNotice"/> before
/// it starts, move it until <see cref="RescheduleNotice"/> before (null: until it begins, as <see cref="BookingLifecycle"/>
/// allows anyone), and whether they must give a reason to cancel. The owner is held only to <see cref="BookingLifecycle"/>.
/// </summary>
public sealed record InviteeChangePolicy(Duration? CancelNotice = null, Duration? RescheduleNotice = null, bool ReasonRequired = false)
{
    /// <summary>An invitee may cancel or move until the meeting begins, without a reason.</summary>
    public static readonly InviteeChangePolicy Anytime = new();

    /// <summary>Whether the invitee may cancel a booking at <paramref name="slot"/> at <paramref name="now"/>, giving <paramref name="reason"/>, under this policy.</summary>
    public ChangeOutcome MayCancel(Slot slot, Instant now, string? reason) =>
        Within(CancelNotice, slot, now) switch
        {
            ChangeOutcome.Allowed when ReasonRequired && string.IsNullOrWhiteSpace(reason) => ChangeOutcome.ReasonRequired,
            var outcome => outcome,
        };

    /// <summary>Whether the invitee may move a booking at <paramref name="slot"/> at <paramref name="now"/> under this policy.</summary>
    public ChangeOutcome MayReschedule(Slot slot, Instant now) => Within(RescheduleNotice, slot, now);

    /// <summary>A change is allowed until exactly <paramref name="notice"/> before the start, not after.</summary>
    private static ChangeOutcome Within(Duration? notice, Slot slot, Instant now) =>
        notice is { } n && now > slot.Start - n ? ChangeOutcome.TooLateForInvitee : ChangeOutcome.Allowed;
}
