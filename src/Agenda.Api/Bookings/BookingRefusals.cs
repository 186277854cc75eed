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
        BookingOutcome.Taken => Conflict(Code(reason), "Slot already taken",
            $"The slot {start} to {end} is already booked. Search again for a free slot."),
        BookingOutcome.OutsideAvailability => Conflict(Code(reason), "Outside availability",
            $"{start} to {end} is not inside the owner's availability. Search for slots to see what is offered."),
        BookingOutcome.NotOnSlotGrid => Conflict(Code(reason), "Not an offered slot",
            $"{start} to {end} is inside the owner's availability but is not one of the offered slots: slots start at the beginning of an availability window and follow one another, each one slot long. Search for slots to see their exact times."),
        BookingOutcome.InThePast => Conflict(Code(reason), "Slot in the past",
            $"The slot starting {start} has already begun or passed. Choose a slot that starts later."),
        BookingOutcome.TooSoon => Conflict(Code(reason), "Too soon",
            $"The slot starting {start} is sooner than this meeting type's minimum notice allows. Choose a later slot."),
        BookingOutcome.BeyondHorizon => Conflict(Code(reason), "Too far ahead",
            $"The slot starting {start} is further ahead than this meeting type can be booked. Choose an earlier slot."),
        BookingOutcome.DailyLimitReached => Conflict(Code(reason), "Day fully booked",
            $"This meeting type has reached its limit of bookings on the day of {start}. Choose another day."),
        BookingOutcome.InviteeLimitReached => Conflict(Code(reason), "Too many bookings",
            "This invitee already holds as many upcoming bookings with this owner as one invitee may (Limits:MaxActiveBookingsPerInvitee). Cancel one of them, or book again after one has taken place."),
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a refusal."),
    };

    /// <param name="change">What was asked: "cancelled" or "rescheduled".</param>
    public static ProblemHttpResult ToProblem(ChangeOutcome reason, string change) => Of(reason, change).ToProblem();

    /// <summary>Why the cancellation or move was refused, as every door says it.</summary>
    /// <param name="change">What was asked: "cancelled" or "rescheduled".</param>
    public static Refusal Of(ChangeOutcome reason, string change) => reason switch
    {
        ChangeOutcome.AlreadyCancelled => Conflict(Code(reason), "Already cancelled",
            $"The booking is cancelled, so it cannot be {change}. Make a new booking instead."),
        ChangeOutcome.AlreadyBegun => Conflict(Code(reason), "Already begun",
            $"The meeting has already begun, so it can no longer be {change}."),
        ChangeOutcome.MeetingTypeDeleted => Conflict(Code(reason), "Meeting type deleted",
            $"The booking's meeting type no longer exists, so there are no slots to move it to; it cannot be {change}. Cancel it and book another meeting type."),
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a refusal."),
    };

    /// <summary>The 422 for an idempotency key sent again with another request (the API's and the documented route's).</summary>
    public static ProblemHttpResult KeyReused() =>
        TypedResults.Problem(
            detail: "This Idempotency-Key was already used with a different request. Use a new key for a new booking.",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "Idempotency key reused");

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
        BookingOutcome.InviteeLimitReached => "invitee_limit_reached",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a refusal."),
    };

    /// <summary>The machine-readable reason, as the problem's <c>reason</c> member carries it.</summary>
    public static string Code(ChangeOutcome reason) => reason switch
    {
        ChangeOutcome.AlreadyCancelled => "already_cancelled",
        ChangeOutcome.AlreadyBegun => "already_begun",
        ChangeOutcome.MeetingTypeDeleted => "meeting_type_deleted",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a refusal."),
    };

    private static Refusal Conflict(string reason, string title, string detail) => Refusal.Conflict(title, detail, reason);
}
