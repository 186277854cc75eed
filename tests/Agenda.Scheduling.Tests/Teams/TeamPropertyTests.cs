using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Scheduling.Teams;
using Agenda.Scheduling.Zones;
using CsCheck;
using NodaTime;

namespace Agenda.Scheduling.Tests.Teams;

/// <summary>
/// Team invariants over random teams of two to four hosts, each in their own zone (several with clock changes near
/// the drawn dates: Berlin and New York in March, Lord Howe's half-hour change, Santiago's at midnight, Kolkata's
/// half-hour offset), with random weekly hours, bookings, out-of-office periods, weights, priorities and fixed hosts,
/// and a random meeting type (buffers, notice, horizon, daily cap) and clock.
/// </summary>
public sealed class TeamPropertyTests
{
    private static readonly string[] ZoneIds = ["UTC", "Europe/Berlin", "America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Lord_Howe", "America/Santiago"];

    // Days shortly before clock changes of 2027: US Mar 14, EU Mar 28, Lord Howe and Santiago Apr 4, EU Oct 31, US Nov 7.
    private static readonly LocalDate[] BaseDates = [new(2027, 3, 12), new(2027, 3, 26), new(2027, 4, 2), new(2027, 10, 29), new(2027, 11, 5)];

    private static readonly Duration HalfHour = Duration.FromMinutes(30);

    private static readonly Gen<TimeOfDayRange> GenHours = GeneratedSchedules.Hours(30);

    // Most days get a long stretch, so hosts in zones up to sixteen hours apart still share time often enough to test.
    private static readonly Gen<TimeOfDayRange> GenLongHours = GeneratedSchedules.Hours(30, latestStart: 24, shortest: 16);

    private static readonly Gen<HostSpec> GenHost =
        from zoneId in Gen.OneOf(ZoneIds)
        from stretches in GenLongHours.Array[7]
        from dayOff in Gen.Int[0, 9].Array[7]
        from extra in Gen.Select(Gen.Int[1, 7], GenHours, (day, hours) => ((IsoDayOfWeek)day, hours)).List[0, 3]
        let weekly = stretches.Select((hours, i) => (Day: (IsoDayOfWeek)(i + 1), Hours: hours)).Where(d => dayOff[(int)d.Day - 1] > 0).Concat(extra).ToList()
        from bookings in Gen.Select(Gen.Int[0, 5 * 48], Gen.Int[1, 4], (start, units) => (start, units)).List[0, 6]
        from away in Gen.Select(Gen.Int[0, 5 * 48], Gen.Int[1, 24], Gen.Int[0, 3], (start, units, draw) => draw == 0 ? [(start, units)] : new List<(int Start, int Units)>())
        from weight in Gen.Int[1, 200]
        from priority in Gen.Int[0, 2]
        from fixedDraw in Gen.Int[0, 4]
        from weekCap in Gen.Int[0, 8]
        select new HostSpec(zoneId, weekly, bookings, away, weight, priority, fixedDraw == 0) { WeekCap = weekCap };

    private static readonly Gen<Scenario> GenScenario =
        from baseDate in Gen.OneOf(BaseDates)
        from hosts in GenHost.List[2, 4]
        from lengthUnits in Gen.Int[1, 3]
        from stepUnits in Gen.Int[1, 2]
        from before in Gen.Int[0, 1]
        from after in Gen.Int[0, 1]
        from noticeUnits in Gen.Int[0, 8]
        from horizonDays in Gen.Int[0, 4]
        from cap in Gen.Int[0, 3]
        from nowOffset in Gen.Int[-48, 4 * 48]
        from perBookingDraw in Gen.Int[0, 3]
        from picks in Gen.Int[0, 1000].List[1, 8]
        from seed in Gen.Int
        select Build(baseDate, hosts, lengthUnits, stepUnits, before, after, noticeUnits, horizonDays, cap, nowOffset, perBookingDraw, picks, seed);

    [Fact]
    public void Every_collective_slot_is_accepted_by_every_hosts_own_Decide() =>
        GenScenario.Sample(s =>
        {
            var team = new CollectiveSlots(s.Hosts);
            foreach (var slot in team.FreeSlots(s.Range, s.Type, "t", s.Now))
            {
                Assert.All(s.Hosts, h => Assert.Equal(BookingOutcome.Accepted, h.Schedule.Decide(slot, s.Type, "t", s.Now)));
                Assert.All(s.Hosts, h => Assert.False(h.IsOutOfOfficeDuring(slot)));
                Assert.Equal(s.Hosts.Select(h => h.OwnerId), team.Decide(slot, s.Type, "t", s.Now).HostIds);
            }
        });

