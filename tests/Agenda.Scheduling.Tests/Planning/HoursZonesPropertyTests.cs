using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Scheduling.Zones;
using CsCheck;
using NodaTime;

namespace Agenda.Scheduling.Tests.Planning;

/// <summary>
/// Hours kept in another zone than the owner's (a schedule of its own zone, an owner travelling:
/// <see cref="HoursZones"/>), over random plans, zone pairs across the date line and clock changes, travel periods,
/// bookings, caps and clocks. The oracle is the engine with the hours in the owner's zone, which the other property
/// tests hold to exact slot sets: the same hours must give the same instants whichever zone the owner's days are in.
/// </summary>
public sealed class HoursZonesPropertyTests
{
    private static readonly string[] ZoneIds =
    [
        "UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham", "America/Santiago",
        "Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Tokyo",
    ];

    /// <summary>Dates around the clock changes of spring and autumn 2027 in both hemispheres.</summary>
    private static readonly LocalDate[] BaseDates = [new(2027, 3, 10), new(2027, 3, 26), new(2027, 4, 1), new(2027, 9, 23), new(2027, 10, 28), new(2027, 11, 4), new(2027, 6, 14)];

    private static readonly Gen<TimeOfDayRange> GenHours = GeneratedSchedules.Hours(15);

    private static readonly Gen<Scenario> GenScenario =
        from ownerZone in Gen.OneOf(ZoneIds)
        from hoursZone in Gen.OneOf(ZoneIds)
        from baseDate in Gen.OneOf(BaseDates)
        from weekly in Gen.Select(Gen.Int[1, 7], GenHours, (day, hours) => ((IsoDayOfWeek)day, hours)).List[0, 8]
        from overrides in Gen.Select(Gen.Int[-1, 8], GenHours.List[0, 2], (offset, hours) => new DateOverride(baseDate.PlusDays(offset), hours)).List[0, 3]
        from travel in Gen.Select(Gen.Int[-2, 8], Gen.Int[0, 3], Gen.OneOf(ZoneIds), (offset, days, zone) => (offset, days, zone)).List[0, 2]
        from lengthUnits in Gen.Int[1, 8]
        from stepUnits in Gen.Int[1, 8]
        from cap in Gen.Int[0, 3]
        from bookings in Gen.Select(Gen.Int[0, 8 * 96], Gen.Int[1, 8], (start, units) => (start, units)).List[0, 6]
        from nowOffsetUnits in Gen.Int[-96, 4 * 96]
        select Build(ownerZone, hoursZone, baseDate, weekly, overrides, travel, lengthUnits, stepUnits, cap, bookings, nowOffsetUnits);

    /// <summary>
    /// Without bookings, caps or a clock in the way, a schedule whose hours are all in one zone offers exactly the instants
    /// the same hours offer an owner who lives in that zone.
    /// </summary>
    [Fact]
    public void Hours_in_one_zone_offer_the_same_instants_whatever_the_owners_zone() =>
        GenScenario.Sample(s =>
        {
            var open = s.Open with { HoursIn = new HoursZones(s.HoursZone, []) };
            var atHome = new OwnerSchedule(s.HoursZone, s.Schedule.Plan, []);
            Assert.Equal(atHome.FreeSlots(s.Range, s.Type, "t", s.Long), open.FreeSlots(s.Range, s.Type, "t", s.Long));
        });

    /// <summary>
    /// With travel, every date of the hours whose neighbours are in the same zone offers exactly what it offers an owner
    /// living in that zone, and every slot offered lies inside the hours of a date, in that date's zone.
    /// </summary>
    [Fact]
    public void Each_date_of_the_hours_offers_its_hours_in_its_own_zone() =>
        GenScenario.Sample(s =>
        {
            var offered = s.Open.FreeSlots(s.Range, s.Type, "t", s.Long).ToHashSet();
            var zones = s.Open.HoursIn!;
            foreach (var date in s.InnerDates)
            {
                var zone = zones.On(date);
                if (zones.On(date.PlusDays(-1)) != zone || zones.On(date.PlusDays(1)) != zone)
                {
                    continue;
                }

                var own = new OwnerSchedule(zone, s.Schedule.Plan, []).FreeSlotsOn(date, s.Type, "t");
                Assert.All(own.Where(slot => s.Range.Contains(slot.Start)), slot => Assert.Contains(slot, offered));
            }

            foreach (var slot in offered)
            {
                var inside = Enumerable.Range(-3, s.Days + 6).Select(i => s.BaseDate.PlusDays(i))
                    .Any(d => s.Schedule.Plan.WindowsOn(d, throughMidnight: zones.On(d.PlusDays(1)) == zones.On(d)).Any(w => slot.LiesWithin(ZoneMapping.ToInterval(w, zones.On(d)))));
                Assert.True(inside, $"{slot} lies outside every date's hours");
            }
        });

