using NodaTime;
using NodaTime.Text;

namespace Agenda.Api.Platform.Wire;

/// <summary>
/// The documented API's text forms: dates <c>YYYY-MM-DD</c>, times <c>HH:MM</c> (an end may be <c>24:00</c>)
/// and wall-clock date-times <c>YYYY-MM-DDTHH:MM</c> in the owner's time zone.
/// </summary>
internal static class WireFormat
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd");
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");
    private static readonly LocalDateTimePattern DateTimePattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");

    private static readonly OffsetDateTimePattern OffsetWithSeconds = OffsetDateTimePattern.ExtendedIso;
    private static readonly OffsetDateTimePattern OffsetWithoutSeconds = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>");
    private static readonly OffsetDateTimePattern OffsetOutput = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HH:mm>");
    private static readonly InstantPattern UtcOutput = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'Z'");

    public const string EndOfDay = "24:00";

    public static bool TryParseDate(string text, out LocalDate date) => TryParse(DatePattern, text, out date);

    public static bool TryParseTime(string text, out LocalTime time) => TryParse(TimePattern, text, out time);

    public static bool TryParseDateTime(string text, out LocalDateTime dateTime) => TryParse(DateTimePattern, text, out dateTime);

    public static string Format(LocalDateTime dateTime) => DateTimePattern.Format(dateTime);

    /// <summary>Reads ISO 8601 with an offset or Z, with or without seconds.</summary>
    public static bool TryParseOffsetDateTime(string text, out OffsetDateTime value)
    {
        var result = OffsetWithSeconds.Parse(text);
        if (!result.Success)
        {
            result = OffsetWithoutSeconds.Parse(text);
        }

        value = result.Success ? result.Value : default;
        return result.Success;
    }

    /// <summary>ISO 8601 with the offset that <paramref name="zone"/> has at the instant, e.g. 2027-03-01T09:00:00+01:00 (+00:00 for UTC).</summary>
    public static string FormatWithOffset(Instant instant, DateTimeZone zone) => OffsetOutput.Format(instant.InZone(zone).ToOffsetDateTime());

    /// <summary>A UTC instant in ISO 8601, e.g. 2027-03-01T08:00:00Z.</summary>
    public static string FormatUtc(Instant instant) => UtcOutput.Format(instant);

    public static string FormatDate(LocalDate date) => DatePattern.Format(date);

    public static string FormatTime(LocalTime time, bool isEnd) => isEnd && time == LocalTime.Midnight ? EndOfDay : TimePattern.Format(time);

    /// <summary>An instant as the owner's wall clock shows it.</summary>
    public static string Format(Instant instant, DateTimeZone zone) => Format(instant.InZone(zone).LocalDateTime);

    private static bool TryParse<T>(IPattern<T> pattern, string text, out T value)
    {
        var result = pattern.Parse(text);
        value = result.Success ? result.Value : default!;
        return result.Success;
    }
}
