using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Scheduling.Teams;
using NodaTime;
using static Agenda.Storage.Tests.Values;

namespace Agenda.Storage.Tests;

public sealed class TeamStoreOnSqliteTests() : TeamStoreTests(new SqliteFile());

[Collection(PostgresCollection.Name)]
public sealed class TeamStoreOnPostgresTests(Agenda.Testing.PostgresServer server) : TeamStoreTests(new PostgresStoreHost(server));

/// <summary>
/// Teams on a real database: a team booking is one share per host, written together or not at all; the per-owner
/// overlap guard keeps each host's personal and team bookings apart; cancel and move change every share.
/// </summary>
public abstract class TeamStoreTests : IDisposable
{
    private static readonly LocalDate Day = Date(2024, 12, 2);
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly MeetingType Hour = new(Duration.FromHours(1));
    private static readonly string[] Hosts = ["ana", "ben", "cy"];

    private readonly IStoreHost host;
    private readonly Stores stores;

    protected TeamStoreTests(IStoreHost host)
    {
        this.host = host;
        stores = host.NewStores();
    }

    public void Dispose()
    {
        host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task BookTeamAsync_Collective_WritesOneSharePerHostThatBlocksTheirPersonalBookings()
    {
        await Team(TeamKind.Collective);

        var booked = Assert.IsType<TeamBookingAttempt.Booked>(await stores.Teams.BookTeamAsync("sales", "demo", Request("zoe", 10), Now, None));

        Assert.Equal(Hosts, booked.Bookings.Select(b => b.OwnerId).Order());
        Assert.All(booked.Bookings, b => Assert.Equal(booked.Bookings[0].Id, b.TeamBookingId));
        Assert.Equal(booked.Bookings.Select(b => b.Id), (await stores.Teams.GetTeamBookingAsync(booked.Bookings[0].Id, None)).Select(b => b.Id));
        var personal = await stores.Bookings.BookAsync("ben", Request("yan", 10), Hour, "intro", Now, None);
        Assert.Equal(BookingOutcome.Taken, Assert.IsType<BookingAttempt.Refused>(personal).Reason);
    }

    [Fact]
    public async Task BookTeamAsync_OneHostBookedPersonally_IsRefusedAndWritesNothing()
    {
        await Team(TeamKind.Collective);
        Assert.IsType<BookingAttempt.Booked>(await stores.Bookings.BookAsync("cy", Request("yan", 10), Hour, "intro", Now, None));
        var versions = await Versions();

        var refused = await stores.Teams.BookTeamAsync("sales", "demo", Request("zoe", 10), Now, None);

        Assert.Equal(BookingOutcome.Taken, Assert.IsType<TeamBookingAttempt.Refused>(refused).Reason);
        Assert.Empty((await stores.Bookings.ListUpcomingAsync("ana", Now, None))!);
        Assert.Equal(versions, await Versions());
    }

    [Fact]
    public async Task BookTeamAsync_RoundRobin_GivesEachBookingToOneHostInTurn()
    {
        await Team(TeamKind.RoundRobin);

        var assigned = new List<string>();
        foreach (var hour in new[] { 9, 10, 11, 12, 13, 14 })
        {
            var booked = Assert.IsType<TeamBookingAttempt.Booked>(await stores.Teams.BookTeamAsync("sales", "demo", Request($"z{hour}", hour), Now + Duration.FromMinutes(hour), None));
            assigned.Add(Assert.Single(booked.Bookings).OwnerId);
        }

        Assert.All(Hosts, h => Assert.Equal(2, assigned.Count(a => a == h)));
    }

    /// <summary>
    /// Round robin's fairness through the store: the history it reads back (assignments still standing in the period,
    /// the latest ever, when each host was added) is what the engine needs, so 300 bookings split by weight.
    /// </summary>
    [Fact]
    public async Task BookTeamAsync_RoundRobinWeighted_SplitsBookingsByWeightFromTheStoredHistory()
    {
        var weights = new[] { 50, 30, 20 };
        foreach (var owner in Hosts)
        {
            await stores.Availability.AddRulesAsync(owner, [Rule(Day, Day.PlusDays(13), 0, 24)], Now, None);
        }

        Assert.IsType<TeamWrite.Written>(await stores.Teams.CreateTeamAsync("sales", "Sales", "ana", "code-hash", Now, None));
        foreach (var owner in Hosts.Skip(1))
        {
            Assert.IsType<TeamWrite.Written>(await stores.Teams.JoinTeamAsync("sales", owner, "code-hash", Now, None));
        }

        var rules = new TeamRules(TeamKind.RoundRobin, Hosts.Select((h, i) => new TeamHost(h, weights[i])).ToList());
        Assert.IsType<TeamWrite.Written>(await stores.Teams.SaveTeamMeetingTypeAsync("sales", new StoredTeamMeetingType(new StoredMeetingType("demo", "Demo", Hour), rules), create: true, Now, None));

        var assigned = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            var start = Utc(Day, 0) + Duration.FromHours(i);
            var booked = await stores.Teams.BookTeamAsync("sales", "demo", new BookingRequest($"inv{i}", new Slot(start, start + Duration.FromHours(1))), Now + Duration.FromMinutes(i), None);
            assigned.Add(Assert.Single(Assert.IsType<TeamBookingAttempt.Booked>(booked).Bookings).OwnerId);

            // The guarantee holds after every booking, not only at the end: quota - (k - 1) < received < quota + 1,
            // with quota = m * weight / 100 (scaled by 100 to stay in integers).
            var m = assigned.Count;
            for (var h = 0; h < Hosts.Length; h++)
            {
                var received = assigned.Count(a => a == Hosts[h]) * 100;
                var quota = m * weights[h];
                Assert.True(received < quota + 100 && received > quota - 200, $"after {m} bookings {Hosts[h]} has {received / 100}, quota {quota / 100.0}: {string.Join(' ', assigned)}");
            }
        }

        // The rule's own order for 50/30/20: ties on the shortfall go to the host assigned least recently.
        Assert.Equal(["ana", "ben", "cy", "ana", "ben", "ana", "ana", "cy"], assigned.Take(8));

        // The guarantee: within k - 1 = 2 of each quota (150, 90, 60).
        Assert.InRange(assigned.Count(a => a == "ana"), 148, 151);
        Assert.InRange(assigned.Count(a => a == "ben"), 88, 91);
        Assert.InRange(assigned.Count(a => a == "cy"), 58, 61);
    }