    /// <summary>A slot belongs to the owner's date it starts on, so a date's slots start on it.</summary>
    [Fact]
    public void The_slots_of_an_owners_date_start_on_that_date_in_the_owners_zone() =>
        GenScenario.Sample(s =>
        {
            foreach (var date in CalendarDates.Covering(s.Range, s.Schedule.Zone))
            {
                Assert.All(s.Schedule.FreeSlotsOn(date, s.Type, "t"), slot => Assert.Equal(date, slot.Start.InZone(s.Schedule.Zone).Date));
            }
        });

    /// <summary>
    /// Search, decision and explanation agree, with bookings, the daily cap (counted on the owner's dates) and the clock:
    /// for every slot the hours could offer and for times off the grid, a booking is accepted exactly when search offers
    /// it, and the explanation is empty exactly then, led otherwise by the decision's reason.
    /// </summary>
    [Fact]
    public void Search_decision_and_explanation_agree() =>
        GenScenario.Sample(s =>
        {
            var offered = s.Schedule.FreeSlots(s.Range, s.Type, "t", s.Now).ToHashSet();
            var candidates = s.Open.FreeSlots(s.Range, s.Type, "t", s.Long)
                .Concat(Enumerable.Range(0, s.Days * 14).Select(i => s.Type.SlotAt(s.Range.Start + Duration.FromMinutes(105 * i))))
                .Where(c => s.Range.Contains(c.Start));
            foreach (var candidate in candidates)
            {
                var outcome = s.Schedule.Decide(candidate, s.Type, "t", s.Now);
                var reasons = s.Schedule.Explain(candidate, s.Type, "t", s.Now);
                Assert.Equal(offered.Contains(candidate), outcome == BookingOutcome.Accepted);
                Assert.Equal(outcome, reasons.Count == 0 ? BookingOutcome.Accepted : reasons[0].Outcome);
                if (reasons.OfType<Unavailable.OutsideHours>().FirstOrDefault() is { In: { } zone, Date: { } date } outside)
                {
                    // The hours named are those of the last date that has begun, in that date's zone, and the time is not in them.
                    Assert.True(candidate.Start >= date.AtStartOfDayInZone(zone).ToInstant());
                    // No later date of the hours has begun: a later one would be the date the time falls on.
                    var next = date.PlusDays(1);
                    Assert.True(candidate.Start < next.AtStartOfDayInZone(s.Schedule.HoursIn!.On(next)).ToInstant(), $"{candidate} named {date} in {zone}");
                    Assert.DoesNotContain(outside.Hours, w => candidate.LiesWithin(ZoneMapping.ToInterval(w, zone)));
                }
            }
        });

    /// <summary>The daily cap counts the owner's dates: no date of the owner's ends up with more bookings than the cap by booking what search offers.</summary>
    [Fact]
    public void Booking_what_search_offers_never_passes_the_cap_of_an_owners_date() =>
        GenScenario.Where(s => s.Type.MaxPerDay is not null).Sample(s =>
        {
            var schedule = s.Schedule;
            for (var round = 0; round < 12 && schedule.FreeSlots(s.Range, s.Type, "t", s.Now) is [var first, ..]; round++)
            {
                schedule = schedule.With(new ExistingBooking(new Interval(first.Start, first.End), s.Type.Blocks(first), "t"));
            }

            var perDate = schedule.Bookings.Where(b => s.Range.Contains(b.Meeting.Start) && !s.Schedule.Bookings.Contains(b))
                .GroupBy(b => b.Meeting.Start.InZone(schedule.Zone).Date);
            foreach (var date in perDate)
            {
                var before = s.Schedule.Bookings.Count(b => b.Meeting.Start.InZone(schedule.Zone).Date == date.Key);
                Assert.True(before + date.Count() <= Math.Max(s.Type.MaxPerDay!.Value, before), $"{date.Key} has {before + date.Count()} bookings");
            }
        });

