using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using CsCheck;
using NodaTime;

namespace Agenda.Scheduling.Tests.Planning;

/// <summary>
/// Limits over random bookings of two types, random limits of the type and of the owner, and weeks from any first day,
/// around the edges where counting goes wrong: the turn of a month and of a year, and the clock changes of several zones
/// (Berlin, New York, Santiago's at midnight, Lord Howe's half hour, Sydney's southern spring). Each answer is held
/// against a recount written apart from the engine: every booking's local date compared with the candidate's period,
/// found by walking the calendar.
/// </summary>
public sealed class BookingLimitsPropertyTests
{
    private static readonly string[] ZoneIds = ["Europe/Berlin", "America/New_York", "America/Santiago", "Australia/Lord_Howe", "Australia/Sydney", "UTC"];

    /// <summary>Dates a few days before month and year ends and clock changes.</summary>
    private static readonly LocalDate[] BaseDates =
    [
        new(2027, 12, 28), new(2027, 1, 29), new(2028, 2, 26), new(2027, 3, 25), new(2027, 10, 28), new(2027, 3, 11), new(2027, 11, 4),
        new(2027, 4, 1), new(2027, 9, 2), new(2027, 9, 30), new(2027, 6, 28),
    ];

    private static readonly Gen<LimitScenario> GenScenario =
        from zoneId in Gen.OneOf(ZoneIds)
        from baseDate in Gen.OneOf(BaseDates)
        from firstDay in Gen.Int[1, 7]
        from typeLimits in GenLimits
        from ownerLimits in GenLimits
        from lengthUnits in Gen.Int[1, 6]
        from bookings in Gen.Select(Gen.Int[-40 * 24, 40 * 24], Gen.Int[1, 8], Gen.Bool, (hour, units, other) => (hour, units, other)).List[0, 40]
        select Build(zoneId, baseDate, (IsoDayOfWeek)firstDay, typeLimits, ownerLimits, lengthUnits, bookings);

    private static Gen<BookingLimits> GenLimits =>
        from perDay in Gen.Int[0, 3]
        from perWeek in Gen.Int[0, 6]
        from perMonth in Gen.Int[0, 14]
        from perYear in Gen.Int[0, 30]
        from minutesPerDay in Gen.Int[0, 8]
        from minutesPerWeek in Gen.Int[0, 20]
        select new BookingLimits(
            perDay == 0 ? null : perDay,
            perWeek == 0 ? null : perWeek,
            perMonth == 0 ? null : perMonth,
            perYear == 0 ? null : perYear,
            minutesPerDay == 0 ? null : minutesPerDay * 30,
            minutesPerWeek == 0 ? null : minutesPerWeek * 30);

    [Fact]
    public void The_limits_reached_are_exactly_those_a_recount_finds() =>
        GenScenario.Sample(s =>
        {
            foreach (var candidate in s.Candidates())
            {
                var reached = s.Schedule.Explain(candidate, s.Type, "t", s.Now).OfType<Unavailable.LimitReached>()
                    .Select(r => (r.Limit, r.AcrossTypes, r.Period.Start, r.Period.End, r.Count, r.Minutes))
                    .ToList();
                Assert.Equal(s.Recount(candidate), reached);
            }
        });

    [Fact]
    public void Search_booking_and_explanation_agree_under_limits() =>
        GenScenario.Sample(s =>
        {
            var offered = s.Schedule.FreeSlots(s.Range, s.Type, "t", s.Now).ToHashSet();
            foreach (var candidate in s.Candidates())
            {
                var outcome = s.Schedule.Decide(candidate, s.Type, "t", s.Now);
                var reasons = s.Schedule.Explain(candidate, s.Type, "t", s.Now);
                Assert.Equal(offered.Contains(candidate), outcome == BookingOutcome.Accepted);
                Assert.Equal(outcome, reasons.Count == 0 ? BookingOutcome.Accepted : reasons[0].Outcome);
            }
        });

