using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Scheduling.Zones;
using CsCheck;
using NodaTime;

namespace Agenda.Scheduling.Tests.Planning;

/// <summary>
/// The engine's invariants over random plans, zones, bookings, meeting types (steps shorter and longer than the
/// meeting, buffers on either side) and clocks. Dates are drawn just before each zone's clock changes of 2027, in
/// zones whose changes are unusual (Lord Howe's 30 minutes, Troll's 2 hours, Havana's and Santiago's at midnight,
/// Chatham's +12:45, Casablanca's around Ramadan), so the generator meets every kind of gap and repeated hour.
/// </summary>
public sealed class OwnerSchedulePropertyTests
{
    private static readonly string[] ZoneIds =
    [
        "UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Antarctica/Troll", "America/Havana",
        "Pacific/Chatham", "America/Nuuk", "America/Santiago", "Africa/Casablanca",
    ];

    /// <summary>For each zone, dates shortly before its clock changes of 2027 (or, for a zone without any, a few plain dates).</summary>
    private static readonly Dictionary<string, LocalDate[]> BaseDates = ZoneIds.ToDictionary(id => id, id => TransitionDates(DateTimeZoneProviders.Tzdb[id]));

    private static readonly Gen<TimeOfDayRange> GenHours = GeneratedSchedules.Hours(15);

    private static readonly Gen<Scenario> GenScenario =
        from zoneId in Gen.OneOf(ZoneIds)
        from baseDate in Gen.OneOf(BaseDates[zoneId])
        from weekly in Gen.Select(Gen.Int[1, 7], GenHours, (day, hours) => ((IsoDayOfWeek)day, hours)).List[0, 6]
        from rules in Gen.Select(Gen.Int[-3, 3], Gen.Int[0, 4], GenHours, (offset, days, hours) => new DateRangeRule(new DateInterval(baseDate.PlusDays(offset), baseDate.PlusDays(offset + days)), hours)).List[0, 4]
        from overrides in Gen.Select(Gen.Int[0, 4], GenHours.List[0, 2], (offset, hours) => new DateOverride(baseDate.PlusDays(offset), hours)).List[0, 2]
        from lengthUnits in Gen.Int[1, 8]
        from stepUnits in Gen.Int[1, 12]
        from before in Gen.Int[0, 2]
        from after in Gen.Int[0, 2]
        from noticeUnits in Gen.Int[0, 16]
        from horizonDays in Gen.Int[0, 6]
        from cap in Gen.Int[0, 4]
        from bookings in Gen.Select(Gen.Int[0, 5 * 96], Gen.Int[1, 8], (start, units) => (start, units)).List[0, 6]
        from nowOffsetUnits in Gen.Int[-96, 5 * 96]
        select Build(zoneId, baseDate, weekly, rules, overrides, lengthUnits, stepUnits, before, after, noticeUnits, horizonDays, cap, bookings, nowOffsetUnits);

    [Fact]
    public void Every_free_slot_lies_inside_the_availability_of_its_date() =>
        GenScenario.Sample(s =>
        {
            foreach (var (date, slots) in s.FreeByDate())
            {
                var windows = s.Schedule.Plan.WindowsOn(date).Select(w => ZoneMapping.ToInterval(w, s.Schedule.Zone)).ToList();
                Assert.All(slots, slot => Assert.Contains(windows, w => slot.LiesWithin(w)));
            }
        });

    [Fact]
    public void Free_slots_are_sorted_by_start_without_repeats() =>
        GenScenario.Sample(s =>
        {
            var slots = s.Schedule.FreeSlots(s.Range, s.Type, "t", s.Now);
            for (var i = 1; i < slots.Count; i++)
            {
                Assert.True(slots[i - 1].Start < slots[i].Start, $"{slots[i - 1]} and {slots[i]} are out of order or repeated");
            }
        });

