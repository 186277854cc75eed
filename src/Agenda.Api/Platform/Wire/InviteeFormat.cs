using System.Globalization;
using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Api.Platform.Wire;

/// <summary>
/// Dates and times as an invitee reads them: in their zone, in their culture's form (12- or 24-hour, the culture's long date).
/// The booking e-mail uses the same forms (<see cref="Notifications.EmailComposer"/>), for the owner too.
/// </summary>
internal static class InviteeFormat
{
    public static string LongDate(LocalDate date, CultureInfo culture) => date.ToString("D", culture);

    public static string MonthName(YearMonth month, CultureInfo culture) => month.OnDayOfMonth(1).ToString("MMMM yyyy", culture);

    public static string Time(Instant instant, DateTimeZone zone, CultureInfo culture) => instant.InZone(zone).TimeOfDay.ToString("t", culture);

    /// <summary>An instant as a date and time in <paramref name="zone"/>, with the zone: Monday, 1 March 2027, 09:00 (Europe/Berlin).</summary>
    public static string Moment(Instant instant, DateTimeZone zone, CultureInfo culture) =>
        $"{LongDate(instant.InZone(zone).Date, culture)}, {Time(instant, zone, culture)} ({zone.Id})";

    /// <summary>"Sunday, 28 March 2027, 10:00 – 11:00 (Europe/Berlin)", for the confirmation and manage pages and the e-mail.</summary>
    public static string Span(Slot slot, DateTimeZone zone, CultureInfo culture) => $"{Times(slot, zone, culture)} ({zone.Id})";

    /// <summary>"Sunday, 28 March 2027, 10:00 – 11:00": <see cref="Span"/> without the zone's name, for an e-mail's subject.</summary>
    public static string Times(Slot slot, DateTimeZone zone, CultureInfo culture)
    {
        var start = slot.Start.InZone(zone);
        var end = slot.End.InZone(zone);
        var endText = end.Date == start.Date ? end.TimeOfDay.ToString("t", culture) : $"{LongDate(end.Date, culture)}, {end.TimeOfDay.ToString("t", culture)}";
        return $"{LongDate(start.Date, culture)}, {start.TimeOfDay.ToString("t", culture)} – {endText}";
    }

    /// <summary>The slot's start as the pages pass it in a link or a form: an instant in UTC, as the API writes it.</summary>
    public static string Wire(Instant instant) => WireFormat.FormatUtc(instant);

    public static string Wire(LocalDate date) => WireFormat.FormatDate(date);

    public static string Wire(YearMonth month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static YearMonth? ParseMonth(string? text) =>
        text is not null && NodaTime.Text.YearMonthPattern.Iso.Parse(text) is { Success: true } parsed ? parsed.Value : null;

    public static LocalDate? ParseDate(string? text) => text is not null && WireFormat.TryParseDate(text, out var date) ? date : null;

    public static Instant? ParseInstant(string? text)
    {
        var errors = new RequestErrors();
        return text is null ? null : errors.Instant("start", text);
    }
}
