namespace Agenda.Api.OpenApi;

/// <summary>
/// The <c>reason</c> codes of 409 booking refusals, per operation, as the OpenAPI document lists them. They are the
/// codes <see cref="Bookings.BookingRefusals"/> writes; kept here as plain lists so the document does not depend on
/// how that class is organised.
/// </summary>
public static class RefusalCodes
{
    /// <summary>Why a slot cannot be booked: creating a booking, or moving one to a new slot.</summary>
    public static readonly IReadOnlyList<string> Booking =
        ["taken", "outside_availability", "not_on_slot_grid", "in_the_past", "too_soon", "beyond_horizon", "daily_limit_reached"];

    /// <summary>The documented book_slot route books the default meeting type, which has no notice, horizon or daily limit.</summary>
    public static readonly IReadOnlyList<string> DocumentedBooking = ["taken", "outside_availability", "not_on_slot_grid", "in_the_past"];

    /// <summary>Why a booking cannot be cancelled.</summary>
    public static readonly IReadOnlyList<string> Cancel = ["already_cancelled", "already_begun"];

    /// <summary>Why a booking cannot be moved: the slot's reasons, the booking's state, or its meeting type being gone.</summary>
    public static readonly IReadOnlyList<string> Reschedule = [.. Booking, .. Cancel, "meeting_type_deleted"];

    /// <summary>Every code, in the order the document's enum lists them.</summary>
    public static readonly IReadOnlyList<string> All = Reschedule;

    /// <summary>The title and an example detail of each code, for the document's examples.</summary>
    public static readonly IReadOnlyDictionary<string, (string Title, string Detail)> Examples = new Dictionary<string, (string, string)>
    {
        ["taken"] = ("Slot already taken", "The slot 2027-03-01T08:00:00Z to 2027-03-01T08:30:00Z is already booked. Search again for a free slot."),
        ["outside_availability"] = ("Outside availability", "2027-03-01T20:00:00Z to 2027-03-01T20:30:00Z is not inside the owner's availability. Search for slots to see what is offered."),
        ["not_on_slot_grid"] = ("Not an offered slot", "2027-03-01T08:10:00Z to 2027-03-01T08:40:00Z is inside the owner's availability but is not one of the offered slots. Search for slots to see their exact times."),
        ["in_the_past"] = ("Slot in the past", "The slot starting 2027-03-01T08:00:00Z has already begun or passed. Choose a slot that starts later."),
        ["too_soon"] = ("Too soon", "The slot starting 2027-03-01T08:00:00Z is sooner than this meeting type's minimum notice allows. Choose a later slot."),
        ["beyond_horizon"] = ("Too far ahead", "The slot starting 2027-03-01T08:00:00Z is further ahead than this meeting type can be booked. Choose an earlier slot."),
        ["daily_limit_reached"] = ("Day fully booked", "This meeting type has reached its limit of bookings on the day of 2027-03-01T08:00:00Z. Choose another day."),
        ["already_cancelled"] = ("Already cancelled", "The booking is already cancelled."),
        ["already_begun"] = ("Already begun", "The meeting has already begun, so it can no longer be cancelled."),
        ["meeting_type_deleted"] = ("Cannot be rescheduled", "The booking cannot be rescheduled: its meeting type 'intro' no longer exists."),
    };
}
