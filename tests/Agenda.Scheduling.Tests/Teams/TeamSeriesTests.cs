using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Scheduling.Teams;
using NodaTime;
using static Agenda.Scheduling.Tests.Planning.Build;
using static Agenda.Scheduling.Tests.Teams.Team;

namespace Agenda.Scheduling.Tests.Teams;

/// <summary>
/// Series on team types: the same hosts take every meeting (one rotating host throughout for round robin), or the answer
/// names the meetings that stand in the way.
/// </summary>
public sealed class TeamSeriesTests
{
    private static readonly DateTimeZone Berlin = Zone("Europe/Berlin");
    private static readonly MeetingType Hour = MeetingType.Default;
    private static readonly Instant Now = LocalInstant("2027-06-07", "08:00", Berlin);
    private static readonly Dictionary<string, HostHistory> NoHistory = [];

    /// <summary>Four Wednesdays at 10:00 in Berlin, from 2027-06-09.</summary>
    private static readonly IReadOnlyList<SeriesOccurrence> FourWednesdays = RecurringSeries.Expand(At("2027-06-09", "10:00"), Berlin, new SeriesRule(1, 4));

    private static Slot At(string date, string time) => Hour.SlotAt(LocalInstant(date, time, Berlin));

    private static ExistingBooking BookedAt(string date, string time) => ExistingBooking.Plain(new Interval(At(date, time).Start, At(date, time).End));

    [Fact]
    public void A_round_robin_series_goes_to_one_host_who_is_free_for_every_meeting_even_when_another_is_due()
    {
        // Ana is far below her share but booked on the third Wednesday: Ben takes the whole series, never split.
        var ana = Host("ana", "Europe/Berlin", "09:00", "17:00", [BookedAt("2027-06-23", "10:00")]);
        var team = new RoundRobinSlots([ana, Host("ben", "Europe/Berlin", "09:00", "17:00")], RoundRobinAssignment.Default);
        var history = new Dictionary<string, HostHistory> { ["ben"] = new(Instant.MinValue, [Now - Duration.FromHours(1), Now - Duration.FromHours(2)]) };

        var outcome = team.DecideSeries(FourWednesdays, Hour, "t", Now, history, new Random(1));

        Assert.True(outcome.IsAccepted);
        Assert.Equal(["ben"], outcome.HostIds);
    }

    [Fact]
    public void When_every_meeting_has_a_free_host_but_no_host_has_every_meeting_the_closest_hosts_conflicts_are_named()
    {
        // Each Wednesday someone is free, but Ana is booked on the second and Ben on the third and fourth.
        var ana = Host("ana", "Europe/Berlin", "09:00", "17:00", [BookedAt("2027-06-16", "10:00")]);
        var ben = Host("ben", "Europe/Berlin", "09:00", "17:00", [BookedAt("2027-06-23", "10:00"), BookedAt("2027-06-30", "10:00")]);
        var team = new RoundRobinSlots([ben, ana], RoundRobinAssignment.Default);

        var outcome = team.DecideSeries(FourWednesdays, Hour, "t", Now, NoHistory, new Random(1));

        Assert.False(outcome.IsAccepted);
        Assert.Empty(outcome.HostIds);
        var refused = Assert.Single(outcome.Meetings);
        Assert.Equal(1, refused.Occurrence.Index);
        Assert.Equal(BookingOutcome.Taken, refused.Reason);
    }

    [Fact]
    public void Fixed_hosts_join_every_meeting_and_each_meeting_they_cannot_take_is_named()
    {
        var lead = Host("lead", "Europe/Berlin", "09:00", "17:00", [BookedAt("2027-06-16", "10:00"), BookedAt("2027-06-30", "10:00")], isFixed: true);
        var team = new RoundRobinSlots([Host("ana", "Europe/Berlin", "09:00", "17:00"), lead], RoundRobinAssignment.Default);

        var refused = team.DecideSeries(FourWednesdays, Hour, "t", Now, NoHistory, new Random(1));
        var free = new RoundRobinSlots([Host("ana", "Europe/Berlin", "09:00", "17:00"), Host("lead", "Europe/Berlin", "09:00", "17:00", isFixed: true)], RoundRobinAssignment.Default)
            .DecideSeries(FourWednesdays, Hour, "t", Now, NoHistory, new Random(1));

        Assert.Equal([1, 3], refused.Meetings.Select(m => m.Occurrence.Index));
        Assert.All(refused.Meetings, m => Assert.Equal(BookingOutcome.Taken, m.Reason));
        Assert.Equal(["lead", "ana"], free.HostIds);
    }

