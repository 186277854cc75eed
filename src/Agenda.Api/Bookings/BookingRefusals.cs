using Agenda.Scheduling.Booking;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Agenda.Api.Bookings;

/// <summary>The one place where the engine's reasons for refusing a booking become HTTP answers.</summary>
public static class BookingRefusals
{
    public static ProblemHttpResult ToProblem(BookingOutcome reason, string start, string end) => reason switch
    {
        BookingOutcome.Taken => Conflict(reason, "Slot already taken",
            $"The slot {start} to {end} is already booked. Search again for a free slot."),
        BookingOutcome.OutsideAvailability => Conflict(reason, "Outside availability",
            $"{start} to {end} is not inside the owner's availability. Search for slots to see what is offered."),
        BookingOutcome.NotOnSlotGrid => Conflict(reason, "Not an offered slot",
            $"{start} to {end} is inside the owner's availability but is not one of the offered slots: slots start at the beginning of an availability window and follow one another, each one slot long. Search for slots to see their exact times."),
        BookingOutcome.InThePast => Conflict(reason, "Slot in the past",
            $"The slot starting {start} has already begun or passed. Choose a slot that starts later."),
        BookingOutcome.TooSoon => Conflict(reason, "Too soon",
            $"The slot starting {start} is sooner than this meeting type's minimum notice allows. Choose a later slot."),
        BookingOutcome.BeyondHorizon => Conflict(reason, "Too far ahead",
            $"The slot starting {start} is further ahead than this meeting type can be booked. Choose an earlier slot."),
        BookingOutcome.DailyLimitReached => Conflict(reason, "Day fully booked",
            $"This meeting type has reached its limit of bookings on the day of {start}. Choose another day."),
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a refusal."),
    };

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
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a refusal."),
    };

    private static ProblemHttpResult Conflict(BookingOutcome reason, string title, string detail) =>
        TypedResults.Problem(
            detail: detail,
            statusCode: StatusCodes.Status409Conflict,
            title: title,
            extensions: new Dictionary<string, object?> { ["reason"] = Code(reason) });
}