    /// <summary>A calendar of the owner's days shows a New York schedule's Tuesday morning as the Berlin afternoon it is, and a Tokyo trip's Thursday morning as Berlin's night.</summary>
    [Fact]
    public void The_hours_of_an_owners_date_are_read_in_the_owners_zone()
    {
        var berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
        var morning = new TimeOfDayRange(new LocalTime(9, 0), new LocalTime(11, 0));
        var plan = new AvailabilityPlan(GeneratedSchedules.Weekly([(IsoDayOfWeek.Tuesday, morning), (IsoDayOfWeek.Thursday, morning)]), [], []);
        var trip = new TravelPeriod(new DateInterval(new LocalDate(2024, 11, 28), new LocalDate(2024, 11, 28)), DateTimeZoneProviders.Tzdb["Asia/Tokyo"]);
        var schedule = new OwnerSchedule(berlin, plan, []) { HoursIn = new HoursZones(DateTimeZoneProviders.Tzdb["America/New_York"], [trip]) };

        var tuesday = schedule.HoursOn(new LocalDate(2024, 11, 26)).Hours;
        var thursday = schedule.HoursOn(new LocalDate(2024, 11, 28)).Hours;

        Assert.Equal([(new LocalTime(15, 0), new LocalTime(17, 0))], tuesday.Select(h => (h.Start.TimeOfDay, h.End.TimeOfDay)));
        Assert.Equal([(new LocalTime(1, 0), new LocalTime(3, 0))], thursday.Select(h => (h.Start.TimeOfDay, h.End.TimeOfDay)));
    }

    private static Scenario Build(
        string ownerZoneId,
        string hoursZoneId,
        LocalDate baseDate,
        List<(IsoDayOfWeek Day, TimeOfDayRange Hours)> weekly,
        List<DateOverride> overrides,
        List<(int Offset, int Days, string Zone)> travel,
        int lengthUnits,
        int stepUnits,
        int cap,
        List<(int Start, int Units)> bookings,
        int nowOffsetUnits)
    {
        var ownerZone = DateTimeZoneProviders.Tzdb[ownerZoneId];
        var hoursZone = DateTimeZoneProviders.Tzdb[hoursZoneId];
        var unit = Duration.FromMinutes(15);
        var type = new MeetingType(unit * lengthUnits, step: unit * stepUnits, maxPerDay: cap == 0 ? null : cap);
        var origin = baseDate.AtStartOfDayInZone(ownerZone).ToInstant();
        var existing = GeneratedSchedules.NonOverlapping(bookings
            .Select(b => new ExistingBooking(new Interval(origin + (unit * b.Start), origin + (unit * (b.Start + b.Units))), new Interval(origin + (unit * b.Start), origin + (unit * (b.Start + b.Units))), "t")));
        var plan = new AvailabilityPlan(GeneratedSchedules.Weekly(weekly), [], overrides.DistinctBy(o => o.Date).ToList());

        // Travel periods do not overlap: each date keeps the first period that claims it.
        var periods = new List<TravelPeriod>();
        foreach (var (offset, days, zone) in travel)
        {
            var dates = new DateInterval(baseDate.PlusDays(offset), baseDate.PlusDays(offset + days));
            if (!periods.Any(p => p.Dates.Intersection(dates) is not null))
            {
                periods.Add(new TravelPeriod(dates, DateTimeZoneProviders.Tzdb[zone]));
            }
        }

        const int span = 6;
        var range = CalendarDates.Span(new DateInterval(baseDate, baseDate.PlusDays(span - 1)), ownerZone);
        var schedule = new OwnerSchedule(ownerZone, plan, existing) { HoursIn = new HoursZones(hoursZone, periods) };
        return new Scenario(schedule, hoursZone, type, range, origin + (unit * nowOffsetUnits), baseDate, span);
    }

    private sealed record Scenario(OwnerSchedule Schedule, DateTimeZone HoursZone, MeetingType Type, Interval Range, Instant Now, LocalDate BaseDate, int Days)
    {
        /// <summary>The schedule without bookings, cap or notice: its hours alone.</summary>
        public OwnerSchedule Open => Schedule with { Bookings = [] };

        /// <summary>A clock long before the range.</summary>
        public Instant Long => Range.Start - Duration.FromDays(30);

        /// <summary>The dates of the hours whose slots all start inside the range, whatever the zones.</summary>
        public IEnumerable<LocalDate> InnerDates => Enumerable.Range(2, Days - 4).Select(i => BaseDate.PlusDays(i));
    }
}