    private static LimitScenario Build(
        string zoneId, LocalDate baseDate, IsoDayOfWeek firstDay, BookingLimits typeLimits, BookingLimits ownerLimits, int lengthUnits, List<(int Hour, int Units, bool Other)> bookings)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var unit = Duration.FromMinutes(30);
        var origin = baseDate.AtStartOfDayInZone(zone).ToInstant();
        var existing = GeneratedSchedules.NonOverlapping(bookings.Select(b =>
        {
            var start = origin + Duration.FromHours(b.Hour);
            var meeting = new Interval(start, start + (unit * b.Units));
            return new ExistingBooking(meeting, meeting, b.Other ? "u" : "t");
        }));
        var everyDay = new AvailabilityPlan(
            GeneratedSchedules.Weekly(Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).Select(d => (d, new TimeOfDayRange(new LocalTime(7, 0), new LocalTime(21, 0))))), [], []);
        var type = new MeetingType(unit * lengthUnits, step: Duration.FromHours(1), limits: typeLimits);
        var schedule = new OwnerSchedule(zone, everyDay, existing) { Limits = ownerLimits, FirstDayOfWeek = firstDay };
        var range = CalendarDates.Span(new DateInterval(baseDate, baseDate.PlusDays(6)), zone);
        return new LimitScenario(schedule, type, range, origin - Duration.FromDays(60));
    }

    private sealed record LimitScenario(OwnerSchedule Schedule, MeetingType Type, Interval Range, Instant Now)
    {
        public IEnumerable<Slot> Candidates() =>
            CalendarDates.Covering(Range, Schedule.Zone).SelectMany(date =>
                SlotGrid.Cut(Schedule.Plan.WindowsOn(date), Schedule.Zone, Type.Shape).Where(c => Range.Contains(c.Start)));

        /// <summary>The limits a booking of the candidate would go beyond, counted booking by booking.</summary>
        public List<(BookingLimit, bool, LocalDate, LocalDate, int, long)> Recount(Slot candidate)
        {
            var date = candidate.Start.InZone(Schedule.Zone).Date;
            var found = new List<(BookingLimit, bool, LocalDate, LocalDate, int, long)>();
            var limits = Type.Limits.All.Where(l => l.Period != LimitPeriod.Day || l.Minutes).Select(l => (l, false)).Concat(Schedule.Limits.All.Select(l => (l, true)));
            foreach (var (limit, across) in limits)
            {
                var (first, last) = PeriodOf(date, limit.Period);
                var counted = Schedule.Bookings
                    .Where(b => across || b.MeetingTypeKey == "t")
                    .Where(b => b.Meeting.Start.InZone(Schedule.Zone).Date is var d && d >= first && d <= last)
                    .ToList();
                var minutes = counted.Sum(b => (long)(b.Meeting.End - b.Meeting.Start).TotalMinutes);
                if (limit.Minutes ? minutes + (long)Type.Length.TotalMinutes > limit.Max : counted.Count >= limit.Max)
                {
                    found.Add((limit, across, first, last, counted.Count, minutes));
                }
            }

            return found;
        }

        private (LocalDate First, LocalDate Last) PeriodOf(LocalDate date, LimitPeriod period)
        {
            Func<LocalDate, LocalDate, bool> same = period switch
            {
                LimitPeriod.Day => (a, b) => a == b,
                LimitPeriod.Month => (a, b) => a.Year == b.Year && a.Month == b.Month,
                LimitPeriod.Year => (a, b) => a.Year == b.Year,
                _ => (a, b) => WeekStart(a) == WeekStart(b),
            };
            var first = date;
            while (same(first.PlusDays(-1), date))
            {
                first = first.PlusDays(-1);
            }

            var last = date;
            while (same(last.PlusDays(1), date))
            {
                last = last.PlusDays(1);
            }

            return (first, last);
        }

        private LocalDate WeekStart(LocalDate date)
        {
            while (date.DayOfWeek != Schedule.FirstDayOfWeek)
            {
                date = date.PlusDays(-1);
            }

            return date;
        }
    }
}