    [Fact]
    public async Task CancelAsync_AnyHostsShare_CancelsEveryShare()
    {
        await Team(TeamKind.Collective);
        var booked = Assert.IsType<TeamBookingAttempt.Booked>(await stores.Teams.BookTeamAsync("sales", "demo", Request("zoe", 10), Now, None));

        var result = await stores.Bookings.CancelAsync(booked.Bookings[2].Id, "owner", "off sick", Now, None);

        Assert.Equal(ChangeOutcome.Allowed, result!.Outcome);
        Assert.All(await stores.Teams.GetTeamBookingAsync(booked.Bookings[0].Id, None), b => Assert.Equal(BookingStatus.Cancelled, b.Status));
        Assert.IsType<TeamBookingAttempt.Booked>(await stores.Teams.BookTeamAsync("sales", "demo", Request("yan", 10), Now, None));
    }

    [Fact]
    public async Task RescheduleAsync_MovesEveryShareAndKeepsTheHosts_OrChangesNothing()
    {
        await Team(TeamKind.Collective);
        var booked = Assert.IsType<TeamBookingAttempt.Booked>(await stores.Teams.BookTeamAsync("sales", "demo", Request("zoe", 10), Now, None));
        Assert.IsType<BookingAttempt.Booked>(await stores.Bookings.BookAsync("ben", Request("yan", 14), Hour, "intro", Now, None));

        var refused = await stores.Bookings.RescheduleAsync(booked.Bookings[0].Id, Utc(Day, 14), Now, None);
        var moved = await stores.Bookings.RescheduleAsync(booked.Bookings[0].Id, Utc(Day, 15), Now, None);

        Assert.Equal(BookingOutcome.Taken, Assert.IsType<BookingAttempt.Refused>(refused).Reason);
        Assert.IsType<BookingAttempt.Booked>(moved);
        var shares = await stores.Teams.GetTeamBookingAsync(booked.Bookings[0].Id, None);
        Assert.Equal(Hosts, shares.Select(s => s.OwnerId).Order());
        Assert.All(shares, s => Assert.Equal((Utc(Day, 15), 1), (s.Slot.Start, s.Sequence)));
        Assert.IsType<BookingAttempt.Booked>(await stores.Bookings.BookAsync("ana", Request("yan", 10), Hour, "intro", Now, None));
    }

