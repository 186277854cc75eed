using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Scheduling.Zones;
using CsCheck;
using NodaTime;
using static Agenda.Scheduling.Tests.Planning.Build;

namespace Agenda.Scheduling.Tests.Planning;

/// <summary>
/// Availability that runs through midnight is one window: a meeting may start in the evening of one date and end in
/// the next date's morning hours, also on the dates whose midnight is repeated (Havana, Santiago, Beirut and Cairo
/// in autumn) or skipped (the same zones in spring).
/// </summary>
public sealed class ThroughMidnightTests
{
    private static readonly string[] MidnightZones = ["America/Havana", "America/Santiago", "Asia/Beirut", "Africa/Cairo", "UTC", "Europe/Berlin"];

    private static readonly Dictionary<string, LocalDate[]> DatesAroundChanges = MidnightZones.ToDictionary(id => id, id => AroundChanges(Zone(id)));

    [Fact]
    public void On_the_night_before_havanas_repeated_midnight_a_meeting_through_the_first_midnight_is_offered()
    {
        var havana = Zone("America/Havana");
        var schedule = EveryNight(havana, "22:00", "03:00");
        var forty = new MeetingType(Duration.FromMinutes(40), Duration.FromMinutes(20));

        var slots = schedule.FreeSlotsOn(On("2027-11-06"), forty, "t");

        // 23:40 (-04:00) is 03:40Z; it ends at 00:20 (-04:00), before the clocks go back from 01:00 to 00:00.
        var crossing = Assert.Single(slots, s => s.Start == Instant.FromUtc(2027, 11, 7, 3, 40));
        Assert.Equal(Instant.FromUtc(2027, 11, 7, 4, 20), crossing.End);
        Assert.Equal(BookingOutcome.Accepted, schedule.Decide(crossing, forty, "t", Instant.FromUtc(2027, 11, 1, 0, 0)));
        Assert.All(slots, s => Assert.Equal(On("2027-11-06"), s.Start.InZone(havana).Date));
    }

    [Fact]
    public void A_meeting_through_midnight_is_offered_on_an_ordinary_date_and_not_when_the_next_morning_is_off()
    {
        var utc = DateTimeZone.Utc;
        var forty = new MeetingType(Duration.FromMinutes(40), Duration.FromMinutes(20));
        var schedule = EveryNight(utc, "22:00", "03:00");
        var dayOff = schedule with { Plan = schedule.Plan with { Overrides = [new DateOverride(On("2027-03-02"), [])] } };

        Assert.Contains("23:40", Starts(schedule.FreeSlotsOn(On("2027-03-01"), forty, "t"), utc));
        Assert.DoesNotContain("23:40", Starts(dayOff.FreeSlotsOn(On("2027-03-01"), forty, "t"), utc));
        Assert.Equal("23:20", Starts(dayOff.FreeSlotsOn(On("2027-03-01"), forty, "t"), utc)[^1]);
    }

    /// <summary>
    /// Against a model that knows nothing of windows: availability is the set of instants the dates' own hours cover
    /// (each date's hours mapped to instants on their own, then joined where they touch), and a date offers exactly the
    /// starts of its grid (from each of its ranges' start, a step apart, before the next midnight) whose meeting lies
    /// wholly in that set, with the grid's rule against overlaps when the step is at least the length.
    /// </summary>
    [Fact]
    public void A_dates_slots_are_its_grid_starts_whose_meeting_lies_in_the_available_instants() =>
        Gen.Select(Gen.OneOf(MidnightZones), Gen.Int[0, 7], Gen.Int[1, 48], Gen.Int[49, 95], Gen.Int[1, 12], Gen.Int[1, 8], Gen.Bool)
            .Sample((zoneId, pick, morningEnd, eveningStart, lengthUnits, stepUnits, nextMorningOff) =>
            {
                var zone = Zone(zoneId);
                var dates = DatesAroundChanges[zoneId];
                var date = dates[pick % dates.Length];
                var unit = Duration.FromMinutes(15);
                var type = new MeetingType(unit * lengthUnits, unit * stepUnits);
                var morning = new TimeOfDayRange(LocalTime.Midnight, LocalTime.Midnight.PlusMinutes(morningEnd * 15));
                var evening = new TimeOfDayRange(LocalTime.Midnight.PlusMinutes(eveningStart * 15), LocalTime.Midnight);
                var overrides = nextMorningOff ? new List<DateOverride> { new(date.PlusDays(1), [evening]) } : [];
                var plan = new AvailabilityPlan(EveryDay(morning, evening), [], overrides);

                var offered = new OwnerSchedule(zone, plan, []).FreeSlotsOn(date, type, "t");

                Assert.Equal(Model(zone, plan, date, type), offered);
            });

