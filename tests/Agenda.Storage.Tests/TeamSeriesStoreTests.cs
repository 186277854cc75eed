using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Scheduling.Teams;
using NodaTime;
using static Agenda.Storage.Tests.Values;

namespace Agenda.Storage.Tests;

public sealed class TeamSeriesStoreOnSqliteTests() : TeamSeriesStoreTests(new SqliteFile());

[Collection(PostgresCollection.Name)]
public sealed class TeamSeriesStoreOnPostgresTests(Agenda.Testing.PostgresServer server) : TeamSeriesStoreTests(new PostgresStoreHost(server));

/// <summary>
/// Series of team meeting types: the same hosts take every meeting or nothing is written; each host's shares are that
/// host's series; cancelling or moving the rest changes every host's shares; and a series races single bookings of its
/// hosts on several nodes without ever sharing a time.
/// </summary>
public abstract class TeamSeriesStoreTests(IStoreHost host) : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly MeetingType Hour = new(Duration.FromHours(1));
    private static readonly Instant Before = Instant.FromUtc(2027, 2, 1, 8, 0);
    private static readonly string[] Hosts = ["ana", "ben"];

    /// <summary>Monday 2027-03-15 09:00 in Berlin; the clocks go forward on the 28th.</summary>
    private static readonly LocalDateTime FirstMonday = new(2027, 3, 15, 9, 0);

    public void Dispose()
    {
        host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_round_robin_series_goes_whole_to_the_one_host_free_for_every_meeting_across_the_clock_change()
    {
        var stores = await TeamAsync(TeamKind.RoundRobin);
        // Ana has the third Monday taken: Ben takes all four meetings.
        Assert.IsType<BookingAttempt.Booked>(await stores.Bookings.BookAsync("ana", new BookingRequest("Bo", At(FirstMonday.PlusWeeks(2))), Hour, "", Before, None));

        var booked = Assert.IsType<SeriesAttempt.Booked>(await BookAsync(stores, "Cy", FirstMonday, 4));

        Assert.Equal("ben", booked.Series.OwnerId);
        Assert.Equal(["ben"], booked.FirstShares.Select(b => b.OwnerId));
        var series = (await stores.Series.GetSeriesAsync(booked.Series.Id, None))!;
        Assert.All(series.Bookings, b => Assert.Equal(("ben", new LocalTime(9, 0)), (b.OwnerId, b.Slot.Start.InZone(Berlin).TimeOfDay)));
        Assert.All(series.Bookings, b => Assert.Equal(b.Id, b.TeamBookingId));
        Assert.Equal(Instant.FromUtc(2027, 3, 29, 7, 0), series.Bookings[2].Slot.Start);
        Assert.Equal([0, 1, 1, 1], await host.QueryAsync(
            $"SELECT e.quiet FROM booking_events e JOIN bookings b ON b.id = e.booking_id WHERE b.series_id = '{series.Id}' ORDER BY b.series_index;", r => Convert.ToInt32(r.GetValue(0))));
    }

    [Fact]
    public async Task A_collective_series_gives_every_host_their_own_series_of_shares_or_names_the_meeting_in_the_way()
    {
        var stores = await TeamAsync(TeamKind.Collective);
        Assert.IsType<BookingAttempt.Booked>(await stores.Bookings.BookAsync("ben", new BookingRequest("Bo", At(FirstMonday.PlusWeeks(3))), Hour, "", Before, None));

        var refused = Assert.IsType<SeriesAttempt.Refused>(await BookAsync(stores, "Cy", FirstMonday, 4));
        Assert.Equal([(3, BookingOutcome.Taken)], refused.Meetings.Select(m => (m.Occurrence.Index, m.Reason)));
        Assert.Equal([1L], await host.QueryAsync("SELECT COUNT(*) FROM bookings;", r => Convert.ToInt64(r.GetValue(0))));
        Assert.Equal([0L], await host.QueryAsync("SELECT COUNT(*) FROM booking_series;", r => Convert.ToInt64(r.GetValue(0))));

        var booked = Assert.IsType<SeriesAttempt.Booked>(await BookAsync(stores, "Cy", FirstMonday, 3));

        Assert.Equal(["ana", "ben"], booked.FirstShares.Select(b => b.OwnerId));
        Assert.Equal(booked.FirstShares[0].Id, booked.FirstShares[1].TeamBookingId);
        var bensSeries = (await stores.Series.GetSeriesAsync(booked.FirstShares[1].SeriesId!, None))!;
        Assert.Equal(("ben", 3), (bensSeries.OwnerId, bensSeries.Bookings.Count));
        Assert.Equal(booked.Series.Bookings.Select(b => b.Id), bensSeries.Bookings.Select(b => b.TeamBookingId!));
        Assert.Equal(booked.Series.Bookings.Select(b => b.Slot), bensSeries.Bookings.Select(b => b.Slot));
        // Each host's first meeting tells their series by e-mail; the rest are quiet.
        Assert.Equal([0, 0, 1, 1, 1, 1], await host.QueryAsync(
            "SELECT e.quiet FROM booking_events e JOIN bookings b ON b.id = e.booking_id WHERE b.series_id IS NOT NULL ORDER BY b.series_index, b.owner_id;",
            r => Convert.ToInt32(r.GetValue(0))));
    }

    [Fact]
    public async Task Cancelling_the_rest_from_any_hosts_share_cancels_every_hosts_shares_of_those_meetings()
    {
        var stores = await TeamAsync(TeamKind.Collective);
        var booked = Assert.IsType<SeriesAttempt.Booked>(await BookAsync(stores, "Cy", FirstMonday, 4));
        var bensSecond = (await stores.Series.GetSeriesAsync(booked.FirstShares[1].SeriesId!, None))!.Bookings[1];

        var change = (await stores.Series.CancelFollowingAsync(bensSecond.Id, "owner", null, Before, None))!;

        Assert.True(change.Done);
        Assert.Equal(bensSecond.Id, change.Booking.Id);
        Assert.Equal(6, change.Changed.Count);
        Assert.Equal(
            [("ana", 0, "active"), ("ana", 1, "cancelled"), ("ana", 2, "cancelled"), ("ana", 3, "cancelled"),
             ("ben", 0, "active"), ("ben", 1, "cancelled"), ("ben", 2, "cancelled"), ("ben", 3, "cancelled")],
            await host.QueryAsync(
                "SELECT owner_id, series_index, status FROM bookings ORDER BY owner_id, series_index;",
                r => (r.GetString(0), Convert.ToInt32(r.GetValue(1)), r.GetString(2))));
        // The meeting named tells both hosts and the invitee; the later ones are quiet.
        Assert.Equal([0, 0, 1, 1, 1, 1], await host.QueryAsync(
            "SELECT e.quiet FROM booking_events e JOIN bookings b ON b.id = e.booking_id WHERE e.event_type = 'booking.cancelled' ORDER BY b.series_index, b.owner_id;",
            r => Convert.ToInt32(r.GetValue(0))));
        Assert.IsType<BookingAttempt.Booked>(await stores.Bookings.BookAsync("ana", new BookingRequest("Bo", At(FirstMonday.PlusWeeks(3))), Hour, "", Before, None));
    }

    [Fact]
    public async Task Moving_the_rest_moves_every_hosts_shares_or_none_when_one_host_is_busy()
    {
        var stores = await TeamAsync(TeamKind.Collective);
        var booked = Assert.IsType<SeriesAttempt.Booked>(await BookAsync(stores, "Cy", FirstMonday, 4));
        // Ben is busy on the third Tuesday at 14:00: moving meetings 1 to 3 to Tuesdays 14:00 is refused, naming meeting 2.
        var tuesday = FirstMonday.Date.PlusDays(1).At(new LocalTime(14, 0));
        Assert.IsType<BookingAttempt.Booked>(await stores.Bookings.BookAsync("ben", new BookingRequest("Bo", At(tuesday.PlusWeeks(2))), Hour, "", Before, None));

        var refused = (await stores.Series.RescheduleFollowingAsync(booked.Series.Bookings[1].Id, At(tuesday.PlusWeeks(1)).Start, Before, None))!;
        Assert.Equal([(2, BookingOutcome.Taken)], refused.Refused.Select(r => (r.Occurrence.Index, r.Reason)));

        // One week later instead: every host's meetings 1 to 3 move onto the time the next one leaves.
        var moved = (await stores.Series.RescheduleFollowingAsync(booked.Series.Bookings[1].Id, At(FirstMonday.PlusWeeks(2)).Start, Before, None))!;

        Assert.True(moved.Done);
        var expected = new[] { FirstMonday, FirstMonday.PlusWeeks(2), FirstMonday.PlusWeeks(3), FirstMonday.PlusWeeks(4) };
        foreach (var share in booked.FirstShares)
        {
            var series = (await stores.Series.GetSeriesAsync(share.SeriesId!, None))!;
            Assert.Equal(expected, series.Bookings.Select(b => b.Slot.Start.InZone(Berlin).LocalDateTime));
            Assert.Equal([0, 1, 1, 1], series.Bookings.Select(b => b.Sequence));
        }
    }

    [Fact]
    public async Task The_invitees_hold_of_the_first_slot_is_used_up_by_the_series_and_keeps_it_from_others()
    {
        var stores = await TeamAsync(TeamKind.Collective);
        Assert.IsType<HoldAttempt.Held>(await stores.Teams.HoldTeamAsync("sales", "demo", "hold1", At(FirstMonday), Before, Before + Duration.FromMinutes(5), None));
        Assert.IsType<SeriesAttempt.Refused>(await BookAsync(stores, "Other", FirstMonday, 2));

        var booked = await stores.Series.BookTeamSeriesAsync("sales", "demo", new BookingRequest("Cy", At(FirstMonday)) { HoldId = "hold1" }, new SeriesRule(1, 2), Before, null, null, None);

        Assert.IsType<SeriesAttempt.Booked>(booked);
        Assert.Equal([0L], await host.QueryAsync("SELECT COUNT(*) FROM slot_holds;", r => Convert.ToInt64(r.GetValue(0))));
    }

    [Fact]
    public async Task The_invitees_allowance_counts_a_team_series_once()
    {
        var stores = await TeamAsync(TeamKind.RoundRobin, new OwnerLimits(1000, 50, 20, 1000, 2));

        Assert.IsType<SeriesAttempt.Booked>(await BookAsync(stores, "Cy", FirstMonday, 4));
        Assert.IsType<SeriesAttempt.Booked>(await BookAsync(stores, "Cy", FirstMonday.PlusHours(2), 2));

        var third = Assert.IsType<SeriesAttempt.Refused>(await BookAsync(stores, "Cy", FirstMonday.PlusHours(4), 2));
        Assert.Equal(BookingOutcome.InviteeLimitReached, Assert.Single(third.Meetings).Reason);
    }

    /// <summary>
    /// Three nodes: each round, one client books a collective series of 4 while each host, on the other nodes, books a
    /// single overlapping one of its meetings. Either the series is stored whole and no single overlaps it, or it is
    /// refused and stores nothing; the overlap guard never sees two of a host's bookings share a time.
    /// </summary>
    [Fact]
    public async Task A_team_series_racing_its_hosts_single_bookings_over_three_nodes_never_shares_a_time()
    {
        var nodes = Enumerable.Range(0, 3).Select(_ => host.NewStores()).ToList();
        await TeamAsync(TeamKind.Collective, stores: nodes[0]);
        for (var round = 0; round < 6; round++)
        {
            var start = FirstMonday.Date.At(new LocalTime(8, 0)).PlusHours(2 * round);
            using var go = new SemaphoreSlim(0);
            var series = Task.Run(async () =>
            {
                await go.WaitAsync();
                return await BookAsync(nodes[round % 3], $"series{round}", start, 4);
            });
            var singles = Hosts.Select((h, i) => Task.Run(async () =>
            {
                await go.WaitAsync();
                return await nodes[(round + i + 1) % 3].Bookings.BookAsync(h, new BookingRequest($"single{round}{h}", At(start.PlusWeeks(i + 1).PlusMinutes(30))), Hour, "", Before, None);
            })).ToList();
            go.Release(3);
            var seriesBooked = await series is SeriesAttempt.Booked;
            var singlesBooked = (await Task.WhenAll(singles)).Count(a => a is BookingAttempt.Booked);

            Assert.True(seriesBooked ? singlesBooked == 0 : singlesBooked == 2, $"round {round}: series {seriesBooked}, singles {singlesBooked}");
            Assert.Equal([seriesBooked ? 8L : 2L], await host.QueryAsync(
                $"SELECT COUNT(*) FROM bookings WHERE invitee IN ('series{round}', 'single{round}ana', 'single{round}ben');", r => Convert.ToInt64(r.GetValue(0))));
        }
    }

    private static Task<SeriesAttempt> BookAsync(Stores stores, string invitee, LocalDateTime first, int count) =>
        stores.Series.BookTeamSeriesAsync("sales", "demo", new BookingRequest(invitee, At(first)), new SeriesRule(1, count), Before, null, null, None);

    private async Task<Stores> TeamAsync(TeamKind kind, OwnerLimits? limits = null, Stores? stores = null)
    {
        stores ??= host.NewStores(limits);
        foreach (var owner in Hosts)
        {
            await stores.Owners.CreateOwnerAsync(owner, owner, Berlin, Before, None);
            await stores.Availability.AddRulesAsync(owner, [Rule(Date(2027, 3, 1), Date(2027, 6, 30), 7, 21)], Before, None);
        }

        Assert.IsType<TeamWrite.Written>(await stores.Teams.CreateTeamAsync("sales", "Sales", "ana", "code-hash", Before, None));
        Assert.IsType<TeamWrite.Written>(await stores.Teams.JoinTeamAsync("sales", "ben", "code-hash", Before, None));
        var rules = new TeamRules(kind, [.. Hosts.Select(h => new TeamHost(h))]);
        Assert.IsType<TeamWrite.Written>(await stores.Teams.SaveTeamMeetingTypeAsync("sales", new StoredTeamMeetingType(new StoredMeetingType("demo", "Demo", Hour), rules), create: true, Before, None));
        return stores;
    }

    private static Slot At(LocalDateTime local)
    {
        var start = local.InZoneStrictly(Berlin).ToInstant();
        return new Slot(start, start + Duration.FromHours(1));
    }
}
