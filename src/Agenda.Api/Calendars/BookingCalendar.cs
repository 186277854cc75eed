using Agenda.Storage;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using NodaTime;

namespace Agenda.Api.Calendars;

/// <summary>
/// Bookings as iCalendar (RFC 5545) events, written with Ical.Net. The UID is stable for a booking, SEQUENCE
/// grows with every reschedule, and a cancelled booking has STATUS:CANCELLED, so calendar programs update the
/// event they already have instead of adding a second one.
/// </summary>
internal static class BookingCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";
    public const string UidDomain = "agenda";

    /// <param name="summary">Each booking's SUMMARY as its reader names the meeting (<c>Notifications.MeetingNames</c>).</param>
    public static string Write(IEnumerable<StoredBooking> bookings, Instant now, string calendarName, Func<StoredBooking, string> summary)
    {
        var calendar = new Calendar { Method = "PUBLISH", ProductId = "-//Agenda//Agenda scheduling service//EN" };
        calendar.AddProperty("X-WR-CALNAME", calendarName);
        foreach (var booking in bookings)
        {
            calendar.Events.Add(ToEvent(booking, now, summary(booking)));
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    public static string Uid(string bookingId) => $"{bookingId}@{UidDomain}";

    /// <summary>
    /// The booking as an iTIP invitation for e-mail (RFC 5546): METHOD:REQUEST for a booking made or moved, METHOD:CANCEL for a
    /// cancelled one, with the same UID and SEQUENCE as the booking's calendar file, from the service's sender address.
    /// </summary>
    public static string WriteInvitation(StoredBooking booking, bool cancelled, Instant now, string from, string ownerName, string summary)
    {
        var calendar = new Calendar { Method = cancelled ? "CANCEL" : "REQUEST", ProductId = "-//Agenda//Agenda scheduling service//EN" };
        var invitation = ToEvent(booking with { Status = cancelled ? Scheduling.Booking.BookingStatus.Cancelled : booking.Status }, now, summary);
        var sender = MimeKit.MailboxAddress.Parse(from);
        invitation.Organizer = new Organizer($"mailto:{sender.Address}") { CommonName = ownerName };
        if (booking.InviteeEmail is { } email)
        {
            invitation.Attendees.Add(new Attendee($"mailto:{email}") { CommonName = booking.Invitee, ParticipationStatus = "ACCEPTED" });
        }

        calendar.Events.Add(invitation);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>
    /// The booking as one calendar object resource for a CalDAV calendar (RFC 4791 §4.1): one VEVENT and no METHOD,
    /// since it is stored, not sent. Same UID and SEQUENCE as the booking's calendar file and invitations.
    /// </summary>
    public static string WriteEvent(StoredBooking booking, Instant now, string summary)
    {
        var calendar = new Calendar { ProductId = "-//Agenda//Agenda scheduling service//EN" };
        calendar.Events.Add(ToEvent(booking, now, summary));
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalendarEvent ToEvent(StoredBooking booking, Instant now, string summary) =>
        new()
        {
            Uid = Uid(booking.Id),
            DtStamp = Utc(now),
            DtStart = Utc(booking.Slot.Start),
            DtEnd = Utc(booking.Slot.End),
            Sequence = booking.Sequence,
            Summary = summary,
            Description = booking.Note,
            Status = booking.IsActive ? EventStatus.Confirmed : EventStatus.Cancelled,
        };

    private static CalDateTime Utc(Instant instant) => new(instant.ToDateTimeUtc(), "UTC");
}
