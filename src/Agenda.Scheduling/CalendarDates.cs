using NodaTime;

namespace Agenda.Scheduling;

public static class CalendarDates
{
    /// <summary>
    /// The dates the service schedules on: 1900-01-01 to 9998-12-31, both included. NodaTime reaches from year -9998
    /// to 9999; keeping a year's margin inside that means a date's span in any zone, the day after a range and a
    /// meeting with its buffers are always representable, so no arithmetic on a supported date can overflow.
    /// </summary>
    public static readonly DateInterval Supported = new(new LocalDate(1900, 1, 1), new LocalDate(9998, 12, 31));

    public static bool IsSupported(LocalDate date) => Supported.Contains(date);

    /// <summary>Whether the instant falls on a supported date in UTC (and so within a day of one in every zone).</summary>
    public static bool IsSupported(Instant instant) => instant >= FirstSupportedInstant && instant < EndOfSupportedInstants;

    private static readonly Instant FirstSupportedInstant = Supported.Start.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
    private static readonly Instant EndOfSupportedInstants = Supported.End.PlusDays(1).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();

    /// <summary>
    /// The calendar dates in <paramref name="zone"/> on which an instant of <paramref name="range"/> falls,
    /// in order; none for an empty range. These are the dates whose slots may start inside the range.
    /// </summary>
    public static IEnumerable<LocalDate> Covering(Interval range, DateTimeZone zone)
    {
        if (range.Start == range.End)
        {
            yield break;
        }

        var last = (range.End - Duration.Epsilon).InZone(zone).Date;
        for (var date = range.Start.InZone(zone).Date; date <= last; date = date.PlusDays(1))
        {
            yield return date;
        }
    }

    /// <summary>The instants of the dates <paramref name="dates"/> in <paramref name="zone"/>, from the first one's start to the day after the last one's start.</summary>
    public static Interval Span(DateInterval dates, DateTimeZone zone) =>
        new(dates.Start.AtStartOfDayInZone(zone).ToInstant(), dates.End.PlusDays(1).AtStartOfDayInZone(zone).ToInstant());
}
