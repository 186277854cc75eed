using System.Text.Json;
using System.Text.Json.Serialization;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Notifications;

/// <summary>
/// A webhook's body, in the Standard Webhooks shape: the event's type, when it happened, and the booking as the event
/// left it. The invitee is read from the booking, which never changes its invitee; times are UTC and in the owner's zone.
/// A host's share of a team booking names the team and the team booking (the id the invitee was given), so a receiver
/// that hears from several hosts can tell it is one meeting. Where to meet and the invitee's answers are the booking's,
/// in the shapes of the /v1 booking (<c>location</c>, <c>answers</c>). A meeting of a recurring series names its series and
/// position (<c>series_id</c>, <c>series_index</c>): each meeting has events of its own.
/// </summary>
internal sealed record WebhookPayload(string Type, string Timestamp, WebhookBooking Data)
{
    public static WebhookPayload From(StoredEvent e, StoredBooking? booking, DateTimeZone zone) =>
        new(e.EventType, WireFormat.FormatUtc(e.OccurredAt), new WebhookBooking(
            e.BookingId,
            e.OwnerId,
            booking?.MeetingTypeKey ?? "",
            StatusAfter(e.EventType),
            WireFormat.FormatUtc(e.Start),
            WireFormat.FormatUtc(e.End),
            WireFormat.FormatWithOffset(e.Start, zone),
            WireFormat.FormatWithOffset(e.End, zone),
            zone.Id,
            e.Sequence,
            e.PreviousStart is { } start ? WireFormat.FormatUtc(start) : null,
            e.PreviousEnd is { } end ? WireFormat.FormatUtc(end) : null,
            booking is null ? null : new WebhookInvitee(booking.Invitee, booking.InviteeEmail),
            booking?.Note,
            booking?.Location is { } location ? new WebhookLocation(MeetingTypeDetailsInput.LocationKinds[location.Kind], location.Value, location.Label) : null,
            booking is null ? [] : [.. booking.Answers.Select(a => new WebhookAnswer(a.Id, a.Question, a.Values))],
            e.EventType is BookingEvents.Cancelled or BookingEvents.Declined ? booking?.CancelReason : null,
            booking?.TeamId,
            booking?.TeamBookingId,
            booking?.SeriesId,
            booking?.SeriesIndex));

    /// <summary>The booking's status as the event left it, named as the /v1 API names it.</summary>
    public static string StatusAfter(string eventType) => eventType switch
    {
        BookingEvents.Cancelled => "cancelled",
        BookingEvents.Requested => "pending",
        BookingEvents.Declined => "declined",
        BookingEvents.Expired => "expired",
        _ => "active",
    };

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string Serialize() => JsonSerializer.Serialize(this, Json);
}

internal sealed record WebhookBooking(
    string BookingId, string OwnerId, string MeetingType, string Status, string StartUtc, string EndUtc, string Start, string End, string TimeZone,
    int Sequence, string? PreviousStartUtc, string? PreviousEndUtc, WebhookInvitee? Invitee, string? Note, WebhookLocation? Location,
    IReadOnlyList<WebhookAnswer> Answers, string? CancelReason, string? TeamId, string? TeamBookingId, string? SeriesId, int? SeriesIndex);

internal sealed record WebhookInvitee(string Name, string? Email);

/// <summary>Where the meeting happens, as the /v1 booking's <c>location</c>: the kind's wire name, the address, number (E.164) or link, the owner's label.</summary>
internal sealed record WebhookLocation(string Kind, string Value, string? Label);

/// <summary>One answer, as the /v1 booking's <c>answers</c>: the question's id and label as asked, and the values given.</summary>
internal sealed record WebhookAnswer(string Id, string Question, IReadOnlyList<string> Values);
