using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.Booking;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Agenda.Api.Bookings;

/// <summary>
/// The one place where the engine's reasons for refusing a booking, a cancellation or a move become HTTP answers:
/// 409 problem details whose <c>reason</c> member names the reason in snake_case and whose detail says what to do.
/// </summary>
internal static class BookingRefusals
{
    /// <summary>Every <c>reason</c> a booking refusal can carry, in the order of <see cref="BookingOutcome"/>.</summary>
    public static readonly IReadOnlyList<string> BookingReasons =
        [.. Enum.GetValues<BookingOutcome>().Where(o => o != BookingOutcome.Accepted).Select(Code)];

    /// <summary>Every <c>reason</c> a refused cancellation or move can carry, in the order of <see cref="ChangeOutcome"/>.</summary>
    public static readonly IReadOnlyList<string> ChangeReasons =
        [.. Enum.GetValues<ChangeOutcome>().Where(o => o != ChangeOutcome.Allowed).Select(Code)];

    public static ProblemHttpResult ToProblem(BookingOutcome reason, string start, string end) => Of(reason, start, end).ToProblem();

    /// <summary>Why the booking was refused, as every door says it.</summary>
    public static Refusal Of(BookingOutcome reason, string start, string end) => reason switch
    {
        BookingOutcome.Taken => Conflict(reason, "Slot already taken", new("SlotTaken", start, end)),
        BookingOutcome.OutsideAvailability => Conflict(reason, "Outside availability", new("OutsideAvailability", start, end)),
        BookingOutcome.NotOnSlotGrid => Conflict(reason, "Not an offered slot", new("NotOnSlotGrid", start, end)),
        BookingOutcome.InThePast => Conflict(reason, "Slot in the past", new("InThePast", start)),
        BookingOutcome.TooSoon => Conflict(reason, "Too soon", new("TooSoon", start)),
        BookingOutcome.BeyondHorizon => Conflict(reason, "Too far ahead", new("BeyondHorizon", start)),
        BookingOutcome.DailyLimitReached => Conflict(reason, "Day fully booked", new("DailyLimitReached", start)),
        BookingOutcome.LimitReached => Conflict(reason, "Booking limit reached", new("BookingLimitReached", start)),
        BookingOutcome.InviteeLimitReached => Conflict(reason, "Too many bookings", new("InviteeLimitReached")),
        BookingOutcome.LinkUsed => Conflict(reason, "Link used", new("LinkUsed")),
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a refusal."),
    };

    /// <param name="change">What was asked: "cancelled", "rescheduled", "confirmed" or "declined".</param>
    public static ProblemHttpResult ToProblem(ChangeOutcome reason, string change) => Of(reason, change).ToProblem();

