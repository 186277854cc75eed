using Agenda.Api.Bookings;
using Agenda.Scheduling.Booking;

namespace Agenda.Api.OpenApi;

/// <summary>
/// The <c>reason</c> codes of 409 refusals, per operation, as the OpenAPI document lists them, with an example of each:
/// all taken from <see cref="BookingRefusals"/>, the one place reasons become HTTP, so the document cannot drift from it.
/// </summary>
public static class RefusalCodes
{
    /// <summary>Why a slot cannot be booked: creating a booking, or moving one to a new slot.</summary>
    public static readonly IReadOnlyList<string> Booking = BookingRefusals.BookingReasons;

    /// <summary>The documented book_slot route books the default meeting type, which has no notice, horizon or daily limit; the invitee's allowance applies.</summary>
    public static readonly IReadOnlyList<string> DocumentedBooking =
        [.. new[] { BookingOutcome.Taken, BookingOutcome.OutsideAvailability, BookingOutcome.NotOnSlotGrid, BookingOutcome.InThePast, BookingOutcome.InviteeLimitReached }.Select(BookingRefusals.Code)];

    /// <summary>Why a slot cannot be held: the booking's reasons but the invitee's allowance, which a hold (naming no invitee) does not meet.</summary>
    public static readonly IReadOnlyList<string> Hold =
        [.. Booking.Where(code => code != BookingRefusals.Code(BookingOutcome.InviteeLimitReached))];

    /// <summary>Why a booking cannot be cancelled.</summary>
    public static readonly IReadOnlyList<string> Cancel =
        [BookingRefusals.Code(ChangeOutcome.AlreadyCancelled), BookingRefusals.Code(ChangeOutcome.AlreadyBegun)];

    /// <summary>
    /// Why a booking cannot be moved: the slot's reasons, the booking's state, or its meeting type being gone. A move
    /// keeps the booking's invitee, so their allowance never refuses it.
    /// </summary>
    public static readonly IReadOnlyList<string> Reschedule =
        [.. Booking.Where(code => code != BookingRefusals.Code(BookingOutcome.InviteeLimitReached)), .. BookingRefusals.ChangeReasons];

    /// <summary>Every code, in the order the document's enum lists them.</summary>
    public static readonly IReadOnlyList<string> All = [.. Booking, .. BookingRefusals.ChangeReasons];

    /// <summary>The title and an example detail of each code, as the service writes them, for the document's examples.</summary>
    public static readonly IReadOnlyDictionary<string, (string Title, string Detail)> Examples = BuildExamples();

    private static Dictionary<string, (string, string)> BuildExamples()
    {
        const string start = "2027-03-01T08:00:00Z";
        const string end = "2027-03-01T08:30:00Z";
        var problems = Enum.GetValues<BookingOutcome>().Where(o => o != BookingOutcome.Accepted)
            .Select(o => (Code: BookingRefusals.Code(o), Problem: BookingRefusals.ToProblem(o, start, end)))
            .Concat(Enum.GetValues<ChangeOutcome>().Where(o => o != ChangeOutcome.Allowed)
                .Select(o => (Code: BookingRefusals.Code(o), Problem: BookingRefusals.ToProblem(o, "rescheduled"))));
        return problems.ToDictionary(p => p.Code, p => (p.Problem.ProblemDetails.Title!, p.Problem.ProblemDetails.Detail!));
    }
}