    [Fact]
    public void A_collective_slot_is_offered_and_accepted_exactly_when_every_host_accepts_it() =>
        GenScenario.Sample(s =>
        {
            var team = new CollectiveSlots(s.Hosts);
            var offered = team.FreeSlots(s.Range, s.Type, "t", s.Now).ToHashSet();
            foreach (var slot in s.GridSlots())
            {
                var everyone = s.Hosts.All(h => h.Decide(slot, s.Type, "t", s.Now) == BookingOutcome.Accepted);
                Assert.Equal(everyone, offered.Contains(slot));
                Assert.Equal(everyone, team.Decide(slot, s.Type, "t", s.Now).IsAccepted);
            }
        });

    [Fact]
    public void At_least_n_collective_slots_take_n_free_hosts_including_every_fixed_host() =>
        GenScenario.Sample(s =>
        {
            var team = new CollectiveSlots(s.Hosts, s.HostsPerBooking);
            var offered = team.FreeSlots(s.Range, s.Type, "t", s.Now).ToHashSet();
            foreach (var slot in s.GridSlots())
            {
                var free = s.Hosts.Where(h => h.Decide(slot, s.Type, "t", s.Now) == BookingOutcome.Accepted).ToList();
                var enough = s.Hosts.Where(h => h.IsFixed).All(free.Contains) && free.Count >= s.HostsPerBooking;
                Assert.Equal(enough, offered.Contains(slot));

                var outcome = team.Decide(slot, s.Type, "t", s.Now, s.History);
                Assert.Equal(enough, outcome.IsAccepted);
                if (enough)
                {
                    Assert.Equal(s.HostsPerBooking, outcome.HostIds.Distinct().Count());
                    Assert.Subset(free.Select(h => h.OwnerId).ToHashSet(), outcome.HostIds.ToHashSet());
                    Assert.Subset(outcome.HostIds.ToHashSet(), s.Hosts.Where(h => h.IsFixed).Select(h => h.OwnerId).ToHashSet());
                }
            }
        });

    /// <summary>
    /// What the service searches with (each host's own offer, kept per host, combined by <see cref="TeamRules.Combine"/>)
    /// is what the engine decides with: the same slots for collective, "at least N" and round-robin teams, and each of
    /// them accepted by <see cref="TeamRules.Decide"/> from the hosts' schedules.
    /// </summary>
    [Fact]
    public void Combining_each_hosts_own_offer_gives_the_slots_the_team_decides_to_accept() =>
        GenScenario.Sample(s =>
        {
            var hosts = s.Hosts.Select(h => new TeamHost(h.OwnerId, h.Weight, h.Priority, h.IsFixed)).ToList();
            var offers = s.Hosts.ToDictionary(h => h.OwnerId, h => h.Schedule.FreeSlots(s.Range, s.Type, "t", s.Now));
            var absences = s.Hosts.ToDictionary(h => h.OwnerId, h => h.OutOfOffice);
            var schedules = s.Hosts.ToDictionary(h => h.OwnerId, h => h.Schedule);
            var teams = new List<(TeamRules Rules, IReadOnlyList<Slot> Expected)>
            {
                (new TeamRules(TeamKind.Collective, hosts), new CollectiveSlots(s.Hosts).FreeSlots(s.Range, s.Type, "t", s.Now)),
                (new TeamRules(TeamKind.Collective, hosts, s.HostsPerBooking), new CollectiveSlots(s.Hosts, s.HostsPerBooking).FreeSlots(s.Range, s.Type, "t", s.Now)),
            };
            if (s.Hosts.Any(h => !h.IsFixed))
            {
                teams.Add((new TeamRules(TeamKind.RoundRobin, hosts), new RoundRobinSlots(s.Hosts, RoundRobinAssignment.Default).FreeSlots(s.Range, s.Type, "t", s.Now)));
            }

            foreach (var (rules, expected) in teams)
            {
                var combined = rules.Combine(offers, absences);
                Assert.Equal(expected, combined);
                Assert.All(combined, slot => Assert.True(rules.Decide(schedules, absences, slot, s.Type, "t", s.Now, s.History, new Random(s.Seed)).IsAccepted));
            }
        });

