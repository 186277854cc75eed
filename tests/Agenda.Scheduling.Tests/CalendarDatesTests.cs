using NodaTime;

namespace Agenda.Scheduling.Tests;

public sealed class CalendarDatesTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    [Fact]
    public void Covering_EmptyRange_HasNoDates()
    {
        var at = Instant.FromUtc(2027, 3, 1, 0, 0);

        Assert.Empty(CalendarDates.Covering(new Interval(at, at), Berlin));
    }

    [Fact]
    public void Covering_RangeEndingAtMidnight_LeavesOutTheDateItEndsOn()
    {
        var span = CalendarDates.Span(new DateInterval(new LocalDate(2027, 3, 1), new LocalDate(2027, 3, 2)), Berlin);

        Assert.Equal([new LocalDate(2027, 3, 1), new LocalDate(2027, 3, 2)], CalendarDates.Covering(span, Berlin));
    }

    [Fact]
    public void Span_DateWithASpringForward_Lasts23Hours()
    {
        var date = new LocalDate(2027, 3, 28);

        Assert.Equal(Duration.FromHours(23), CalendarDates.Span(new DateInterval(date, date), Berlin).Duration);
    }

    [Fact]
    public void Covering_UtcRange_GivesTheDatesOfItsInstantsInTheZone()
    {
        // 2027-03-01 23:30Z is already 2 March in Berlin.
        var range = new Interval(Instant.FromUtc(2027, 3, 1, 22, 0), Instant.FromUtc(2027, 3, 1, 23, 30));

        Assert.Equal([new LocalDate(2027, 3, 1), new LocalDate(2027, 3, 2)], CalendarDates.Covering(range, Berlin));
    }
}