    /// <summary>
    /// Within a date. A slot that runs through midnight into the next date's availability may overlap that date's first
    /// slot, whose grid starts afresh at 00:00 (docs/scheduling-model.md); booking either takes the other away.
    /// </summary>
    [Fact]
    public void Free_slots_of_a_date_never_overlap_each_other_when_the_step_is_at_least_the_length() =>
        GenScenario.Where(s => s.Type.Step >= s.Type.Length).Sample(s =>
        {
            foreach (var (_, slots) in s.FreeByDate())
            {
                for (var i = 1; i < slots.Count; i++)
                {
                    Assert.True(slots[i - 1].End <= slots[i].Start, $"{slots[i - 1]} and {slots[i]} overlap");
                }
            }
        });

    [Fact]
    public void No_free_slot_with_its_buffers_overlaps_a_booking_with_its_buffers() =>
        GenScenario.Sample(s =>
        {
            foreach (var slot in s.Schedule.FreeSlots(s.Range, s.Type, "t", s.Now))
            {
                var blocked = s.Type.Blocks(slot);
                Assert.DoesNotContain(s.Schedule.Bookings, b => b.Blocked.Start < blocked.End && blocked.Start < b.Blocked.End);
            }
        });

    [Fact]
    public void Every_free_slot_lasts_the_meeting_length_and_respects_notice_and_horizon() =>
        GenScenario.Sample(s =>
        {
            foreach (var slot in s.Schedule.FreeSlots(s.Range, s.Type, "t", s.Now))
            {
                Assert.Equal(s.Type.Length, slot.End - slot.Start);
                Assert.True(slot.Start >= s.Now + s.Type.MinimumNotice);
                Assert.True(s.Type.Horizon is not { } horizon || slot.Start <= s.Now + horizon);
            }
        });

    [Fact]
    public void The_same_inputs_give_the_same_slots() =>
        GenScenario.Sample(s => Assert.Equal(
            s.Schedule.FreeSlots(s.Range, s.Type, "t", s.Now),
            (s.Schedule with { Bookings = s.Schedule.Bookings.ToList() }).FreeSlots(s.Range, s.Type, "t", s.Now)));

    [Fact]
    public void A_booking_is_accepted_exactly_when_it_is_an_offered_slot() =>
        GenScenario.Sample(s =>
        {
            var offered = s.Schedule.FreeSlots(s.Range, s.Type, "t", s.Now).ToHashSet();
            // Every grid start of the range, whether offered or not, must be decided consistently.
            foreach (var date in CalendarDates.Covering(s.Range, s.Schedule.Zone))
            {
                foreach (var candidate in SlotGrid.Cut(s.Schedule.Plan.WindowsOn(date), s.Schedule.Zone, s.Type.Shape).Where(c => s.Range.Contains(c.Start)))
                {
                    var accepted = s.Schedule.Decide(candidate, s.Type, "t", s.Now) == BookingOutcome.Accepted;
                    Assert.Equal(offered.Contains(candidate), accepted);
                }
            }
        });

    /// <summary>
    /// The explanation agrees with the decision for every grid start of the range and for times off the grid and outside
    /// the hours (every 105 minutes from each date's midnight): empty exactly when the booking would be accepted, and
    /// otherwise led by the decision's own reason; every booking it names is in the way.
    /// </summary>
    [Fact]
    public void The_explanation_is_empty_exactly_when_a_booking_is_accepted_and_leads_with_its_refusal() =>
        GenScenario.Sample(s =>
        {
            foreach (var date in CalendarDates.Covering(s.Range, s.Schedule.Zone))
            {
                var midnight = date.AtStartOfDayInZone(s.Schedule.Zone).ToInstant();
                var candidates = SlotGrid.Cut(s.Schedule.Plan.WindowsOn(date), s.Schedule.Zone, s.Type.Shape).Where(c => s.Range.Contains(c.Start))
                    .Concat(Enumerable.Range(0, 14).Select(i => s.Type.SlotAt(midnight + Duration.FromMinutes(105 * i))));
                foreach (var candidate in candidates)
                {
                    var outcome = s.Schedule.Decide(candidate, s.Type, "t", s.Now);
                    var reasons = s.Schedule.Explain(candidate, s.Type, "t", s.Now);
                    Assert.Equal(outcome == BookingOutcome.Accepted, reasons.Count == 0);
                    Assert.Equal(outcome, reasons.Count == 0 ? BookingOutcome.Accepted : reasons[0].Outcome);
                    Assert.All(reasons.OfType<Unavailable.Blocked>(), r => Assert.True(r.By.Blocked.Start < s.Type.Blocks(candidate).End && s.Type.Blocks(candidate).Start < r.By.Blocked.End));
                }
            }
        });