    [Fact]
    public void A_teams_explanation_offers_a_time_exactly_when_the_team_accepts_it_and_each_host_explains_their_own_decision() =>
        GenScenario.Sample(s =>
        {
            var hosts = s.Hosts.Select(h => new TeamHost(h.OwnerId, h.Weight, h.Priority, h.IsFixed)).ToList();
            var absences = s.Hosts.ToDictionary(h => h.OwnerId, h => h.OutOfOffice);
            var schedules = s.Hosts.ToDictionary(h => h.OwnerId, h => h.Schedule);
            List<TeamRules> teams = [new(TeamKind.Collective, hosts), new(TeamKind.Collective, hosts, s.HostsPerBooking)];
            if (s.Hosts.Any(h => !h.IsFixed))
            {
                teams.Add(new TeamRules(TeamKind.RoundRobin, hosts));
            }

            foreach (var rules in teams)
            {
                foreach (var slot in s.GridSlots())
                {
                    var explained = rules.Explain(schedules, absences, slot, s.Type, "t", s.Now);
                    Assert.Equal(rules.Decide(schedules, absences, slot, s.Type, "t", s.Now, s.History, new Random(s.Seed)).IsAccepted, explained.Offered);
                    Assert.All(explained.Hosts, h => Assert.Equal(
                        s.Hosts.Single(m => m.OwnerId == h.OwnerId).Decide(slot, s.Type, "t", s.Now),
                        h.Free ? BookingOutcome.Accepted : h.Reasons[0].Outcome));
                }
            }
        });

    [Fact]
    public void A_round_robin_slot_is_free_for_its_assigned_host_and_the_fixed_hosts() =>
        GenScenario.Sample(s =>
        {
            var team = new RoundRobinSlots(s.Hosts, RoundRobinAssignment.Default);
            var offered = team.FreeSlots(s.Range, s.Type, "t", s.Now).ToHashSet();
            foreach (var slot in s.GridSlots())
            {
                var outcome = team.Decide(slot, s.Type, "t", s.Now, s.History, new Random(s.Seed));
                Assert.Equal(offered.Contains(slot), outcome.IsAccepted);
                if (!outcome.IsAccepted)
                {
                    continue;
                }

                var assigned = s.Hosts.Where(h => outcome.HostIds.Contains(h.OwnerId)).ToList();
                Assert.Equal(s.Hosts.Count(h => h.IsFixed) + 1, assigned.Count);
                Assert.Single(assigned, h => !h.IsFixed);
                Assert.All(s.Hosts.Where(h => h.IsFixed), h => Assert.Contains(h, assigned));
                Assert.All(assigned, h => Assert.Equal(BookingOutcome.Accepted, h.Schedule.Decide(slot, s.Type, "t", s.Now)));
                Assert.All(assigned, h => AssertInsideAvailabilityAndClear(h, slot, s.Type));
            }
        });

    [Fact]
    public void Booking_round_robin_slots_one_after_another_never_puts_a_host_outside_their_hours_or_over_their_own_bookings() =>
        GenScenario.Sample(s =>
        {
            var hosts = s.Hosts.ToList();
            var history = hosts.ToDictionary(h => h.OwnerId, _ => new List<Instant>());
            var random = new Random(s.Seed);
            var now = s.Now;
            foreach (var pick in s.Picks)
            {
                var team = new RoundRobinSlots(hosts, RoundRobinAssignment.Default);
                var offered = team.FreeSlots(s.Range, s.Type, "t", now);
                if (offered.Count == 0)
                {
                    break;
                }

                var slot = offered[pick % offered.Count];
                var outcome = team.Decide(slot, s.Type, "t", now, history.ToDictionary(h => h.Key, h => new HostHistory(Instant.MinValue, h.Value)), random);
                Assert.True(outcome.IsAccepted, $"{slot} was offered but refused as {outcome.Outcome}");
                for (var i = 0; i < hosts.Count; i++)
                {
                    if (outcome.HostIds.Contains(hosts[i].OwnerId))
                    {
                        AssertInsideAvailabilityAndClear(hosts[i], slot, s.Type);
                        hosts[i] = hosts[i].WithBooking(new ExistingBooking(new Interval(slot.Start, slot.End), s.Type.Blocks(slot), "t"));
                        history[hosts[i].OwnerId].Add(now);
                    }
                }

                now += Duration.FromMinutes(1);
            }
        });


