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
public static class BookingCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";
    public const string UidDomain = "agenda";

    public static string Write(IEnumerable<StoredBooking> bookings, Instant now, string calendarName)
    {
        var calendar = new Calendar { Method = "PUBLISH", ProductId = "-//Agenda//Agenda scheduling service//EN" };
        calendar.AddProperty("X-WR-CALNAME", calendarName);
        foreach (var booking in bookings)
        {
            calendar.Events.Add(ToEvent(booking, now));
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    public static string Uid(string bookingId) => $"{bookingId}@{UidDomain}";

    private static CalendarEvent ToEvent(StoredBooking booking, Instant now)
    {
        var meeting = booking.MeetingTypeKey == "" ? "Appointment" : booking.MeetingTypeKey;
        return new CalendarEvent
        {
            Uid = Uid(booking.Id),
            DtStamp = Utc(now),
            DtStart = Utc(booking.Slot.Start),
            DtEnd = Utc(booking.Slot.End),
            Sequence = booking.Sequence,
            Summary = $"{meeting} with {booking.Invitee}",
            Description = booking.Note,
            Status = booking.IsActive ? EventStatus.Confirmed : EventStatus.Cancelled,
        };
    }

    private static CalDateTime Utc(Instant instant) => new(instant.ToDateTimeUtc(), "UTC");
}