    [Fact]
    public async Task Membership_NeedsTheJoinCode_AndHostsMustBeMembers()
    {
        await Team(TeamKind.Collective);
        await stores.Availability.AddRulesAsync("dee", [Rule(Day, Day, 9, 17)], Now, None);

        Assert.IsType<TeamWrite.WrongJoinCode>(await stores.Teams.JoinTeamAsync("sales", "dee", "wrong", Now, None));
        Assert.Equal(new TeamWrite.NotMember("dee"), await stores.Teams.LeaveTeamAsync("sales", "dee", None));
        var withOutsider = new StoredTeamMeetingType(new StoredMeetingType("panel", "Panel", Hour), new TeamRules(TeamKind.Collective, [new TeamHost("ana"), new TeamHost("dee")]));
        Assert.Equal(new TeamWrite.NotMember("dee"), await stores.Teams.SaveTeamMeetingTypeAsync("sales", withOutsider, create: true, Now, None));
        Assert.IsType<TeamWrite.Written>(await stores.Teams.JoinTeamAsync("sales", "dee", "code-hash", Now, None));
        Assert.IsType<TeamWrite.Written>(await stores.Teams.SaveTeamMeetingTypeAsync("sales", withOutsider, create: true, Now, None));
        Assert.IsType<TeamWrite.StillHost>(await stores.Teams.LeaveTeamAsync("sales", "dee", None));
    }

    [Fact]
    public async Task OutOfOffice_TakesAHostOutOfTheTeamsSlots()
    {
        await Team(TeamKind.RoundRobin);
        foreach (var away in new[] { "ana", "ben" })
        {
            Assert.IsType<TeamWrite.Written>(await stores.Teams.SetAbsencesAsync("sales", away, [new Interval(Utc(Day, 0), Utc(Day.PlusDays(1), 0))], None));
        }

        var booked = Assert.IsType<TeamBookingAttempt.Booked>(await stores.Teams.BookTeamAsync("sales", "demo", Request("zoe", 10), Now, None));

        Assert.Equal("cy", Assert.Single(booked.Bookings).OwnerId);
    }

    [Fact]
    public async Task A_team_hold_keeps_the_slot_from_others_and_its_booking_takes_the_hosts_it_kept()
    {
        await Team(TeamKind.Collective);
        var held = await stores.Teams.HoldTeamAsync("sales", "demo", "hold-1", Request("zoe", 10).Slot, Now, Now + Duration.FromMinutes(5), None);
        Assert.IsType<HoldAttempt.Held>(held);

        var other = await stores.Teams.BookTeamAsync("sales", "demo", Request("yan", 10), Now, None);
        var personal = await stores.Bookings.BookAsync("ben", Request("yan", 10), Hour, "intro", Now, None);
        var mine = await stores.Teams.BookTeamAsync("sales", "demo", Request("zoe", 10) with { HoldId = "hold-1" }, Now, None);

        Assert.Equal(BookingOutcome.Taken, Assert.IsType<TeamBookingAttempt.Refused>(other).Reason);
        Assert.Equal(BookingOutcome.Taken, Assert.IsType<BookingAttempt.Refused>(personal).Reason);
        Assert.Equal(Hosts, Assert.IsType<TeamBookingAttempt.Booked>(mine).Bookings.Select(b => b.OwnerId).Order());
        Assert.False(await stores.Bookings.ReleaseHoldAsync("hold-1", None));
    }

