using NodaTime;
using NodaTime.Text;

namespace Agenda.Api.Wire;

/// <summary>
/// The documented API's text forms: dates <c>YYYY-MM-DD</c>, times <c>HH:MM</c> (an end may be <c>24:00</c>)
/// and wall-clock date-times <c>YYYY-MM-DDTHH:MM</c> in the owner's time zone.
/// </summary>
public static class WireFormat
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd");
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");
    private static readonly LocalDateTimePattern DateTimePattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");

    public const string EndOfDay = "24:00";

    public static bool TryParseDate(string text, out LocalDate date) => TryParse(DatePattern, text, out date);

    public static bool TryParseTime(string text, out LocalTime time) => TryParse(TimePattern, text, out time);

    public static bool TryParseDateTime(string text, out LocalDateTime dateTime) => TryParse(DateTimePattern, text, out dateTime);

    public static string Format(LocalDateTime dateTime) => DateTimePattern.Format(dateTime);

    /// <summary>An instant as the owner's wall clock shows it.</summary>
    public static string Format(Instant instant, DateTimeZone zone) => Format(instant.InZone(zone).LocalDateTime);

    private static bool TryParse<T>(IPattern<T> pattern, string text, out T value)
    {
        var result = pattern.Parse(text);
        value = result.Success ? result.Value : default!;
        return result.Success;
    }
}