    [Fact]
    public void A_collective_series_needs_every_host_for_every_meeting_and_names_each_meeting_with_the_first_hosts_reason()
    {
        // Ben works mornings only on the hours asked; Ana is booked on the last Wednesday.
        var ana = Host("ana", "Europe/Berlin", "09:00", "17:00", [BookedAt("2027-06-30", "10:00")]);
        var team = new CollectiveSlots([ana, Host("ben", "Europe/Berlin", "09:00", "17:00")]);
        var late = new CollectiveSlots([Host("ana", "Europe/Berlin", "09:00", "17:00"), Host("ben", "Europe/Berlin", "11:00", "17:00")]);

        var taken = team.DecideSeries(FourWednesdays, Hour, "t", Now);
        var outside = late.DecideSeries(FourWednesdays, Hour, "t", Now);

        Assert.Equal([(3, BookingOutcome.Taken)], taken.Meetings.Select(m => (m.Occurrence.Index, m.Reason)));
        Assert.Equal([0, 1, 2, 3], outside.Meetings.Select(m => m.Occurrence.Index));
        Assert.All(outside.Meetings, m => Assert.Equal(BookingOutcome.OutsideAvailability, m.Reason));
    }

    [Fact]
    public void A_collective_series_of_some_hosts_takes_those_free_for_every_meeting()
    {
        // Two of three: Ana is booked once, so Ben and Cay take the whole series.
        var ana = Host("ana", "Europe/Berlin", "09:00", "17:00", [BookedAt("2027-06-16", "10:00")]);
        var team = new CollectiveSlots([ana, Host("ben", "Europe/Berlin", "09:00", "17:00"), Host("cay", "Europe/Berlin", "09:00", "17:00")], hostsPerBooking: 2);

        Assert.Equal(["ben", "cay"], team.DecideSeries(FourWednesdays, Hour, "t", Now).HostIds);
    }

    [Fact]
    public void A_wall_clock_time_the_clocks_skip_is_outside_availability_for_the_team()
    {
        // 02:00 in Berlin on 2027-03-28 does not exist: the series of Sundays from 2027-03-21 at 02:00 names that meeting.
        var night = RecurringSeries.Expand(Hour.SlotAt(LocalInstant("2027-03-21", "02:00", Berlin)), Berlin, new SeriesRule(1, 2));
        var team = new RoundRobinSlots([AlwaysFree("ana"), AlwaysFree("ben")], RoundRobinAssignment.Default);

        var outcome = team.DecideSeries(night, Hour, "t", Instant.FromUtc(2027, 3, 1, 0, 0), NoHistory, new Random(1));

        Assert.Equal([(1, BookingOutcome.OutsideAvailability)], outcome.Meetings.Select(m => (m.Occurrence.Index, m.Reason)));
    }

    [Fact]
    public void Team_rules_decide_a_series_as_the_kind_of_team_says()
    {
        var schedules = new Dictionary<string, OwnerSchedule>
        {
            ["ana"] = Host("ana", "Europe/Berlin", "09:00", "17:00", [BookedAt("2027-06-23", "10:00")]).Schedule,
            ["ben"] = Host("ben", "Europe/Berlin", "09:00", "17:00").Schedule,
        };
        var roundRobin = new TeamRules(TeamKind.RoundRobin, [new TeamHost("ana"), new TeamHost("ben")]);
        var collective = new TeamRules(TeamKind.Collective, [new TeamHost("ana"), new TeamHost("ben")]);

        Assert.Equal(["ben"], roundRobin.DecideSeries(schedules, new Dictionary<string, IReadOnlyList<Interval>>(), FourWednesdays, Hour, "t", Now, NoHistory, new Random(1)).HostIds);
        Assert.Equal([2], collective.DecideSeries(schedules, new Dictionary<string, IReadOnlyList<Interval>>(), FourWednesdays, Hour, "t", Now, NoHistory, new Random(1))
            .Meetings.Select(m => m.Occurrence.Index));
    }
}