    [Fact]
    public async Task A_round_robin_hold_keeps_its_host_and_releasing_it_frees_every_hosts_time()
    {
        await Team(TeamKind.RoundRobin);
        await stores.Teams.HoldTeamAsync("sales", "demo", "hold-1", Request("zoe", 10).Slot, Now, Now + Duration.FromMinutes(5), None);
        var keptFor = (await stores.Bookings.LoadScheduleAsync("ana", new DateInterval(Day, Day), Now, None))!.Schedule.Bookings.Count == 1 ? "ana"
            : (await stores.Bookings.LoadScheduleAsync("ben", new DateInterval(Day, Day), Now, None))!.Schedule.Bookings.Count == 1 ? "ben" : "cy";

        // Two other invitees book the same hour: the hosts the hold did not keep take them.
        var others = new[]
        {
            await stores.Teams.BookTeamAsync("sales", "demo", Request("yan", 10), Now, None),
            await stores.Teams.BookTeamAsync("sales", "demo", Request("xi", 10), Now, None),
        };
        var third = await stores.Teams.BookTeamAsync("sales", "demo", Request("wu", 10), Now, None);
        var mine = await stores.Teams.BookTeamAsync("sales", "demo", Request("zoe", 10) with { HoldId = "hold-1" }, Now, None);

        Assert.DoesNotContain(keptFor, others.Select(o => Assert.Single(Assert.IsType<TeamBookingAttempt.Booked>(o).Bookings).OwnerId));
        Assert.IsType<TeamBookingAttempt.Refused>(third);
        Assert.Equal(keptFor, Assert.Single(Assert.IsType<TeamBookingAttempt.Booked>(mine).Bookings).OwnerId);
    }

    [Fact]
    public async Task Releasing_a_team_hold_frees_the_slot_for_everyone()
    {
        await Team(TeamKind.Collective);
        await stores.Teams.HoldTeamAsync("sales", "demo", "hold-1", Request("zoe", 10).Slot, Now, Now + Duration.FromMinutes(5), None);

        Assert.True(await stores.Bookings.ReleaseHoldAsync("hold-1", None));

        Assert.IsType<TeamBookingAttempt.Booked>(await stores.Teams.BookTeamAsync("sales", "demo", Request("yan", 10), Now, None));
    }

    /// <summary>
    /// Team bookings of all three hosts and personal bookings of each race for the same hours: whoever wins, no host
    /// ends with two active bookings that overlap, and every booking answered as booked is stored.
    /// </summary>
    [Fact]
    public async Task Racing_TeamAndPersonalBookings_NeverOverlapForAnyHost()
    {
        await Team(TeamKind.Collective);
        var attempts = new List<Task<IReadOnlyList<StoredBooking>>>();
        for (var i = 0; i < 24; i++)
        {
            var hour = 9 + (i % 4);
            var invitee = $"inv{i}";
            attempts.Add(i % 3 == 0
                ? Task.Run(async () => await stores.Teams.BookTeamAsync("sales", "demo", Request(invitee, hour), Now, None) is TeamBookingAttempt.Booked b ? b.Bookings : [])
                : Task.Run(async () => await stores.Bookings.BookAsync(Hosts[i % 3], Request(invitee, hour), Hour, "intro", Now, None) is BookingAttempt.Booked b ? [b.Booking] : (IReadOnlyList<StoredBooking>)[]));
        }

        var accepted = (await Task.WhenAll(attempts)).SelectMany(b => b).ToList();

        Assert.NotEmpty(accepted);
        foreach (var owner in Hosts)
        {
            var stored = (await stores.Bookings.ListUpcomingAsync(owner, Now, None))!;
            Assert.Equal(accepted.Where(b => b.OwnerId == owner).Select(b => b.Id).Order(), stored.Select(b => b.Id).Order());
            Assert.All(stored.Zip(stored.Skip(1)), pair => Assert.True(pair.First.Slot.End <= pair.Second.Slot.Start));
        }
    }

