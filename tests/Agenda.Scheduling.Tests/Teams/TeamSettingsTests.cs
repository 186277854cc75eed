using Agenda.Scheduling.Teams;

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
}
