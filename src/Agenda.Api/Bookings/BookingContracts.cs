using System.Text.Json;
using System.Text.Json.Serialization;
using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.Booking;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Bookings;

// Request and response bodies of the /v1 API. Property names are written in snake_case by the host's
// JSON options, as in the documented API. Request fields are nullable so that a missing value reaches
// validation, which names the field.

/// <param name="Language">The invitee's language for the e-mail they receive: en or de. When left out, the owner's e-mail language.</param>
/// <param name="TimeZone">The invitee's IANA time zone, for the times in the e-mail they receive. When left out, the owner's zone.</param>
internal sealed record InviteeBody(string? Name, string? Email, string? Language = null, string? TimeZone = null);

/// <param name="HoldToken">The hold_token of a hold the invitee took on this slot: the hold is used up, and the slot it kept is theirs to book.
/// A hold that has expired or was released gives no protection; the booking is then decided like any other.</param>
/// <param name="DurationMinutes">One of the meeting type's duration_options_minutes; left out: its duration_minutes.</param>
/// <param name="Location">Where to meet, of the locations the meeting type offers; may be left out when it offers one (or none).</param>
/// <param name="Answers">The answers to the meeting type's questions by question id: text, a number, true or false for a checkbox, a list of texts for a multiple choice.</param>
/// <param name="SingleUseLink">The secret of a single-use link of this meeting type: the booking uses the link up, and is refused (link_used) if it was used or revoked.</param>
/// <param name="Recurrence">For a meeting type that offers series (its recurrence): book a weekly series from start, all or nothing.</param>
internal sealed record CreateBookingRequest(
    string? Start,
    InviteeBody? Invitee,
    string? Note,
    string? HoldToken = null,
    int? DurationMinutes = null,
    LocationChoiceBody? Location = null,
    IReadOnlyDictionary<string, JsonElement>? Answers = null,
    string? SingleUseLink = null,
    RecurrenceChoiceBody? Recurrence = null);

/// <param name="Count">How many meetings, the first included: 2 to the meeting type's recurrence.max_count. They repeat every
/// recurrence.interval_weeks weeks at the owner's wall-clock time of start.</param>
internal sealed record RecurrenceChoiceBody(int? Count = null);

/// <summary>A meeting of a recurring series: the series, the meeting's position in it (0 for the first), and how many meetings it has.</summary>
internal sealed record BookingSeriesResponse(string Id, int Index);

/// <param name="Kind">in_person, phone, invitee_phone, link or video: one the meeting type offers.</param>
/// <param name="Value">The address, number or link, when the meeting type offers several of that kind.</param>
/// <param name="Phone">The invitee's phone number, for invitee_phone: with its country code, such as +49 30 1234567.</param>
internal sealed record LocationChoiceBody(string? Kind = null, string? Value = null, string? Phone = null);

/// <param name="DurationMinutes">One of the meeting type's duration_options_minutes; left out: its duration_minutes.</param>
internal sealed record CreateHoldRequest(string? Start, int? DurationMinutes = null);

/// <summary>
/// A hold on a slot. <see cref="HoldToken"/> appears only here: it alone releases the hold or books the slot it keeps,
/// and the service keeps only its hash. Until <see cref="ExpiresAt"/> no one else is offered the slot.
/// </summary>
internal sealed record HoldResponse(
    string HoldToken, string OwnerId, string MeetingType, string Start, string End, string StartUtc, string EndUtc, string TimeZone, string ExpiresAt);

/// <param name="Language">The invitee's language for e-mail (en or de), when the booking page or the API was told; null otherwise.</param>
/// <param name="TimeZone">The zone the invitee booked in (the booking page's, or the API's invitee.time_zone); null when not known.</param>
internal sealed record InviteeResponse(string Name, string? Email, string? Language = null, string? TimeZone = null);

/// <summary>
/// A booking. <see cref="ManagementToken"/> appears only in the answer that creates the booking: it is the
/// invitee's only key to read, cancel and reschedule it, and the service keeps only its hash. <see cref="SeatSlotId"/>
/// names, for a seat of a type with seats, the slot it shares with the other seats (GET
/// /v1/owners/{owner_id}/seat-slots/{seat_slot_id} lists them); null for any other booking. <see cref="Status"/> is active,
/// cancelled, pending (a request of a type that requires approval, awaiting the owner's answer until
/// <see cref="ExpiresAt"/>), declined or expired. <see cref="Series"/> names, for a meeting of a recurring series, the
/// series and the meeting's place in it (GET /v1/bookings/{booking_id}/series lists them all); null for any other booking.
/// </summary>
internal sealed record BookingResponse(
    string Id,
    string OwnerId,
    string MeetingType,
    string Status,
    string Start,
    string End,
    string StartUtc,
    string EndUtc,
    string TimeZone,
    InviteeResponse Invitee,
    string? Note,
    string CreatedAt,
    int Sequence,
    IReadOnlyList<PreviousTimeResponse> PreviousTimes,
    string? CancelledAt,
    string? CancelledBy,
    string? CancelReason,
    BookingLocationResponse? Location,
    IReadOnlyList<BookingAnswerResponse> Answers,
    string? SeatSlotId,
    string? ExpiresAt,
    BookingSeriesResponse? Series,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ManagementToken = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TeamBookingResponse? Team = null)
{
    /// <summary>The owner's private note: only in the owner's list of their bookings, never in the invitee's view.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PrivateNote { get; init; }

    /// <summary>When the owner marked the invitee as a no-show: only in the owner's list of their bookings.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NoShowAt { get; init; }
}