    /// <summary>Why the cancellation, move, confirmation or declining was refused, as every door says it.</summary>
    /// <param name="change">What was asked: "cancelled", "rescheduled", "confirmed" or "declined".</param>
    public static Refusal Of(ChangeOutcome reason, string change)
    {
        // Each language words "cannot be cancelled" and "cannot be rescheduled" its own way: one text for each. A request
        // is answered (confirmed or declined), and the texts about answering say so once for both.
        var asked = change switch
        {
            "cancelled" => "Cancel",
            "rescheduled" => "Reschedule",
            "confirmed" or "declined" => "Answer",
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, "Cancelled, rescheduled, confirmed or declined."),
        };
        return reason switch
        {
            ChangeOutcome.AlreadyCancelled => Conflict(reason, "Already cancelled", new($"AlreadyCancelled{asked}")),
            ChangeOutcome.AlreadyConfirmed => Conflict(reason, "Already confirmed", new("RequestAlreadyConfirmed")),
            ChangeOutcome.AlreadyDeclined => Conflict(reason, "Request declined", new("RequestDeclined")),
            ChangeOutcome.RequestExpired => Conflict(reason, "Request expired", new("RequestExpired")),
            ChangeOutcome.AwaitingApproval => Conflict(reason, "Awaiting approval", new("AwaitingApprovalReschedule")),
            ChangeOutcome.AlreadyBegun => Conflict(reason, "Already begun", new($"AlreadyBegun{asked}")),
            ChangeOutcome.MeetingTypeDeleted => Conflict(reason, "Meeting type deleted", new($"MeetingTypeDeleted{asked}")),
            ChangeOutcome.TooLateForInvitee => Conflict(reason, "Too late to change online", new($"TooLateForInvitee{asked}")),
            ChangeOutcome.ReasonRequired => Conflict(reason, "Reason required", new("CancelReasonRequired", "reason")),
            _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a refusal."),
        };
    }

    /// <summary>The <c>reason</c> of a series refused whole (booked, or the rest of it moved): the meetings that cannot be are named.</summary>
    public const string SeriesUnavailable = "series_unavailable";

    /// <summary>
    /// Why a series cannot be booked (or the rest of it moved, with <paramref name="moving"/>): 409 with reason
    /// series_unavailable and <c>meetings</c>, each meeting that cannot be with its position, its time (UTC; for a
    /// wall-clock time the clocks skip, the owner's local time, without offset) and its own reason.
    /// </summary>
    public static Refusal Series(IReadOnlyList<SeriesRefusal> meetings, int count, bool moving = false)
    {
        var named = meetings.Select(m => new Platform.OpenApi.SeriesMeetingRefusal(
            m.Occurrence.Index,
            m.Occurrence.Slot is { } slot ? WireFormat.FormatUtc(slot.Start) : NodaTime.Text.LocalDateTimePattern.GeneralIso.Format(m.Occurrence.LocalStart),
            Code(m.Reason))).ToList();
        var list = string.Join(", ", named.Select(m => $"{m.Start} {m.Reason}"));
        return new Refusal(StatusCodes.Status409Conflict, moving ? "Series cannot move" : "Series not available",
            new(moving ? "SeriesMoveUnavailable" : "SeriesUnavailable", named.Count, count, list), SeriesUnavailable,
            new Dictionary<string, object?> { ["meetings"] = named });
    }

    /// <summary>The 422 for an idempotency key sent again with another request (the API's and the documented route's).</summary>
    public static ProblemHttpResult KeyReused() => KeyReusedRefusal.ToProblem();

    /// <summary>An idempotency key sent again with another request, as every door says it.</summary>
    public static readonly Refusal KeyReusedRefusal = new(
        StatusCodes.Status422UnprocessableEntity,
        "Idempotency key reused",
        Message.AsGiven("This Idempotency-Key was already used with a different request. Use a new key for a new booking."));

    /// <summary>The machine-readable reason, as the problem's <c>reason</c> member carries it.</summary>
    public static string Code(BookingOutcome reason) => reason switch
    {
        BookingOutcome.Taken => "taken",
        BookingOutcome.OutsideAvailability => "outside_availability",
        BookingOutcome.NotOnSlotGrid => "not_on_slot_grid",
        BookingOutcome.InThePast => "in_the_past",
        BookingOutcome.TooSoon => "too_soon",
        BookingOutcome.BeyondHorizon => "beyond_horizon",
        BookingOutcome.DailyLimitReached => "daily_limit_reached",
        BookingOutcome.LimitReached => "booking_limit_reached",
        BookingOutcome.InviteeLimitReached => "invitee_limit_reached",
        BookingOutcome.LinkUsed => "link_used",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a refusal."),
    };

    /// <summary>The machine-readable reason, as the problem's <c>reason</c> member carries it.</summary>
    public static string Code(ChangeOutcome reason) => reason switch
    {
        ChangeOutcome.AlreadyCancelled => "already_cancelled",
        ChangeOutcome.AlreadyBegun => "already_begun",
        ChangeOutcome.MeetingTypeDeleted => "meeting_type_deleted",
        ChangeOutcome.TooLateForInvitee => "too_late_for_invitee",
        ChangeOutcome.ReasonRequired => "reason_required",
        ChangeOutcome.AlreadyConfirmed => "already_confirmed",
        ChangeOutcome.AlreadyDeclined => "already_declined",
        ChangeOutcome.RequestExpired => "request_expired",
        ChangeOutcome.AwaitingApproval => "awaiting_approval",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a refusal."),
    };

    private static Refusal Conflict(BookingOutcome reason, string title, Message message) => Refusal.Conflict(title, message, Code(reason));

    private static Refusal Conflict(ChangeOutcome reason, string title, Message message) => Refusal.Conflict(title, message, Code(reason));
}
