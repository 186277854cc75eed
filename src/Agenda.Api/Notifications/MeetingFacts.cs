using System.Globalization;
using Agenda.Api.Calendars;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Platform.Access;
using Agenda.Storage;

namespace Agenda.Api.Notifications;

/// <summary>
/// Where and how a booking's meeting happens, and what the invitee answered, in a reader's words: one place for the
/// e-mail of both sides, the calendar files, the invitations and the event written into the owner's calendar. The
/// answers are the owner's to read: nothing here puts them in what the invitee gets.
/// </summary>
internal static class MeetingFacts
{
    /// <summary>
    /// Where to meet as <paramref name="forOwner"/>'s side reads it: an address as it is; a phone number formatted, with who
    /// calls whom; a video room or a fixed link with its address. The label the owner gave names the place when there is
    /// one. Null when the booking has no location.
    /// </summary>
    /// <param name="ownerName">The booking owner's name, for the invitee ("Call Ana at …").</param>
    public static Place? Where(StoredBooking booking, bool forOwner, string ownerName, EmailTexts texts)
    {
        if (booking.Location is not { } location)
        {
            return null;
        }

        var label = location.Label;
        switch (location.Kind)
        {
            case LocationKind.InPerson:
                return new Place(label is null ? location.Value : $"{label}: {location.Value}");
            case LocationKind.Video:
                return new Place(label is null ? Format(texts.VideoCall, location.Value) : $"{label}: {location.Value}", location.Value, location.Value);
            case LocationKind.Link:
                return new Place(label is null ? Format(texts.Online, location.Value) : $"{label}: {location.Value}", location.Value, location.Value);
            default:
                // Phone: the invitee calls the owner's number; InviteePhone: the owner calls the invitee's.
                var number = MeetingTypeDetailsInput.FormatPhone(location.Value);
                var inviteeCalls = location.Kind == LocationKind.Phone;
                var text = forOwner
                    ? inviteeCalls ? Format(texts.CallsYouAt, number, booking.Invitee) : Format(texts.CallAt, number, booking.Invitee)
                    : inviteeCalls ? Format(texts.CallAt, number, ownerName) : Format(texts.CallsYouAt, number, ownerName);
                return new Place(label is null ? text : $"{text} ({label})", number, "tel:" + location.Value);
        }
    }

    /// <summary>The invitee's answers, each with its question as it was asked; several values joined, a checkbox's yes or no in the reader's language.</summary>
    public static IReadOnlyList<(string Question, string Answer)> Answers(StoredBooking booking, EmailTexts texts) =>
        [.. booking.Answers.Select(a => (a.Question, string.Join(", ", a.Values.Select(v => v switch { "yes" => texts.Yes, "no" => texts.No, _ => v }))))];

    /// <summary>
    /// The booking's event as <paramref name="role"/> reads it: the meeting's name; LOCATION the address, number or link;
    /// URL the link of a video room or fixed link; DESCRIPTION where to meet, for the owner the invitee's address and
    /// answers, the note, the meeting type's description as plain text and, when given, the link to manage the booking;
    /// the organizer of <paramref name="meeting"/>, and the invitee as attendee when their address is known.
    /// </summary>
    /// <param name="manageLink">Only where the invitee's e-mail already carries it (their invitation).</param>
    public static EventText Event(StoredBooking booking, MeetingName meeting, string role, string? manageLink = null)
    {
        var texts = EmailTexts.For(meeting.Language);
        var forOwner = role == BookingAccess.Owner;
        var lines = new List<string>();
        var place = Where(booking, forOwner, meeting.OwnerName, texts);
        if (place is not null)
        {
            lines.Add($"{texts.Where}: {place.Text}");
        }

        if (forOwner)
        {
            if (booking.InviteeEmail is { } email)
            {
                lines.Add($"{texts.Email}: {email}");
            }

            lines.AddRange(Answers(booking, texts).Select(a => $"{a.Question}: {a.Answer}"));
        }

        if (booking.Note is { Length: > 0 } note)
        {
            lines.Add($"{texts.Note}: {note}");
        }

        if (MeetingDescription.ToPlainText(meeting.Description) is { Length: > 0 } description)
        {
            lines.AddRange(lines.Count > 0 ? ["", description] : [description]);
        }

        if (manageLink is not null)
        {
            lines.AddRange(["", $"{texts.ManageLink} {manageLink}"]);
        }

        var location = booking.Location is not { } at ? null
            : at.Kind is LocationKind.Phone or LocationKind.InviteePhone ? MeetingTypeDetailsInput.FormatPhone(at.Value)
            : at.Value;
        var url = booking.Location is { Kind: LocationKind.Video or LocationKind.Link } link && Uri.TryCreate(link.Value, UriKind.Absolute, out var address) ? address : null;
        return new EventText(
            meeting.Summary,
            lines.Count == 0 ? null : string.Join("\n", lines),
            location,
            url,
            meeting.Organizer,
            booking.InviteeEmail is { } attendee ? new CalendarParty(booking.Invitee, attendee) : null);
    }

    private static string Format(string text, params object?[] values) => string.Format(CultureInfo.InvariantCulture, text, values);
}

/// <summary>
/// Where to meet, in words (<paramref name="Text"/>); <paramref name="Link"/> is the part of it to make a link of in HTML,
/// pointing at <paramref name="Href"/> (the meeting's address, or a <c>tel:</c> URI).
/// </summary>
internal sealed record Place(string Text, string? Link = null, string? Href = null);