    private static void AssertInsideAvailabilityAndClear(TeamMember host, Slot slot, MeetingType type)
    {
        var zone = host.Schedule.Zone;
        var windows = host.Schedule.Plan.WindowsOn(slot.Start.InZone(zone).Date).Select(w => ZoneMapping.ToInterval(w, zone));
        Assert.Contains(windows, w => slot.LiesWithin(w));
        var blocked = type.Blocks(slot);
        Assert.DoesNotContain(host.Schedule.Bookings, b => b.Blocked.Start < blocked.End && blocked.Start < b.Blocked.End);
        Assert.False(host.IsOutOfOfficeDuring(slot), $"{host.OwnerId} is out of office during {slot}");
    }

    private static Scenario Build(
        LocalDate baseDate,
        List<HostSpec> specs,
        int lengthUnits,
        int stepUnits,
        int before,
        int after,
        int noticeUnits,
        int horizonDays,
        int cap,
        int nowOffset,
        int perBookingDraw,
        List<int> picks,
        int seed)
    {
        var quarter = Duration.FromMinutes(15);
        var type = new MeetingType(
            HalfHour * lengthUnits,
            step: HalfHour * stepUnits,
            bufferBefore: quarter * before,
            bufferAfter: quarter * after,
            minimumNotice: HalfHour * noticeUnits,
            horizon: horizonDays == 0 ? null : Duration.FromDays(horizonDays),
            maxPerDay: cap == 0 ? null : cap);
        var origin = baseDate.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        var hosts = specs.Select((spec, i) => spec.ToMember($"host{i}", origin, type, isFixed: i > 0 && spec.IsFixed)).ToList();
        var history = hosts.ToDictionary(
            h => h.OwnerId,
            h => new HostHistory(Instant.MinValue, h.Schedule.Bookings.Select(b => b.Meeting.Start - Duration.FromDays(2)).ToList()));
        var fixedCount = hosts.Count(h => h.IsFixed);
        var perBooking = Math.Max(1, fixedCount) + (perBookingDraw % (hosts.Count - Math.Max(1, fixedCount) + 1));
        var range = new Interval(origin, origin + Duration.FromDays(4));
        return new Scenario(hosts, type, range, origin + (HalfHour * nowOffset), perBooking, history, picks, seed);
    }

    private sealed record HostSpec(
        string ZoneId,
        List<(IsoDayOfWeek Day, TimeOfDayRange Hours)> Weekly,
        List<(int Start, int Units)> Bookings,
        List<(int Start, int Units)> Away,
        int Weight,
        int Priority,
        bool IsFixed)
    {
        /// <summary>The host's own limit of bookings per week across their types (0: none), which some hosts reach.</summary>
        public int WeekCap { get; init; }

        public TeamMember ToMember(string id, Instant origin, MeetingType type, bool isFixed)
        {
            var existing = GeneratedSchedules.NonOverlapping(Bookings
                .Select(b => origin + (HalfHour * b.Start))
                .Zip(Bookings, (start, b) => new ExistingBooking(new Interval(start, start + (HalfHour * b.Units)), type.Blocks(new Slot(start, start + (HalfHour * b.Units))), "t")));
            var plan = new AvailabilityPlan(
                GeneratedSchedules.Weekly(Weekly),
                [],
                []);
            var away = Away.Select(a => new Interval(origin + (HalfHour * a.Start), origin + (HalfHour * (a.Start + a.Units)))).ToList();
            var limits = WeekCap is > 0 and < 5 ? new BookingLimits(perWeek: WeekCap) : BookingLimits.None;
            return new TeamMember(id, new OwnerSchedule(DateTimeZoneProviders.Tzdb[ZoneId], plan, existing) { Limits = limits }, Weight, Priority, isFixed, away);
        }
    }

    private sealed record Scenario(
        List<TeamMember> Hosts,
        MeetingType Type,
        Interval Range,
        Instant Now,
        int HostsPerBooking,
        Dictionary<string, HostHistory> History,
        List<int> Picks,
        int Seed)
    {
        /// <summary>Every slot of any host's own grid that starts in the range, offered or not.</summary>
        public IEnumerable<Slot> GridSlots() =>
            Hosts.SelectMany(h => CalendarDates.Covering(Range, h.Schedule.Zone)
                    .SelectMany(d => SlotGrid.Cut(h.Schedule.Plan.WindowsOn(d), h.Schedule.Zone, Type.Shape)))
                .Where(slot => Range.Contains(slot.Start))
                .Distinct();
    }
}
