using Agenda.Scheduling;
using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using BenchmarkDotNet.Attributes;
using NodaTime;

namespace Agenda.Benchmarks;

/// <summary>
/// The engine work behind a month's slot search (every date a cache miss) for a heavily booked owner: 30-minute
/// meetings every day from 00:00 to 24:00 in Berlin, 10,000 short bookings spread over the month, with and without
/// buffers (the two paths that remove booked time).
/// </summary>
[MemoryDiagnoser]
public class MonthSearchBenchmarks
{
    private static readonly LocalDate First = new(2027, 3, 1);
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private AvailabilityPlan plan = null!;
    private List<ExistingBooking> booked = null!;
    private MeetingType type = null!;
    private Interval month;

    [Params(0, 10_000)]
    public int Bookings { get; set; }

    /// <summary>Minutes of buffer after each meeting (2 keeps the bookings' blocked times apart, as the schema guarantees).</summary>
    [Params(0, 2)]
    public int Buffer { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        type = new MeetingType(Duration.FromMinutes(30), bufferAfter: Duration.FromMinutes(Buffer));
        month = CalendarDates.Span(new DateInterval(First, First.PlusDays(30)), Berlin);
        var allDay = new TimeOfDayRange(LocalTime.Midnight, LocalTime.Midnight);
        plan = new AvailabilityPlan(
            new WeeklyHours(Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).ToDictionary(d => d, _ => (IReadOnlyList<TimeOfDayRange>)[allDay])),
            [],
            []);
        // Two-minute bookings, one every 4 min 27 s, so they never overlap (nor do their buffers) and fill the month.
        var spacing = month.Duration / Math.Max(1, Bookings);
        booked = Enumerable.Range(0, Bookings)
            .Select(i => month.Start + (spacing * i))
            .Select(start => new ExistingBooking(new Interval(start, start + Duration.FromMinutes(2)), new Interval(start, start + Duration.FromMinutes(2 + Buffer)), "call"))
            .ToList();
    }

    /// <summary>A fresh schedule each time, as the store reads one for each search, so merging its bookings is counted.</summary>
    [Benchmark]
    public int FreeSlotsOfAMonth() => new OwnerSchedule(Berlin, plan, booked).FreeSlots(month, type, "call", month.Start).Count;
}