    [Fact]
    public async Task A_team_meeting_type_keeps_what_it_shares_with_a_personal_one_as_the_personal_store_does()
    {
        await Team(TeamKind.Collective);
        var everyRule = new StoredMeetingType("panel", "Panel interview", new MeetingType(
            Duration.FromMinutes(30), Duration.FromMinutes(15), Duration.FromMinutes(5), Duration.FromMinutes(10),
            Duration.FromMinutes(120), Duration.FromDays(60), 4));
        var rules = new TeamRules(TeamKind.RoundRobin, Hosts.Select(h => new TeamHost(h)).ToList(), fairnessPeriod: Duration.FromDays(14));
        Assert.IsType<OwnerWrite.Written>(await stores.MeetingTypes.CreateMeetingTypeAsync("ana", everyRule, Now, None));
        Assert.IsType<TeamWrite.Written>(await stores.Teams.SaveTeamMeetingTypeAsync("sales", new StoredTeamMeetingType(everyRule, rules), create: true, Now, None));

        var personal = (await stores.MeetingTypes.FindMeetingTypeAsync("ana", "panel", None)).MeetingType;
        var team = (await stores.Teams.GetTeamAsync("sales", None))!.MeetingTypes.Single(t => t.Slug == "panel");

        Assert.Equal(everyRule, personal);
        Assert.Equal(everyRule, team.Shared);
        Assert.Equal((TeamKind.RoundRobin, Duration.FromDays(14)), (team.Team.Kind, team.Team.Assignment.FairnessPeriod));

        var replaced = everyRule with { Title = "Panel", Rules = new MeetingType(Duration.FromMinutes(45)) };
        Assert.True(await stores.MeetingTypes.ReplaceMeetingTypeAsync("ana", replaced, None));
        Assert.IsType<TeamWrite.Written>(await stores.Teams.SaveTeamMeetingTypeAsync("sales", new StoredTeamMeetingType(replaced, rules), create: false, Now, None));

        Assert.Equal(replaced, (await stores.MeetingTypes.FindMeetingTypeAsync("ana", "panel", None)).MeetingType);
        Assert.Equal(replaced, (await stores.Teams.GetTeamAsync("sales", None))!.MeetingTypes.Single(t => t.Slug == "panel").Shared);
    }

    private async Task Team(TeamKind kind)
    {
        foreach (var owner in Hosts)
        {
            await stores.Availability.AddRulesAsync(owner, [Rule(Day, Day, 9, 17)], Now, None);
            Assert.IsType<OwnerWrite.Written>(await stores.MeetingTypes.CreateMeetingTypeAsync(owner, new StoredMeetingType("intro", "Intro", Hour), Now, None));
        }

        Assert.IsType<TeamWrite.Written>(await stores.Teams.CreateTeamAsync("sales", "Sales", "ana", "code-hash", Now, None));
        foreach (var owner in Hosts.Skip(1))
        {
            Assert.IsType<TeamWrite.Written>(await stores.Teams.JoinTeamAsync("sales", owner, "code-hash", Now, None));
        }

        var rules = new TeamRules(kind, Hosts.Select(h => new TeamHost(h)).ToList());
        Assert.IsType<TeamWrite.Written>(await stores.Teams.SaveTeamMeetingTypeAsync("sales", new StoredTeamMeetingType(new StoredMeetingType("demo", "Demo", Hour), rules), create: true, Now, None));
    }

    private async Task<long[]> Versions() =>
        [.. await Task.WhenAll(Hosts.Select(async h => (await stores.Owners.FindOwnerAsync(h, None))!.ScheduleVersion))];

    private static BookingRequest Request(string invitee, int hour) => new(invitee, new Slot(Utc(Day, hour), Utc(Day, hour + 1)));
}
