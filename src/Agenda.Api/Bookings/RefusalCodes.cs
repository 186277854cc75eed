using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.Booking;

namespace Agenda.Api.Bookings;

/// <summary>
/// The refusals (409) each booking operation may answer, as the OpenAPI document lists them, with an example of each:
/// all made by <see cref="BookingRefusals"/>, the one place reasons become answers, so the document cannot drift from it.
/// </summary>
internal static class RefusalCodes
{
    private const string Start = "2027-03-01T08:00:00Z";
    private const string End = "2027-03-01T08:30:00Z";

    /// <summary>Why a slot cannot be booked: creating a booking, or moving one to a new slot.</summary>
    public static readonly IReadOnlyList<Refusal> Booking = [.. Slot(Enum.GetValues<BookingOutcome>())];

    /// <summary>The documented book_slot route books the default meeting type, which has no notice, horizon or daily limit; the invitee's allowance applies.</summary>
    public static readonly IReadOnlyList<Refusal> DocumentedBooking =
        [.. Slot([BookingOutcome.Taken, BookingOutcome.OutsideAvailability, BookingOutcome.NotOnSlotGrid, BookingOutcome.InThePast, BookingOutcome.InviteeLimitReached])];

    /// <summary>Why a slot cannot be held: the booking's reasons but the invitee's allowance and a used link, which a hold (naming neither) does not meet.</summary>
    public static readonly IReadOnlyList<Refusal> Hold = [.. Slot(Enum.GetValues<BookingOutcome>().Where(o => o is not (BookingOutcome.InviteeLimitReached or BookingOutcome.LinkUsed)))];

    /// <summary>Why a booking cannot be cancelled.</summary>
    public static readonly IReadOnlyList<Refusal> Cancel =
    [
        BookingRefusals.Of(ChangeOutcome.AlreadyCancelled, "cancelled"), BookingRefusals.Of(ChangeOutcome.AlreadyBegun, "cancelled"),
        BookingRefusals.Of(ChangeOutcome.TooLateForInvitee, "cancelled"), BookingRefusals.Of(ChangeOutcome.ReasonRequired, "cancelled"),
        BookingRefusals.Of(ChangeOutcome.AlreadyDeclined, "cancelled"), BookingRefusals.Of(ChangeOutcome.RequestExpired, "cancelled"),
    ];

    /// <summary>
    /// Why a request cannot be confirmed or declined: it is answered, withdrawn or expired already; and, for a request
    /// that did not hold its time, why its slot cannot be confirmed (another booking took it meanwhile).
    /// </summary>
    public static readonly IReadOnlyList<Refusal> Answer =
    [
        BookingRefusals.Of(ChangeOutcome.AlreadyConfirmed, "confirmed"), BookingRefusals.Of(ChangeOutcome.AlreadyDeclined, "confirmed"),
        BookingRefusals.Of(ChangeOutcome.AlreadyCancelled, "confirmed"), BookingRefusals.Of(ChangeOutcome.RequestExpired, "confirmed"),
        BookingRefusals.Of(BookingOutcome.Taken, Start, End),
    ];

    /// <summary>
    /// Why a booking cannot be moved: the slot's reasons, the booking's state, or its meeting type being gone. A move
    /// keeps the booking's invitee, so their allowance never refuses it.
    /// </summary>
    public static readonly IReadOnlyList<Refusal> Reschedule = [.. Hold, .. Change("rescheduled")];

    /// <summary>A series refused whole: its first meeting's time is free, its third's is taken.</summary>
    public static readonly Refusal Series = BookingRefusals.Series(
        [new SeriesRefusal(new SeriesOccurrence(2, new NodaTime.LocalDateTime(2027, 3, 15, 9, 0), new Scheduling.Slots.Slot(
            NodaTime.Instant.FromUtc(2027, 3, 15, 8, 0), NodaTime.Instant.FromUtc(2027, 3, 15, 9, 0))), BookingOutcome.Taken)],
        6);

    /// <summary>Every reason, in the order the document's enum lists them.</summary>
    public static readonly IReadOnlyList<string> All =
        [.. Booking.Select(r => r.Reason!), .. Change("rescheduled").Select(r => r.Reason!), BookingRefusals.Code(ChangeOutcome.ReasonRequired),
         BookingRefusals.Code(ChangeOutcome.AlreadyConfirmed), BookingRefusals.SeriesUnavailable];

    private static IEnumerable<Refusal> Slot(IEnumerable<BookingOutcome> outcomes) =>
        outcomes.Where(o => o != BookingOutcome.Accepted).Select(o => BookingRefusals.Of(o, Start, End));

    private static IEnumerable<Refusal> Change(string change) =>
        Enum.GetValues<ChangeOutcome>().Where(o => o is not (ChangeOutcome.Allowed or ChangeOutcome.ReasonRequired or ChangeOutcome.AlreadyConfirmed)).Select(o => BookingRefusals.Of(o, change));
}
