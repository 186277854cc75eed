using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Teams;
using NodaTime;

namespace Agenda.Scheduling.Tests.Teams;

/// <summary>Which settings make no team, as a reason the host words for the person who gave them.</summary>
public sealed class TeamSettingsTests
{
    private static readonly TeamHost Ana = new("ana");

    private static readonly TeamHost Bo = new("bo");

    private static readonly TeamHost FixedLead = new("lead", IsFixed: true);

    [Fact]
    public void Hosts_that_make_a_team_have_no_problem()
    {
        Assert.Null(TeamRules.Problem(TeamKind.Collective, [Ana, Bo], hostsPerBooking: 1));
        Assert.Null(TeamRules.Problem(TeamKind.RoundRobin, [FixedLead, Ana], hostsPerBooking: null));
    }

    [Fact]
    public void A_host_listed_twice_makes_no_team() =>
        Assert.Equal(TeamSettingsProblem.HostListedTwice, TeamRules.Problem(TeamKind.Collective, [Ana, Ana], null));

    [Fact]
    public void Round_robin_needs_a_host_who_is_not_fixed_and_takes_no_hosts_per_booking()
    {
        Assert.Equal(TeamSettingsProblem.NoRotatingHost, TeamRules.Problem(TeamKind.RoundRobin, [FixedLead], null));
        Assert.Equal(TeamSettingsProblem.HostsPerBookingWithRoundRobin, TeamRules.Problem(TeamKind.RoundRobin, [Ana, Bo], 1));
    }

    [Fact]
    public void Hosts_per_booking_lies_between_the_fixed_hosts_and_every_host()
    {
        Assert.Equal((1, 3), TeamRules.HostsPerBookingRange([FixedLead, Ana, Bo]));
        Assert.Equal(TeamSettingsProblem.HostsPerBookingOutOfRange, TeamRules.Problem(TeamKind.Collective, [FixedLead, Ana, Bo], 4));
        Assert.Equal(TeamSettingsProblem.HostsPerBookingOutOfRange, TeamRules.Problem(TeamKind.Collective, [FixedLead, new("cy", IsFixed: true), Ana], 1));
    }

    [Fact]
    public void Each_host_reads_the_type_with_the_schedule_they_offer_and_keeps_it_among_fewer_hosts()
    {
        var type = new MeetingType(Duration.FromMinutes(30));
        var rules = new TeamRules(TeamKind.RoundRobin, [Ana, Bo with { Schedule = "evenings" }]);

        Assert.Same(type, rules.RulesOf("ana", type));
        Assert.Equal("evenings", rules.RulesOf("bo", type).Schedule);
        Assert.Equal(type with { Schedule = "evenings" }, rules.RulesOf("bo", type));
        Assert.Null(rules.RulesOf("someone-else", type with { Schedule = "evenings" }).Schedule);
        var moving = rules.OnlyHosts(["bo"]);
        Assert.Equal((TeamKind.Collective, "evenings"), (moving.Kind, Assert.Single(moving.Hosts).Schedule));
    }
}
