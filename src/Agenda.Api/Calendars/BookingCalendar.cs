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
/// event they already have instead of adding a second one. What an event says besides its time (summary, place,
/// description, organizer and attendee) is its reader's <see cref="EventText"/>; Ical.Net escapes and folds it.
/// </summary>
internal static class BookingCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";
    public const string UidDomain = "agenda";

    /// <summary>
    /// A calendar file of <paramref name="bookings"/> (the booking's <c>calendar.ics</c>, the owner's feed). It has no
    /// METHOD: it is a copy to keep, not an iTIP message (RFC 5545 §3.7.2), so it may name the attendee, which
    /// METHOD:PUBLISH forbids (RFC 5546 §3.2.1).
    /// </summary>
    /// <param name="text">Each booking's event as its reader sees it (<c>Notifications.MeetingFacts</c>).</param>
    public static string Write(IEnumerable<StoredBooking> bookings, Instant now, string calendarName, Func<StoredBooking, EventText> text)
    {
        var calendar = new Calendar { ProductId = "-//Agenda//Agenda scheduling service//EN" };
        calendar.AddProperty("X-WR-CALNAME", calendarName);
        foreach (var booking in bookings)
        {
            calendar.Events.Add(ToEvent(booking, now, text(booking)));
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    public static string Uid(string bookingId) => $"{bookingId}@{UidDomain}";

    /// <summary>
    /// The booking as an iTIP invitation for e-mail (RFC 5546): METHOD:REQUEST for a booking made or moved, METHOD:CANCEL for a
    /// cancelled one, with the same UID and SEQUENCE as the booking's calendar file, from the service's sender address
    /// (the organizer, named after the owner, so the message's sender is the invitation's organizer), to the invitee.
    /// </summary>
    public static string WriteInvitation(StoredBooking booking, bool cancelled, Instant now, string from, string ownerName, EventText text)
    {
        var calendar = new Calendar { Method = cancelled ? "CANCEL" : "REQUEST", ProductId = "-//Agenda//Agenda scheduling service//EN" };
        var sender = MimeKit.MailboxAddress.Parse(from);
        var invitation = ToEvent(
            booking with { Status = cancelled ? Scheduling.Booking.BookingStatus.Cancelled : booking.Status },
            now,
            text with { Organizer = new CalendarParty(ownerName, sender.Address) });
        calendar.Events.Add(invitation);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>
    /// The booking as one calendar object resource for a CalDAV calendar (RFC 4791 §4.1): one VEVENT and no METHOD,
    /// since it is stored, not sent. Same UID and SEQUENCE as the booking's calendar file and invitations. It names no
    /// organizer and no attendee: a server that schedules (RFC 6638) would otherwise send the invitee an invitation of
    /// its own for an event with both.
    /// </summary>
    public static string WriteEvent(StoredBooking booking, Instant now, EventText text)
    {
        var calendar = new Calendar { ProductId = "-//Agenda//Agenda scheduling service//EN" };
        calendar.Events.Add(ToEvent(booking, now, text with { Organizer = null, Attendee = null }));
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>
    /// A recurring series as one iCalendar event (RFC 5545): the series' UID; DTSTART and DTEND in the owner's zone (with its
    /// VTIMEZONE) at the first meeting's wall-clock time; RRULE FREQ=WEEKLY with the series' INTERVAL and COUNT; an EXDATE
    /// for each cancelled meeting; and, for each meeting moved, an instance of its own named by RECURRENCE-ID (its first
    /// time). SEQUENCE grows with every change to any meeting, so calendar programs take each new copy. With
    /// <paramref name="method"/> it is an iTIP message (REQUEST; CANCEL once every meeting is cancelled) from
    /// <paramref name="text"/>'s organizer; without, a copy to keep.
    /// </summary>
    public static string WriteSeries(StoredSeries series, Instant now, EventText text, string? method = null)
    {
        var allCancelled = series.Bookings.All(b => !b.IsActive);
        var calendar = new Calendar { ProductId = "-//Agenda//Agenda scheduling service//EN" };
        if (method is not null)
        {
            calendar.Method = allCancelled ? "CANCEL" : method;
        }

        calendar.AddTimeZone(series.Zone.Id);
        var sequence = series.Bookings.Sum(b => b.Sequence + (b.IsActive ? 0 : 1));
        var zone = series.Zone.Id;
        var firstEnd = (series.FirstLocalStart.InZoneLeniently(series.Zone).ToInstant() + series.Length).InZone(series.Zone).LocalDateTime;
        var master = Describe(new CalendarEvent
        {
            Uid = Uid(series.Id),
            DtStamp = Utc(now),
            DtStart = Local(series.FirstLocalStart, zone),
            DtEnd = Local(firstEnd, zone),
            Sequence = sequence,
            Status = allCancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
        }, text);
        master.RecurrenceRule = new RecurrenceRule(FrequencyType.Weekly, series.IntervalWeeks) { Count = series.Count };
        var firstTimes = Scheduling.Booking.RecurringSeries.At(series.FirstLocalStart, 0, series.Length, series.Zone, series.IntervalWeeks, Enumerable.Range(0, series.Count));
        if (!allCancelled)
        {
            master.ExceptionDates.AddRange(series.Bookings.Where(b => !b.IsActive).Select(b => Local(firstTimes[b.SeriesIndex ?? 0].LocalStart, zone)));
        }

        calendar.Events.Add(master);
        foreach (var booking in series.Bookings.Where(b => b.IsActive && firstTimes[b.SeriesIndex ?? 0].Slot != b.Slot))
        {
            calendar.Events.Add(Describe(new CalendarEvent
            {
                Uid = Uid(series.Id),
                DtStamp = Utc(now),
                RecurrenceIdentifier = new RecurrenceIdentifier(Local(firstTimes[booking.SeriesIndex ?? 0].LocalStart, zone), null),
                DtStart = Utc(booking.Slot.Start),
                DtEnd = Utc(booking.Slot.End),
                Sequence = sequence,
                Status = EventStatus.Confirmed,
            }, text));
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalendarEvent Describe(CalendarEvent e, EventText text)
    {
        e.Summary = text.Summary;
        e.Description = string.IsNullOrEmpty(text.Description) ? null : text.Description;
        e.Location = text.Location;
        e.Url = text.Url;
        if (text.Organizer is { } organizer)
        {
            e.Organizer = new Organizer($"mailto:{organizer.Email}") { CommonName = organizer.Name };
        }

        if (text.Attendee is { } attendee)
        {
            e.Attendees.Add(new Attendee($"mailto:{attendee.Email}") { CommonName = attendee.Name, ParticipationStatus = "ACCEPTED" });
        }

        return e;
    }

    private static CalDateTime Local(LocalDateTime local, string zone) => new(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second, zone);

    private static CalendarEvent ToEvent(StoredBooking booking, Instant now, EventText text) =>
        Describe(new CalendarEvent
        {
            Uid = Uid(booking.Id),
            DtStamp = Utc(now),
            DtStart = Utc(booking.Slot.Start),
            DtEnd = Utc(booking.Slot.End),
            Sequence = booking.Sequence,
            Status = booking.IsActive ? EventStatus.Confirmed : EventStatus.Cancelled,
        }, text);

    private static CalDateTime Utc(Instant instant) => new(instant.ToDateTimeUtc(), "UTC");
}

/// <summary>
/// What one reader's event of a booking says besides its time and status: SUMMARY, DESCRIPTION (plain text), LOCATION
/// (an address, a phone number or a link), URL (the meeting's link, for a video room or a fixed link), ORGANIZER and
/// ATTENDEE (each with an e-mail address; left out without one).
/// </summary>
internal sealed record EventText(
    string Summary, string? Description = null, string? Location = null, Uri? Url = null, CalendarParty? Organizer = null, CalendarParty? Attendee = null);

/// <summary>A person in a calendar event: their name, and the e-mail address that names them there.</summary>
internal sealed record CalendarParty(string Name, string Email);
