using Agenda.Api.Calendars.Busy;
using NodaTime;
using NodaTime.Text;

namespace Agenda.Api.Tests.Calendars;

/// <summary>Small builders for iCalendar test texts and the instants the tests expect.</summary>
internal static class Ics
{
    public static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static readonly LocalDateTimePattern LocalMinutes = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm");

    public static readonly string[] OwnerEmails = ["ana@example.com"];

    /// <summary>A VCALENDAR around the given components; lines may end in \n, the text gets the CRLF iCalendar wants.</summary>
    public static string Calendar(params string[] components) =>
        ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Agenda tests//EN\n" + string.Concat(components) + "END:VCALENDAR\n").Replace("\r\n", "\n").Replace("\n", "\r\n");

    /// <summary>A VEVENT with the given property lines (DTSTART, RRULE, ...); UID and DTSTAMP are added when missing.</summary>
    public static string Event(params string[] lines)
    {
        var uid = lines.Any(l => l.StartsWith("UID:", StringComparison.Ordinal)) ? "" : $"UID:{Guid.NewGuid()}\n";
        return $"BEGIN:VEVENT\n{uid}DTSTAMP:20260101T000000Z\n{string.Join("\n", lines)}\nEND:VEVENT\n";
    }

    public static Instant Utc(string text) => InstantPattern.ExtendedIso.Parse(text).GetValueOrThrow();

    /// <summary>A local date-time placed in a zone with RFC 5545's rule (gap: forward by the gap; overlap: earlier offset).</summary>
    public static Instant Local(string text, DateTimeZone zone) => LocalMinutes.Parse(text).GetValueOrThrow().InZoneLeniently(zone).ToInstant();

    public static Instant Local(string text) => Local(text, Berlin);

    public static BusyInterval Busy(Instant start, Instant end) => new(start, end);

    public static BusyInterval BerlinBusy(string start, string end) => new(Local(start), Local(end));

    public static IReadOnlyList<BusyInterval> Read(string ics, string from = "2026-01-01T00:00:00Z", string to = "2027-01-01T00:00:00Z", DateTimeZone? owner = null) =>
        IcsBusyTimes.Read(ics, Utc(from), Utc(to), owner ?? Berlin, OwnerEmails);
}