    private static List<Slot> Model(DateTimeZone zone, AvailabilityPlan plan, LocalDate date, MeetingType type)
    {
        // The instants each date's own hours cover, joined where they touch.
        var covered = new List<Interval>();
        for (var d = date.PlusDays(-1); d <= date.PlusDays(2); d = d.PlusDays(1))
        {
            var own = plan.Overrides.FirstOrDefault(o => o.Date == d)?.Hours ?? plan.Weekly.On(d.DayOfWeek);
            covered.AddRange(own.Select(h => ZoneMapping.ToInterval(h.On(d), zone)));
        }

        var available = BusyTime.Merge(covered);
        var ownHours = plan.Overrides.FirstOrDefault(o => o.Date == date)?.Hours ?? plan.Weekly.On(date.DayOfWeek);
        var nextMidnight = date.PlusDays(1).AtMidnight();
        var step = Period.FromMinutes((long)type.Step.TotalMinutes);
        var candidates = new List<Slot>();
        foreach (var hours in ownHours)
        {
            for (var local = date.At(hours.Start); local < nextMidnight && local < hours.On(date).End; local = local.Plus(step))
            {
                candidates.AddRange(ZoneMapping.Candidates(local, zone)
                    .Select(start => new Slot(start, start + type.Length))
                    .Where(slot => available.Any(a => slot.LiesWithin(a))));
            }
        }

        // The grid's rule: with a step of at least the length, a slot that overlaps an earlier one is not offered.
        var sorted = candidates.OrderBy(s => s.Start).Distinct().ToList();
        if (type.Step < type.Length)
        {
            return sorted;
        }

        var slots = new List<Slot>();
        foreach (var slot in sorted.Where(slot => slots.Count == 0 || slots[^1].End <= slot.Start))
        {
            slots.Add(slot);
        }

        return slots;
    }

    private static OwnerSchedule EveryNight(DateTimeZone zone, string from, string to) =>
        new(zone, new AvailabilityPlan(EveryDay(Hours("00:00", to), Hours(from, "24:00")), [], []), []);

    private static WeeklyHours EveryDay(params TimeOfDayRange[] hours) =>
        Weekly([.. Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).SelectMany(d => hours.Select(h => (d, h)))]);

    /// <summary>The dates in 2027 on which, or on the day after which, the zone's clocks change (a few plain dates for a zone without changes).</summary>
    private static LocalDate[] AroundChanges(DateTimeZone zone)
    {
        var year = new Interval(Instant.FromUtc(2027, 1, 1, 0, 0), Instant.FromUtc(2028, 1, 1, 0, 0));
        var dates = zone.GetZoneIntervals(year)
            .Where(i => i.HasStart && year.Contains(i.Start))
            .SelectMany(i => new[] { i.Start.InZone(zone).Date.PlusDays(-1), i.Start.InZone(zone).Date, (i.Start - Duration.FromHours(2)).InZone(zone).Date })
            .Distinct()
            .ToArray();
        return dates.Length > 0 ? dates : [new(2027, 3, 26), new(2027, 10, 29), new(2027, 12, 31)];
    }
}
