using System.Globalization;
using Agenda.Api.Calendars;
using Agenda.Api.Owners;
using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.Slots;
using Agenda.Storage;
using MimeKit;
using NodaTime;

namespace Agenda.Api.Notifications;

/// <summary>
/// The e-mail of a booking event: plain text, the time in the recipient's zone in the form the booking pages use
/// (<see cref="InviteeFormat"/>), and the booking as an iCalendar invitation (METHOD:REQUEST, or CANCEL for a
/// cancellation) with the booking's UID and SEQUENCE, so calendar programs update the one event they already have.
/// When the owner has branding (a colour, a welcome or a photo), an HTML alternative shows it with the same facts
/// (<see cref="BrandedEmail"/>, everything HTML-encoded), the photo as an inline image; the text part stays as it is.
/// </summary>
internal static class EmailComposer
{
    /// <param name="meeting">The meeting as the recipient reads it: its title with the other party, in their language.</param>
    /// <param name="manageLink">For the invitee, the address of the page to cancel or move the booking, when there is one.</param>
    /// <param name="branding">The owner's branding, if any; <paramref name="photo"/> is its photo with the bytes.</param>
    public static MimeMessage Compose(
        DueDelivery delivery, StoredBooking booking, string ownerName, MeetingName meeting, DateTimeZone zone, string from, Instant now, string? manageLink = null,
        StoredBranding? branding = null, StoredPhoto? photo = null)
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

        // The facts, labelled, in the order both parts show them.
        var facts = new List<(string Label, string Value)> { (texts.When, InviteeFormat.Span(slot, zone, culture)) };
        if (inviteeAddress is not null)
        {
            facts.Add((texts.Email, inviteeAddress));
        }

        if (e.PreviousStart is { } previousStart && e.PreviousEnd is { } previousEnd)
        {
            facts.Add((texts.Previously, InviteeFormat.Times(new Slot(previousStart, previousEnd), zone, culture)));
        }

        if (cancelled && booking.CancelReason is { Length: > 0 } reason)
        {
            facts.Add((texts.Reason, reason));
        }

        if (booking.Note is { Length: > 0 } note)
        {
            facts.Add((texts.Note, note));
        }

        var lines = new List<string> { $"{title}: {meeting.Summary}", "" };
        lines.AddRange(facts.Select(f => $"{f.Label}: {f.Value}"));
        var manage = manageLink is not null && !cancelled ? (texts.ManageLink, texts.ManageButton, manageLink) : ((string, string, string)?)null;
        if (manage is not null)
        {
            lines.AddRange(["", texts.ManageLink, manageLink!]);
        }

        lines.AddRange(["", texts.Manage]);
        var body = new BodyBuilder { TextBody = string.Join("\n", lines) };
        if (branding is { BrandColor: not null } or { Welcome: not null } or { HasPhoto: true })
        {
            string? photoId = null;
            if (photo is not null)
            {
                var image = body.LinkedResources.Add("photo" + PhotoFormat.Extension(photo.ContentType), photo.Bytes, ContentType.Parse(photo.ContentType));
                image.ContentId = MimeKit.Utils.MimeUtils.GenerateMessageId();
                photoId = image.ContentId;
            }

            var color = BrandColor.TryParse(branding.BrandColor, out var brand) ? brand : BrandColor.Default;
            body.HtmlBody = BrandedEmail.Write(meeting.Language, title, meeting.Summary, ownerName, photoId, color, branding.Welcome, facts, manage, texts.Manage);
        }

        var invitation = BookingCalendar.WriteInvitation(booking with { Slot = slot }, cancelled, now, from, ownerName, meeting.Summary);
        var attachment = body.Attachments.Add("invite.ics", System.Text.Encoding.UTF8.GetBytes(invitation), new ContentType("text", "calendar"));
        attachment.ContentType.Parameters.Add("method", cancelled ? "CANCEL" : "REQUEST");
        attachment.ContentType.Charset = "utf-8";
        message.Body = body.ToMessageBody();
        return message;
    }
}
