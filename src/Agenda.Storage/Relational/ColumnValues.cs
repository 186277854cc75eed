using System.Globalization;
using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Zones;
using NodaTime;
using NodaTime.Text;

namespace Agenda.Storage.Relational;

/// <summary>How engine values are written to and read from columns (the same in SQLite and PostgreSQL).</summary>
internal static class ColumnValues
{
    private static readonly LocalTimePattern HourMinute = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    public static long ToColumn(Instant instant) => instant.ToUnixTimeSeconds();

    public static Instant ToInstant(long seconds) => Instant.FromUnixTimeSeconds(seconds);

    public static string ToColumn(LocalDate date) => LocalDatePattern.Iso.Format(date);

    public static LocalDate ToDate(string text) => LocalDatePattern.Iso.Parse(text).Value;

    public static string StartToColumn(TimeOfDayRange hours) => HourMinute.Format(hours.Start);

    public static string EndToColumn(TimeOfDayRange hours) => hours.EndsAtEndOfDay ? "24:00" : HourMinute.Format(hours.End);

    public static TimeOfDayRange ToHours(string start, string end) =>
        new(HourMinute.Parse(start).Value, end == "24:00" ? LocalTime.Midnight : HourMinute.Parse(end).Value);

    public static DateTimeZone ToZone(string id) => ZoneRules.Get(id);

    public static long ToMinutes(Duration duration) => (long)duration.TotalMinutes;

    public static object ToColumn(long? value) => value is { } v ? v : DBNull.Value;

    public static object ToColumn(string? value) => value is { } v ? v : DBNull.Value;

    public static string NewId() => Guid.CreateVersion7().ToString("N", CultureInfo.InvariantCulture);
}
