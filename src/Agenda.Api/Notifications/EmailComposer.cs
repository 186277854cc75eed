using System.Globalization;
using Agenda.Api.Calendars;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Owners;
using Agenda.Api.Platform.Access;
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
/// Both sides read where to meet (<see cref="MeetingFacts"/>); the owner also reads the invitee's answers, and the invitee,
/// about a meeting still to come, the meeting type's description (as plain text, and as its safe HTML in the HTML part).
/// </summary>
internal static class EmailComposer
{
    /// <param name="meeting">The meeting as the recipient reads it: its title with the other party, in their language.</param>
    /// <param name="manageLink">For the invitee, the address of the page to cancel or move the booking, when there is one.</param>
    /// <param name="branding">The owner's branding, if any; <paramref name="photo"/> is its photo with the bytes.</param>
    /// <param name="answerLink">For the owner, about a new request: the address of the page that confirms or declines it, when there is one.</param>
    public static MimeMessage Compose(
        DueDelivery delivery, StoredBooking booking, string ownerName, MeetingName meeting, DateTimeZone zone, string from, Instant now, string? manageLink = null,
        StoredBranding? branding = null, StoredPhoto? photo = null, string? answerLink = null, StoredSeries? series = null)
    {
        var texts = EmailTexts.For(meeting.Language);
        var culture = CultureInfo.GetCultureInfo(texts.Culture);
        var e = delivery.Event;
        var forOwner = delivery.RecipientRole == BookingAccess.Owner;
        // A request, declined or expired, is no meeting (yet): its e-mail carries no invitation. A cancellation withdraws one.
        var cancelled = e.EventType == BookingEvents.Cancelled;
        var request = e.EventType == BookingEvents.Requested;
        var closed = e.EventType is BookingEvents.Declined or BookingEvents.Expired;
        var title = delivery.Channel == DeliveryChannels.Reminder ? texts.Reminder
            : cancelled ? texts.Cancelled
            : e.EventType == BookingEvents.Rescheduled ? texts.Moved
            : request ? (forOwner ? texts.NewRequest : texts.Requested)
            : e.EventType == BookingEvents.Declined ? texts.Declined
            : e.EventType == BookingEvents.Expired ? texts.Expired
            : texts.Confirmed;
        var slot = new Slot(e.Start, e.End);
        var when = InviteeFormat.Times(slot, zone, culture);

        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(new MailboxAddress(delivery.RecipientRole == BookingAccess.Owner ? ownerName : booking.Invitee, delivery.Recipient ?? throw new ArgumentException("An e-mail delivery names its recipient.", nameof(delivery))));
        message.Subject = $"{title}: {meeting.Summary}, {when}";
        message.Headers.Add("Auto-Submitted", "auto-generated");
        // The owner answers the invitee with their mail program's Reply.
        var inviteeAddress = delivery.RecipientRole == BookingAccess.Owner ? booking.InviteeEmail : null;
        if (inviteeAddress is not null)
        {
            message.ReplyTo.Add(new MailboxAddress(booking.Invitee, inviteeAddress));
        }

        // The facts, labelled, in the order both parts show them.
        var facts = new List<EmailFact> { new(texts.When, InviteeFormat.Span(slot, zone, culture)) };
        if (MeetingFacts.Where(booking, forOwner, ownerName, texts) is { } place)
        {
            facts.Add(new(texts.Where, place.Text, place.Link, place.Href));
        }

        if (inviteeAddress is not null)
        {
            facts.Add(new(texts.Email, inviteeAddress));
        }

        // A series' first e-mail names every meeting; later ones are about the meeting changed, with the series' calendar file.
        if (series is not null && e.EventType == BookingEvents.Created && delivery.Channel != DeliveryChannels.Reminder)
        {
            var meetings = string.Join("; ", series.Bookings.Where(b => b.IsActive).Select(b => InviteeFormat.Times(b.Slot, zone, culture)));
            facts.Add(new(texts.Series, EmailTexts.Format(meeting.Language, series.IntervalWeeks == 1 ? "SeriesWeekly" : "SeriesEveryWeeks", series.Bookings.Count(b => b.IsActive), meetings, series.IntervalWeeks)));
        }

        if (e.PreviousStart is { } previousStart && e.PreviousEnd is { } previousEnd)
        {
            facts.Add(new(texts.Previously, InviteeFormat.Times(new Slot(previousStart, previousEnd), zone, culture)));
        }

        if (request && booking.ExpiresAt is { } expires)
        {
            facts.Add(new(texts.AnswerBy, InviteeFormat.Moment(expires, zone, culture)));
        }

        if ((cancelled || closed) && booking.CancelReason is { Length: > 0 } reason)
        {
            facts.Add(new(texts.Reason, reason));
        }

        // What the invitee answered is for the owner; the invitee's own e-mail does not repeat it.
        if (forOwner)
        {
            facts.AddRange(MeetingFacts.Answers(booking, texts).Select(a => new EmailFact(a.Question, a.Answer)));
        }

        if (booking.Note is { Length: > 0 } note)
        {
            facts.Add(new(texts.Note, note));
        }

        var lines = new List<string> { $"{title}: {meeting.Summary}", "" };
        lines.AddRange(facts.Select(f => $"{f.Label}: {f.Value}"));
        // The invitee's e-mail about a meeting still to come says what the owner wrote about it.
        var description = !forOwner && !cancelled ? meeting.Description : null;
        if (MeetingDescription.ToPlainText(description) is { Length: > 0 } about)
        {
            lines.AddRange(["", texts.About, about]);
        }

        // The owner answers a request from the e-mail's link (with PublicBaseUrl set), else in the console; the invitee learns it awaits an answer.
        var manage = request && forOwner ? (answerLink is not null ? (texts.AnswerLink, texts.AnswerButton, answerLink) : ((string, string, string)?)null)
            : manageLink is not null && !cancelled && !closed ? (texts.ManageLink, texts.ManageButton, manageLink) : ((string, string, string)?)null;
        if (request)
        {
            lines.AddRange(["", forOwner ? (answerLink is null ? texts.AnswerInConsole : texts.AnswerLink) : texts.AwaitingAnswer]);
            if (forOwner && answerLink is not null)
            {
                lines.Add(answerLink);
            }
        }

        if (manage is { } shown && !(request && forOwner))
        {
            lines.AddRange(["", shown.Item1, shown.Item3]);
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
            var aboutHtml = MeetingDescription.ToHtml(description) is { Length: > 0 } html ? (texts.About, html) : ((string, string)?)null;
            body.HtmlBody = BrandedEmail.Write(meeting.Language, title, meeting.Summary, ownerName, photoId, color, branding.Welcome, facts, aboutHtml, manage, texts.Manage);
        }

        if (request || closed)
        {
            message.Body = body.ToMessageBody();
            return message;
        }

        var eventText = MeetingFacts.Event(booking, meeting, forOwner ? BookingAccess.Owner : BookingAccess.Invitee, manage is null ? null : manageLink);
        // A meeting of a series is an instance of the series' one calendar event: every e-mail carries the series as it
        // stands (a cancelled meeting an EXDATE, a moved one its own instance), cancelled only once every meeting is.
        var seriesCancelled = series is not null && series.Bookings.All(b => !b.IsActive);
        var invitation = series is not null
            ? BookingCalendar.WriteSeries(series, now, eventText with { Organizer = new CalendarParty(ownerName, MailboxAddress.Parse(from).Address) }, "REQUEST")
            : BookingCalendar.WriteInvitation(booking with { Slot = slot }, cancelled, now, from, ownerName, eventText);
        var attachment = body.Attachments.Add("invite.ics", System.Text.Encoding.UTF8.GetBytes(invitation), new ContentType("text", "calendar"));
        attachment.ContentType.Parameters.Add("method", (series is null ? cancelled : seriesCancelled) ? "CANCEL" : "REQUEST");
        attachment.ContentType.Charset = "utf-8";
        message.Body = body.ToMessageBody();
        return message;
    }
}

/// <summary>
/// One labelled fact of a booking e-mail. In the HTML part, <paramref name="Link"/> (a part of <paramref name="Value"/>)
/// becomes a link to <paramref name="Href"/>; the plain text shows the value as it is.
/// </summary>
internal sealed record EmailFact(string Label, string Value, string? Link = null, string? Href = null);
