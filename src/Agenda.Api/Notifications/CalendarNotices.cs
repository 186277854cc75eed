using System.Globalization;
using System.Text.Json;
using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;
using MimeKit;
using NodaTime;
using NodaTime.Text;

namespace Agenda.Api.Notifications;

/// <summary>
/// Tells the owner that one of their connected calendars started failing (<see cref="CalendarEvents.Failing"/>: its last
/// good copy still counts) or went stale (<see cref="CalendarEvents.Stale"/>: its when_unreachable applies), by webhook
/// to the endpoints that subscribed to the event and by e-mail to the owner's address. The events are written by the
/// store in the transaction that records the change; the connection is read as it is when the message is sent, so the
/// message says what to fix now. Nothing in it names the calendar's address beyond scheme and host.
/// </summary>
internal sealed class CalendarNotices(ICalendarConnectionStore connections, IOwnerStore owners, INotificationSettingsStore notificationSettings, WebhookSender sender, TimeProvider time)
{
    public async Task<AttemptRecord> DeliverAsync(DueDelivery delivery, EmailSender? email, EmailOptions? emailOptions, CancellationToken cancellationToken)
    {
        var e = delivery.Event;
        var connection = await connections.FindConnectionAsync(e.OwnerId, e.BookingId, cancellationToken);
        var now = time.GetCurrentInstant();
        if (delivery.Channel == DeliveryChannels.Webhook)
        {
            return await sender.SendAsync(delivery, CalendarNoticePayload.From(e, connection, now).Serialize(), cancellationToken);
        }

        if (email is null || emailOptions is null || connection is null)
        {
            return new AttemptRecord(delivery.Id, "", delivery.Attempts + 1, now, null, null, 0, "Not sent: the calendar was disconnected since, or e-mail was turned off.");
        }

        var owner = await owners.FindOwnerAsync(e.OwnerId, cancellationToken);
        var settings = await notificationSettings.GetNotificationSettingsAsync(e.OwnerId, cancellationToken);
        var message = Compose(delivery, connection, owner?.DisplayName ?? e.OwnerId, owner?.Zone ?? DateTimeZone.Utc, settings?.Language ?? "en", emailOptions.From);
        return await email.SendAsync(delivery, message, now, cancellationToken);
    }

    /// <summary>The owner's e-mail about a calendar: plain text, in the owner's language and zone.</summary>
    public static MimeMessage Compose(DueDelivery delivery, StoredConnection connection, string ownerName, DateTimeZone zone, string language, string from)
    {
        var texts = EmailTexts.For(language);
        var culture = CultureInfo.GetCultureInfo(texts.Culture);
        string Text(string key, params object?[] values) => EmailTexts.Format(language, key, values);
        string When(Instant at) => LocalDateTimePattern.Create("dddd d MMMM uuuu, HH':'mm", culture).Format(at.InZone(zone).LocalDateTime) + $" ({zone.Id})";
        var host = connection.DisplayHost;
        var error = connection.LastError ?? Text("CalendarUnknownError");
        var then = Text(connection.Settings.WhenUnreachable == WhenUnreachable.Block ? "CalendarThenBlock" : "CalendarThenEmpty");
        string subject;
        List<string> lines;
        if (delivery.Event.EventType == CalendarEvents.Failing)
        {
            var until = connection.StaleAt is { } at ? When(at) : Text("CalendarSoon");
            subject = Text("CalendarFailingSubject", host);
            lines = [Text("CalendarFailingWhat", host, error), "", Text("CalendarFailingThen", until, then)];
        }
        else
        {
            var since = connection.LastSuccessAt is { } at ? When(at) : Text("CalendarNever");
            subject = Text("CalendarStaleSubject", host);
            lines = [Text("CalendarStaleWhat", host, since, error), "", Text("CalendarStaleThen", then)];
        }

        lines.AddRange(["", Text("CalendarWhatToDo")]);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(new MailboxAddress(ownerName, delivery.Recipient ?? throw new ArgumentException("An e-mail delivery names its recipient.", nameof(delivery))));
        message.Subject = subject;
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new TextPart("plain") { Text = string.Join("\n", lines) };
        return message;
    }
}

/// <summary>
/// The webhook body of a calendar event, in the Standard Webhooks shape: the event's type, when it happened, and the
/// connection as it is when sent (null fields once it was disconnected). <c>state</c> is judged at that moment.
/// </summary>
internal sealed record CalendarNoticePayload(string Type, string Timestamp, CalendarNoticeData Data)
{
    public static CalendarNoticePayload From(StoredEvent e, StoredConnection? connection, Instant now) =>
        new(e.EventType, WireFormat.FormatUtc(e.OccurredAt), new CalendarNoticeData(
            e.BookingId,
            e.OwnerId,
            connection?.Kind,
            connection?.DisplayHost,
            connection?.StateAt(now),
            connection?.LastError,
            connection?.LastSuccessAt is { } read ? WireFormat.FormatUtc(read) : null,
            connection?.StaleAt is { } stale ? WireFormat.FormatUtc(stale) : null,
            connection?.Settings.WhenUnreachable));

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
    };

    public string Serialize() => JsonSerializer.Serialize(this, Json);
}

/// <param name="StaleAt">When its last good copy stops (or stopped) counting.</param>
internal sealed record CalendarNoticeData(
    string ConnectionId, string OwnerId, string? Kind, string? Host, string? State, string? LastError, string? LastSyncedAt, string? StaleAt, string? WhenUnreachable);
