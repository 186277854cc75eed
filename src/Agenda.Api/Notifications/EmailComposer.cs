using System.Globalization;
using Agenda.Api.Calendars;
using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.Slots;
using Agenda.Storage;
using MimeKit;
using NodaTime;

namespace Agenda.Api.Notifications;

/// <summary>
/// The e-mail of a booking event: plain text (so nothing anyone typed can become markup), the time in the recipient's zone
/// in the form the booking pages use (<see cref="InviteeFormat"/>),
/// and the booking as an iCalendar invitation (METHOD:REQUEST, or CANCEL for a cancellation) with the booking's UID and
/// SEQUENCE, so calendar programs update the one event they already have.
/// </summary>
internal static class EmailComposer
{
    /// <param name="meeting">The meeting as the recipient reads it: its title with the other party, in their language.</param>
    /// <param name="manageLink">For the invitee, the address of the page to cancel or move the booking, when there is one.</param>
    public static MimeMessage Compose(
        DueDelivery delivery, StoredBooking booking, string ownerName, MeetingName meeting, DateTimeZone zone, string from, Instant now, string? manageLink = null)
    {
        var texts = EmailTexts.For(meeting.Language);
        var culture = CultureInfo.GetCultureInfo(texts.Culture);
        var e = delivery.Event;
        var cancelled = e.EventType == BookingEvents.Cancelled;
        var title = delivery.Channel == DeliveryChannels.Reminder ? texts.Reminder
            : cancelled ? texts.Cancelled
            : e.EventType == BookingEvents.Rescheduled ? texts.Moved
            : texts.Confirmed;
        var slot = new Slot(e.Start, e.End);
        var when = InviteeFormat.Times(slot, zone, culture);

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(new MailboxAddress(delivery.RecipientRole == "owner" ? ownerName : booking.Invitee, delivery.Recipient ?? throw new ArgumentException("An e-mail delivery names its recipient.", nameof(delivery))));
        message.Subject = $"{title}: {meeting.Summary}, {when}";
        message.Headers.Add("Auto-Submitted", "auto-generated");
        // The owner answers the invitee with their mail program's Reply.
        var inviteeAddress = delivery.RecipientRole == "owner" ? booking.InviteeEmail : null;
        if (inviteeAddress is not null)
        {
            message.ReplyTo.Add(new MailboxAddress(booking.Invitee, inviteeAddress));
        }

        var lines = new List<string> { $"{title}: {meeting.Summary}", "", $"{texts.When}: {InviteeFormat.Span(slot, zone, culture)}" };
        if (inviteeAddress is not null)
        {
            lines.Add($"{texts.Email}: {inviteeAddress}");
        }

        if (e.PreviousStart is { } previousStart && e.PreviousEnd is { } previousEnd)
        {
            lines.Add($"{texts.Previously}: {InviteeFormat.Times(new Slot(previousStart, previousEnd), zone, culture)}");
        }

        if (cancelled && booking.CancelReason is { Length: > 0 } reason)
        {
            lines.Add($"{texts.Reason}: {reason}");
        }

        if (booking.Note is { Length: > 0 } note)
        {
            lines.Add($"{texts.Note}: {note}");
        }

        if (manageLink is not null && !cancelled)
        {
            lines.AddRange(["", texts.ManageLink, manageLink]);
        }

        lines.AddRange(["", texts.Manage]);
        var body = new BodyBuilder { TextBody = string.Join("\n", lines) };
        var invitation = BookingCalendar.WriteInvitation(booking with { Slot = slot }, cancelled, now, from, ownerName, meeting.Summary);
        var attachment = body.Attachments.Add("invite.ics", System.Text.Encoding.UTF8.GetBytes(invitation), new ContentType("text", "calendar"));
        attachment.ContentType.Parameters.Add("method", cancelled ? "CANCEL" : "REQUEST");
        attachment.ContentType.Charset = "utf-8";
        message.Body = body.ToMessageBody();
        return message;
    }
}
