using Agenda.Scheduling;
using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using BenchmarkDotNet.Attributes;
using NodaTime;

namespace Agenda.Benchmarks;

/// <summary>
/// The engine work behind one date of a slot search (a cache miss) and one booking decision: merge the
/// day's rules, cut slots, remove booked time. Sizes go from a typical owner to a heavy one.
/// </summary>
[MemoryDiagnoser]
public class OwnerScheduleBenchmarks
{
    private static readonly LocalDate Day = new(2027, 3, 29);

    private OwnerSchedule schedule = null!;
    private Slot lastSlot;

    /// <summary>Overlapping date-range rules that apply on the day.</summary>
    [Params(1, 10, 100)]
    public int Rules { get; set; }

    /// <summary>Bookings on the day (30-minute slots, so up to 48 fit).</summary>
    [Params(0, 20)]
    public int Bookings { get; set; }

    [Params("UTC", "Europe/Berlin")]
    public string Zone { get; set; } = "UTC";

    private static readonly MeetingType Type = new(Duration.FromMinutes(30));

    [GlobalSetup]
    public void Setup()
    {
        var zone = DateTimeZoneProviders.Tzdb[Zone];
        var rules = Enumerable.Range(0, Rules)
            .Select(i => new DateRangeRule(
                new DateInterval(Day.PlusDays(-i), Day.PlusDays(i)),
                new TimeOfDayRange(new LocalTime(i % 12, 0), i % 2 == 0 ? LocalTime.Midnight : new LocalTime(12 + (i % 12), 30))))
            .ToList();
        var booked = Enumerable.Range(0, Bookings)
            .Select(i => Day.At(new LocalTime(i, 0)).InZoneLeniently(zone).ToInstant())
            .Select(start => ExistingBooking.Plain(new Interval(start, start + Duration.FromMinutes(30)), "call"))
            .ToList();
        schedule = new OwnerSchedule(zone, AvailabilityPlan.FromRules(rules), booked);
        lastSlot = FreeSlotsOf() is { Count: > 0 } free ? free[^1] : new Slot(Instant.FromUtc(2027, 3, 29, 23, 0), Instant.FromUtc(2027, 3, 29, 23, 30));
    }

    [Benchmark]
    public int FreeSlots() => FreeSlotsOf().Count;

    [Benchmark]
    public BookingOutcome DecideLastSlot() => schedule.Decide(lastSlot, Type, "call", Instant.FromUtc(2027, 1, 1, 0, 0));

    private IReadOnlyList<Slot> FreeSlotsOf() => schedule.FreeSlotsOn(Day, Type, "call");
}