    [Fact]
    public void Every_one_hour_slot_is_named_exactly_by_its_wall_clock_times() =>
        // The documented routes show and accept slots as two wall-clock times. Only a zone whose clocks go back by
        // more than an hour (Troll, by two) can give one pair of times two one-hour readings; the earlier is meant.
        GenScenario.Where(s => s.Schedule.Zone.Id != "Antarctica/Troll").Sample(s =>
        {
            var zone = s.Schedule.Zone;
            foreach (var slot in s.Schedule.FreeSlots(s.Range, MeetingType.Default, "", s.Now))
            {
                var named = ZoneMapping.SlotBetween(slot.Start.InZone(zone).LocalDateTime, slot.End.InZone(zone).LocalDateTime, zone, MeetingType.Default.Length);
                Assert.Equal(slot, named);
            }
        });

    private static Scenario Build(
        string zoneId,
        LocalDate baseDate,
        List<(IsoDayOfWeek Day, TimeOfDayRange Hours)> weekly,
        List<DateRangeRule> rules,
        List<DateOverride> overrides,
        int lengthUnits,
        int stepUnits,
        int before,
        int after,
        int noticeUnits,
        int horizonDays,
        int cap,
        List<(int Start, int Units)> bookings,
        int nowOffsetUnits)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var unit = Duration.FromMinutes(15);
        var type = new MeetingType(
            unit * lengthUnits,
            step: unit * stepUnits,
            bufferBefore: unit * before,
            bufferAfter: unit * after,
            minimumNotice: unit * noticeUnits,
            horizon: horizonDays == 0 ? null : Duration.FromDays(horizonDays),
            maxPerDay: cap == 0 ? null : cap);
        var origin = baseDate.AtStartOfDayInZone(zone).ToInstant();
        var existing = GeneratedSchedules.NonOverlapping(bookings
            .Select(b => origin + (unit * b.Start))
            .Zip(bookings, (start, b) => new ExistingBooking(new Interval(start, start + (unit * b.Units)), new Interval(start - (unit * before), start + (unit * (b.Units + after))), "t")));
        var plan = new AvailabilityPlan(
            GeneratedSchedules.Weekly(weekly),
            rules,
            overrides.DistinctBy(o => o.Date).ToList());
        var range = CalendarDates.Span(new DateInterval(baseDate, baseDate.PlusDays(4)), zone);
        return new Scenario(new OwnerSchedule(zone, plan, existing), type, range, origin + (unit * nowOffsetUnits));
    }

    private sealed record Scenario(OwnerSchedule Schedule, MeetingType Type, Interval Range, Instant Now)
    {
        public IEnumerable<(LocalDate Date, IReadOnlyList<Slot> Slots)> FreeByDate() =>
            CalendarDates.Covering(Range, Schedule.Zone).Select(d => (d, Schedule.FreeSlotsOn(d, Type, "t")));
    }

    private static LocalDate[] TransitionDates(DateTimeZone zone)
    {
        var year = new Interval(Instant.FromUtc(2027, 1, 1, 0, 0), Instant.FromUtc(2028, 1, 1, 0, 0));
        var dates = zone.GetZoneIntervals(year)
            .Where(i => i.HasStart && year.Contains(i.Start))
            .Select(i => i.Start.InZone(zone).Date.PlusDays(-2))
            .ToArray();
        return dates.Length > 0 ? dates : [new(2027, 3, 26), new(2027, 10, 29)];
    }
}
