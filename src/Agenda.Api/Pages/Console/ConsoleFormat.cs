using System.Globalization;
using NodaTime;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// Dates and times as the console shows them: in the page's culture (its order of day and month, its names, a 24-hour
/// or 12-hour clock), compact ("Mon, 1 Mar 2027"), and, where a moment is meant, with the zone it is in.
/// </summary>
internal static class ConsoleFormat
{
    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    /// <summary>The culture's long date with short names: Mon, 1 Mar 2027 (en-GB), Mo, 1. März 2027 (de), Mon, Mar 1, 2027 (en-US).</summary>
    public static string Date(LocalDate date) =>
        date.ToString(Culture.DateTimeFormat.LongDatePattern.Replace("dddd", "ddd", StringComparison.Ordinal).Replace("MMMM", "MMM", StringComparison.Ordinal), Culture);

    /// <summary>A wall-clock time in the culture's clock: 09:00, or 9:00 AM; an end of <see cref="LocalTime.Midnight"/> is 24:00 on a 24-hour clock.</summary>
    public static string Time(LocalTime time, bool isEnd = false) =>
        isEnd && time == LocalTime.Midnight && Uses24Hours ? "24:00" : time.ToString(Culture.DateTimeFormat.ShortTimePattern, Culture);

    /// <summary>Whether the culture's clock runs to 24 (de, en-GB) rather than 12 (en-US).</summary>
    public static bool Uses24Hours => Culture.DateTimeFormat.ShortTimePattern.Contains('H', StringComparison.Ordinal);

    /// <summary>A date and time, such as Mon, 1 Mar 2027, 09:00.</summary>
    public static string DateTime(LocalDateTime value) => $"{Date(value.Date)}, {Time(value.TimeOfDay)}";

    /// <summary>A moment as the wall-clock time in <paramref name="zone"/>, labelled with the zone: Mon, 1 Mar 2027, 09:00 (Europe/Berlin).</summary>
    public static string Moment(Instant instant, DateTimeZone zone) => $"{DateTime(instant.InZone(zone).LocalDateTime)} ({zone.Id})";

    /// <summary>A span of time on one date, labelled with the zone: Mon, 1 Mar 2027, 09:00–09:30 (Europe/Berlin); over midnight both dates are written.</summary>
    public static string Span(Instant start, Instant end, DateTimeZone zone)
    {
        var (from, to) = (start.InZone(zone).LocalDateTime, end.InZone(zone).LocalDateTime);
        var until = to.Date == from.Date || (to.TimeOfDay == LocalTime.Midnight && to.Date == from.Date.PlusDays(1))
            ? Time(to.TimeOfDay, isEnd: true)
            : DateTime(to);
        return $"{DateTime(from)}–{until} ({zone.Id})";
    }
}
