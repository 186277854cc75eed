using NodaTime;

namespace Agenda.Scheduling;

public static class CalendarDates
{
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
