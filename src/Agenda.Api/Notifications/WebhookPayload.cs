using System.Text.Json;
using System.Text.Json.Serialization;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Notifications;

/// <summary>
/// A webhook's body, in the Standard Webhooks shape: the event's type, when it happened, and the booking as the event
/// left it. The invitee is read from the booking, which never changes its invitee; times are UTC and in the owner's zone.
/// A host's share of a team booking names the team and the team booking (the id the invitee was given), so a receiver
/// that hears from several hosts can tell it is one meeting.
/// </summary>
internal sealed record WebhookPayload(string Type, string Timestamp, WebhookBooking Data)
{
    public static WebhookPayload From(StoredEvent e, StoredBooking? booking, DateTimeZone zone) =>
        new(e.EventType, WireFormat.FormatUtc(e.OccurredAt), new WebhookBooking(
            e.BookingId,
            e.OwnerId,
            booking?.MeetingTypeKey ?? "",
            e.EventType == BookingEvents.Cancelled ? "cancelled" : "active",
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
            e.EventType == BookingEvents.Cancelled ? booking?.CancelReason : null,
            booking?.TeamId,
            booking?.TeamBookingId));

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string Serialize() => JsonSerializer.Serialize(this, Json);
}

internal sealed record WebhookBooking(
    string BookingId, string OwnerId, string MeetingType, string Status, string StartUtc, string EndUtc, string Start, string End, string TimeZone,
    int Sequence, string? PreviousStartUtc, string? PreviousEndUtc, WebhookInvitee? Invitee, string? Note, string? CancelReason,
    string? TeamId, string? TeamBookingId);

internal sealed record WebhookInvitee(string Name, string? Email);