/// <summary>
/// Where the meeting happens: <see cref="Kind"/> as the meeting type offered it, and <see cref="Value"/> the address, the
/// number to call (for invitee_phone, the invitee's), the link, or the video room made for this booking.
/// </summary>
internal sealed record BookingLocationResponse(string Kind, string Value, string? Label);

/// <summary>The invitee's answer to one question: the question as it was asked, and the values given (checkbox: yes or no).</summary>
internal sealed record BookingAnswerResponse(string Id, string Question, IReadOnlyList<string> Values);

/// <summary>A time a booking had before it was rescheduled.</summary>
internal sealed record PreviousTimeResponse(string StartUtc, string EndUtc);

/// <param name="Series">For a meeting of a recurring series: this (the default) cancels this meeting only; following cancels it and every later meeting of the series.</param>
internal sealed record CancelBookingRequest(string? Reason, string? Series = null);

/// <summary>Why the owner declines a request, if they say; the invitee reads it.</summary>
internal sealed record DeclineBookingRequest(string? Reason);

/// <param name="Series">For a meeting of a recurring series: this (the default) moves this meeting only; following moves it to start and
/// every later meeting to the same wall-clock time, the series' interval of weeks on from there, all or none.</param>
internal sealed record RescheduleBookingRequest(string? Start, string? Series = null);

/// <summary>
/// A recurring series: its meetings (each a booking, cancelled and moved ones included) in order, how many weeks apart
/// they repeat, and the owner's zone whose wall-clock time they keep.
/// </summary>
internal sealed record SeriesResponse(string Id, string OwnerId, string MeetingType, string TimeZone, int IntervalWeeks, int Count, IReadOnlyList<BookingResponse> Bookings);

/// <summary>A page of an owner's bookings; <see cref="NextCursor"/> is null on the last page.</summary>
internal sealed record BookingListResponse(IReadOnlyList<BookingResponse> Bookings, string? NextCursor);

/// <summary>Of a team booking: the team, its meeting type's slug, and the hosts who take it (the booking's owner first).</summary>
internal sealed record TeamBookingResponse(string TeamId, string MeetingType, IReadOnlyList<string> Hosts);

/// <summary>A stored booking as its /v1 response body.</summary>
internal static class BookingMapping
{
    /// <summary>A hold as answered, with its token (shown only in this answer), in <paramref name="zone"/>.</summary>
    public static HoldResponse ToResponse(this SlotHold hold, string token, string ownerId, DateTimeZone zone) =>
        new(token, ownerId, hold.MeetingTypeKey,
            WireFormat.FormatWithOffset(hold.Meeting.Start, zone), WireFormat.FormatWithOffset(hold.Meeting.End, zone),
            WireFormat.FormatUtc(hold.Meeting.Start), WireFormat.FormatUtc(hold.Meeting.End), zone.Id,
            WireFormat.FormatUtc(hold.ExpiresAt));

    public static BookingResponse ToResponse(this StoredBooking booking, DateTimeZone zone, IReadOnlyList<Scheduling.Slots.Slot>? history = null, string? managementToken = null) =>
        new(
            booking.Id,
            booking.OwnerId,
            booking.MeetingTypeKey,
            StatusName(booking.Status),
            WireFormat.FormatWithOffset(booking.Slot.Start, zone),
            WireFormat.FormatWithOffset(booking.Slot.End, zone),
            WireFormat.FormatUtc(booking.Slot.Start),
            WireFormat.FormatUtc(booking.Slot.End),
            zone.Id,
            new InviteeResponse(booking.Invitee, booking.InviteeEmail, booking.InviteeLanguage, booking.InviteeTimeZone),
            booking.Note,
            WireFormat.FormatUtc(booking.CreatedAt),
            booking.Sequence,
            (history ?? booking.PreviousTimes).Select(h => new PreviousTimeResponse(WireFormat.FormatUtc(h.Start), WireFormat.FormatUtc(h.End))).ToList(),
            booking.CancelledAt is { } cancelledAt ? WireFormat.FormatUtc(cancelledAt) : null,
            booking.CancelledBy,
            booking.CancelReason,
            booking.Location is { } location ? new BookingLocationResponse(MeetingTypes.MeetingTypeDetailsInput.LocationKinds[location.Kind], location.Value, location.Label) : null,
            [.. booking.Answers.Select(a => new BookingAnswerResponse(a.Id, a.Question, a.Values))],
            booking.SeatSlotId,
            booking.Status.AwaitsApproval() && booking.ExpiresAt is { } expires ? WireFormat.FormatUtc(expires) : null,
            booking.SeriesId is { } series ? new BookingSeriesResponse(series, booking.SeriesIndex ?? 0) : null,
            managementToken);

    /// <summary>The booking as its owner sees it in their list: with the private note and the no-show mark.</summary>
    public static BookingResponse ToOwnersResponse(this StoredBooking booking, DateTimeZone zone) =>
        booking.ToResponse(zone) with
        {
            PrivateNote = booking.PrivateNote,
            NoShowAt = booking.NoShowAt is { } noShow ? WireFormat.FormatUtc(noShow) : null,
        };

    /// <summary>
    /// A status as the API names it: active, cancelled, pending (a request awaiting the owner's answer, whether or not it
    /// holds its time), declined or expired.
    /// </summary>
    public static string StatusName(BookingStatus status) => status switch
    {
        BookingStatus.Active => "active",
        BookingStatus.Cancelled => "cancelled",
        BookingStatus.Pending or BookingStatus.Requested => "pending",
        BookingStatus.Declined => "declined",
        BookingStatus.Expired => "expired",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown booking status."),
    };
}
