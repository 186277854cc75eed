using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Agenda.Testing.ApiClient;

namespace Agenda.Api.Tests.V1;

public sealed class V1TeamTests(KeyedApiHost host) : V1TeamTestsBase(host), IClassFixture<KeyedApiHost>;

public sealed class V1TeamTestsOnPostgres(KeyedPostgresApiHost host) : V1TeamTestsBase(host), IClassFixture<KeyedPostgresApiHost>;

/// <summary>
/// Teams over real HTTP with keys: joining needs the joiner's own key and the join code, members manage the team;
/// collective and round-robin slots are those the hosts are free for in their own zones; a team booking is in every
/// host's calendar, changes for all of them together, and no host is ever booked twice whatever races.
/// </summary>
public abstract class V1TeamTestsBase(KeyedApiHost host)
{
    private static readonly object[] WorkingDay = [new { start = "09:00", end = "17:00" }];

    private static readonly object WeekdayHours = new { monday = WorkingDay, tuesday = WorkingDay, wednesday = WorkingDay, thursday = WorkingDay, friday = WorkingDay };

    [Fact]
    public async Task Only_an_owner_with_the_join_code_joins_and_only_the_teams_admins_manage_it()
    {
        var (ana, anaKey) = await Owner("Europe/Berlin");
        var (ben, benKey) = await Owner("Europe/Berlin");
        var (cy, cyKey) = await Owner("Europe/Berlin");
        var team = NewOwner();
        var created = await Expecting(host.WithKey(anaKey).Post($"/v1/owners/{ana}/teams", new { id = team, name = "Sales" }), 201);
        var code = created["join_code"]!.GetValue<string>();

        await Expect.Problem(await host.WithKey(benKey).Put($"/v1/teams/{team}/members/{cy}", new { join_code = code }), 403);
        await Expect.Problem(await host.WithKey(cyKey).Put($"/v1/teams/{team}/members/{cy}", new { join_code = "join_wrong" }), 403);
        await Expect.Problem(await host.WithKey(cyKey).Put($"/v1/teams/{team}/members/{cy}", new { }), 400);
        await Expecting(host.WithKey(benKey).Put($"/v1/teams/{team}/members/{ben}", new { join_code = code }), 200);
        var demo = new { slug = "demo", title = "Demo", kind = "collective", duration_minutes = 60, hosts = new[] { new { owner_id = ana }, new { owner_id = ben } } };
        await Expect.Problem(await host.WithKey(cyKey).Post($"/v1/teams/{team}/meeting-types", demo), 403);
        await Expect.Problem(await host.Anonymous().Post($"/v1/teams/{team}/meeting-types", demo), 401);
        // Ben joined as a member: the creator, Ana, is the team's admin, and only admins edit its meeting types and roles.
        Assert.Equal("Not a team admin", (await Expect.Problem(await host.WithKey(benKey).Post($"/v1/teams/{team}/meeting-types", demo), 403))["title"]!.GetValue<string>());
        await Expect.Problem(await host.WithKey(benKey).Put($"/v1/teams/{team}/members/{ben}/role", new { role = "admin" }), 403);
        await Expect.Problem(await host.WithKey(anaKey).Put($"/v1/teams/{team}/members/{ben}/role", new { role = "owner" }), 400);
        Assert.Equal("last_admin", (await Expect.Problem(await host.WithKey(anaKey).Put($"/v1/teams/{team}/members/{ana}/role", new { role = "member" }), 409))["reason"]!.GetValue<string>());
        Assert.Equal("last_admin", (await Expect.Problem(await host.WithKey(anaKey).Delete($"/v1/teams/{team}/members/{ana}"), 409))["reason"]!.GetValue<string>());
        var promoted = await Expecting(host.WithKey(anaKey).Put($"/v1/teams/{team}/members/{ben}/role", new { role = "admin" }), 200);
        Assert.All(promoted["members"]!.AsArray(), m => Assert.Equal("admin", m!["role"]!.GetValue<string>()));
        await Expecting(host.WithKey(benKey).Post($"/v1/teams/{team}/meeting-types", demo), 201);
        var withOutsider = new { slug = "panel", title = "Panel", kind = "collective", duration_minutes = 60, hosts = new[] { new { owner_id = ana }, new { owner_id = cy } } };
        Assert.Equal("not_member", (await Expect.Problem(await host.WithKey(anaKey).Post($"/v1/teams/{team}/meeting-types", withOutsider), 409))["reason"]!.GetValue<string>());
        Assert.Equal("still_host", (await Expect.Problem(await host.WithKey(anaKey).Delete($"/v1/teams/{team}/members/{ben}"), 409))["reason"]!.GetValue<string>());
        await Expect.Problem(await host.WithKey(anaKey).Delete($"/v1/teams/{team}/members/{cy}"), 404);
        await Expect.Problem(await host.WithKey(anaKey).Delete($"/v1/teams/{team}/members/nobody-{team}"), 404);

        var shown = await Expecting(host.Anonymous().Get($"/v1/teams/{team}"), 200);
        Assert.Equal(new[] { ana, ben }.Order(), shown["members"]!.AsArray().Select(m => m!["owner_id"]!.GetValue<string>()).Order());
        Assert.Null(shown["members"]![0]!["out_of_office"]);
        Assert.DoesNotContain(code, shown.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_teams_of_an_owner_who_does_not_exist_are_a_404()
    {
        await Expect.Problem(await host.Api().Get($"/v1/owners/{NewOwner()}/teams"), 404);
    }

    [Fact]
    public async Task Collective_slots_are_those_every_host_is_free_for_in_their_own_zone_across_a_dst_change()
    {
        var (team, hosts) = await Team("collective", ("Europe/Berlin", null), ("America/New_York", null));

        // Berlin 09-17 is 08-16 UTC in November and New York 09-17 is 14-22 UTC: two hours together. On 10 March 2025
        // New York has moved to daylight time and Berlin not yet: 13-16 UTC, three hours.
        Assert.Equal(["2024-11-26T14:00:00Z", "2024-11-26T15:00:00Z"], await TeamSlots(team, "demo", "2024-11-26"));
        Assert.Equal(["2025-03-10T13:00:00Z", "2025-03-10T14:00:00Z", "2025-03-10T15:00:00Z"], await TeamSlots(team, "demo", "2025-03-10"));
        Assert.Equal(2, hosts.Length);
    }

    [Fact]
    public async Task A_collective_booking_is_in_every_hosts_calendar_and_takes_the_time_from_their_personal_slots()
    {
        var (team, hosts) = await Team("collective", ("UTC", null), ("UTC", null));

        var booked = await Expecting(host.Anonymous().Post($"/v1/teams/{team}/meeting-types/demo/bookings", Booking("2024-11-26T10:00:00Z")), 201);

        Assert.Equal(hosts.Select(h => h.Id), booked["team"]!["hosts"]!.AsArray().Select(h => h!.GetValue<string>()));
        foreach (var (id, key) in hosts)
        {
            var listed = await Expecting(host.WithKey(key).Get($"/v1/owners/{id}/bookings"), 200);
            Assert.Equal("2024-11-26T10:00:00Z", Assert.Single(listed["bookings"]!.AsArray())!["start_utc"]!.GetValue<string>());
            Assert.DoesNotContain("2024-11-26T10:00:00+00:00", await host.Anonymous().SlotStartsV1(id, "call", "2024-11-26", "2024-11-26"));
        }

        Assert.DoesNotContain("2024-11-26T10:00:00Z", await TeamSlots(team, "demo", "2024-11-26"));
        var token = booked["management_token"]!.GetValue<string>();
        var read = await Expecting(host.WithKey(token).Get($"/v1/bookings/{booked["id"]!.GetValue<string>()}"), 200);
        Assert.Equal(team, read["team"]!["team_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_hosts_personal_booking_refuses_the_team_slot_and_nothing_is_written()
    {
        var (team, hosts) = await Team("collective", ("UTC", null), ("UTC", null));
        // The team's answer is kept; the host's own booking outdates it at once.
        Assert.Contains("2024-11-26T10:00:00Z", await TeamSlots(team, "demo", "2024-11-26"));
        await Expecting(host.Anonymous().BookV1(hosts[1].Id, "call", "2024-11-26T10:00:00Z"), 201);
        Assert.DoesNotContain("2024-11-26T10:00:00Z", await TeamSlots(team, "demo", "2024-11-26"));

        var refused = await Expect.Problem(await host.Anonymous().Post($"/v1/teams/{team}/meeting-types/demo/bookings", Booking("2024-11-26T10:00:00Z")), 409);

        Assert.Equal("taken", refused["reason"]!.GetValue<string>());
        Assert.Empty((await Expecting(host.WithKey(hosts[0].Key).Get($"/v1/owners/{hosts[0].Id}/bookings"), 200))["bookings"]!.AsArray());
    }

    [Fact]
    public async Task Round_robin_shares_bookings_in_turn_and_cancel_and_reschedule_change_the_booking_for_its_hosts()
    {
        var (team, hosts) = await Team("round_robin", ("UTC", null), ("UTC", null), ("UTC", null));
        var assigned = new List<string>();
        var tokens = new List<(string Id, string Token)>();
        for (var hour = 9; hour < 15; hour++)
        {
            var booked = await Expecting(host.Anonymous().Post($"/v1/teams/{team}/meeting-types/demo/bookings", Booking($"2024-11-26T{hour:00}:00:00Z", $"Inv {hour}")), 201);
            assigned.Add(Assert.Single(booked["team"]!["hosts"]!.AsArray())!.GetValue<string>());
            tokens.Add((booked["id"]!.GetValue<string>(), booked["management_token"]!.GetValue<string>()));
        }

        Assert.All(hosts, h => Assert.Equal(2, assigned.Count(a => a == h.Id)));
        // Each hour has one host booked and two free, so round robin offers every hour still.
        Assert.Equal(8, (await TeamSlots(team, "demo", "2024-11-26")).Count);

        var (firstId, firstToken) = tokens[0];
        var moved = await Expecting(host.WithKey(firstToken).Post($"/v1/bookings/{firstId}/reschedule", new { start = "2024-11-26T16:00:00Z" }), 200);
        Assert.Equal(assigned[0], Assert.Single(moved["team"]!["hosts"]!.AsArray())!.GetValue<string>());
        Assert.Contains("2024-11-26T16:00:00Z", await BookedStarts(hosts.Single(h => h.Id == assigned[0])));
        await Expecting(host.WithKey(tokens[1].Token).Post($"/v1/bookings/{tokens[1].Id}/cancel", new { reason = "changed plans" }), 200);
        Assert.DoesNotContain("2024-11-26T10:00:00Z", await BookedStarts(hosts.Single(h => h.Id == assigned[1])));
    }

    [Fact]
    public async Task A_team_hold_hides_the_slot_until_its_holder_books_it()
    {
        var (team, hosts) = await Team("collective", ("UTC", null), ("UTC", null));

        var hold = await Expecting(host.Anonymous().Post($"/v1/teams/{team}/meeting-types/demo/holds", new { start = "2024-11-26T10:00:00Z" }), 201);
        var token = hold["hold_token"]!.GetValue<string>();

        Assert.DoesNotContain("2024-11-26T10:00:00Z", await TeamSlots(team, "demo", "2024-11-26"));
        Assert.DoesNotContain("2024-11-26T10:00:00+00:00", await host.Anonymous().SlotStartsV1(hosts[1].Id, "call", "2024-11-26", "2024-11-26"));
        await Expect.Problem(await host.Anonymous().Post($"/v1/teams/{team}/meeting-types/demo/bookings", Booking("2024-11-26T10:00:00Z", "Other")), 409);
        var booked = await Expecting(host.Anonymous().Post($"/v1/teams/{team}/meeting-types/demo/bookings", new { start = "2024-11-26T10:00:00Z", invitee = new { name = "Zoe" }, hold_token = token }), 201);
        Assert.Equal(2, booked["team"]!["hosts"]!.AsArray().Count);
        await Expect.Problem(await host.Anonymous().Delete($"/v1/holds/{token}"), 404);
    }

    [Fact]
    public async Task A_retried_team_booking_with_its_idempotency_key_is_answered_again_and_booked_once()
    {
        var (team, hosts) = await Team("round_robin", ("UTC", null), ("UTC", null));
        using var client = host.CreateCheckedClient();

        async Task<HttpResponseMessage> Send(string name)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/teams/{team}/meeting-types/demo/bookings")
            {
                Content = JsonContent.Create(Booking("2024-11-26T10:00:00Z", name)),
            };
            request.Headers.Add("Idempotency-Key", "retry-1");
            return await client.SendAsync(request);
        }

        var first = await Expect.Json(await Send("Zoe"), 201);
        var again = await Expect.Json(await Send("Zoe"), 201);
        await Expect.Problem(await Send("Yan"), 422);

        Assert.Equal(first["id"]!.GetValue<string>(), again["id"]!.GetValue<string>());
        Assert.Equal(first["management_token"]!.GetValue<string>(), again["management_token"]!.GetValue<string>());
        var booked = new List<string>();
        foreach (var h in hosts)
        {
            booked.AddRange(await BookedStarts(h));
        }

        Assert.Single(booked);
    }

    [Fact]
    public async Task Changing_a_team_meeting_types_hosts_changes_its_offer_at_once()
    {
        var (team, hosts) = await Team("collective", ("UTC", null), ("UTC", null));
        await Expecting(host.Anonymous().BookV1(hosts[1].Id, "call", "2024-11-26T10:00:00Z"), 201);
        Assert.DoesNotContain("2024-11-26T10:00:00Z", await TeamSlots(team, "demo", "2024-11-26"));

        await Expecting(host.WithKey(hosts[0].Key).Put($"/v1/teams/{team}/meeting-types/demo", new
        {
            title = "Demo",
            kind = "collective",
            duration_minutes = 60,
            hosts = new[] { new { owner_id = hosts[0].Id } },
        }), 200);

        Assert.Contains("2024-11-26T10:00:00Z", await TeamSlots(team, "demo", "2024-11-26"));
    }

    [Fact]
    public async Task Cancelling_a_team_booking_with_the_rest_of_its_series_cancels_it_for_every_host_as_a_team_booking_of_no_series()
    {
        var (team, hosts) = await Team("collective", ("UTC", null), ("UTC", null));
        var booked = await Expecting(host.Anonymous().Post($"/v1/teams/{team}/meeting-types/demo/bookings", Booking("2024-11-26T10:00:00Z")), 201);

        await Expecting(host.WithKey(hosts[1].Key).Post($"/v1/bookings/{booked["id"]!.GetValue<string>()}/cancel", new { series = "following" }), 200);

        Assert.Empty(await BookedStarts(hosts[0]));
        Assert.Empty(await BookedStarts(hosts[1]));
    }

    [Fact]
    public async Task A_round_robin_series_takes_one_host_for_every_week_names_the_meeting_in_the_way_and_a_host_cancels_the_rest()
    {
        var (team, hosts) = await Team("round_robin", ("UTC", null), ("UTC", null));
        await Expecting(host.WithKey(hosts[0].Key).Put($"/v1/teams/{team}/meeting-types/demo", new
        {
            title = "Demo",
            kind = "round_robin",
            duration_minutes = 60,
            recurrence = new { max_count = 4 },
            hosts = hosts.Select(h => new { owner_id = h.Id }).ToArray(),
        }), 200);
        // The first host is busy in the second week at 10:00: the whole series goes to the second.
        await Expecting(host.Anonymous().BookV1(hosts[0].Id, "call", "2024-12-03T10:00:00Z"), 201);

        var booked = await Expecting(host.Anonymous().Post($"/v1/teams/{team}/meeting-types/demo/bookings", SeriesBooking("2024-11-26T10:00:00Z", 3)), 201);

        Assert.Equal([hosts[1].Id], booked["team"]!["hosts"]!.AsArray().Select(h => h!.GetValue<string>()));
        Assert.Equal(0, booked["series"]!["index"]!.GetValue<int>());
        var token = host.WithKey(booked["management_token"]!.GetValue<string>());
        var series = await Expecting(token.Get($"/v1/bookings/{booked["id"]!.GetValue<string>()}/series"), 200);
        Assert.Equal(["2024-11-26T10:00:00Z", "2024-12-03T10:00:00Z", "2024-12-10T10:00:00Z"], series["bookings"]!.AsArray().Select(b => b!["start_utc"]!.GetValue<string>()));
        Assert.Equal(["2024-11-26T10:00:00Z", "2024-12-03T10:00:00Z", "2024-12-10T10:00:00Z"], await BookedStarts(hosts[1]));

        // At 12:00 each host is busy one week: no host has every week, and the first host's week is named.
        await Expecting(host.Anonymous().BookV1(hosts[0].Id, "call", "2024-12-03T12:00:00Z"), 201);
        await Expecting(host.Anonymous().BookV1(hosts[1].Id, "call", "2024-12-10T12:00:00Z"), 201);
        var refused = await Expect.Problem(await host.Anonymous().Post($"/v1/teams/{team}/meeting-types/demo/bookings", SeriesBooking("2024-11-26T12:00:00Z", 3, "Yan")), 409);
        Assert.Equal("series_unavailable", refused["reason"]!.GetValue<string>());
        var meeting = Assert.Single(refused["meetings"]!.AsArray())!;
        Assert.Equal((1, "2024-12-03T12:00:00Z", "taken"), (meeting["index"]!.GetValue<int>(), meeting["start"]!.GetValue<string>(), meeting["reason"]!.GetValue<string>()));

        // The host cancels the second meeting with the rest: the first stays.
        var second = series["bookings"]!.AsArray()[1]!["id"]!.GetValue<string>();
        await Expecting(host.WithKey(hosts[1].Key).Post($"/v1/bookings/{second}/cancel", new { series = "following" }), 200);
        Assert.Equal(["2024-11-26T10:00:00Z", "2024-12-10T12:00:00Z"], await BookedStarts(hosts[1]));
    }

    [Fact]
    public async Task Members_list_the_teams_bookings_with_their_hosts_a_page_at_a_time()
    {
        var (team, hosts) = await Team("collective", ("UTC", null), ("UTC", null));
        var (_, outsiderKey) = await Owner("UTC");
        var first = await Expecting(host.Anonymous().Post($"/v1/teams/{team}/meeting-types/demo/bookings", Booking("2024-11-26T10:00:00Z")), 201);
        await Expecting(host.Anonymous().Post($"/v1/teams/{team}/meeting-types/demo/bookings", Booking("2024-11-26T12:00:00Z", "Yan")), 201);
        await Expecting(host.WithKey(hosts[1].Key).Post($"/v1/bookings/{first["id"]!.GetValue<string>()}/cancel", new { }), 200);
        await Expecting(host.Anonymous().Post($"/v1/teams/{team}/meeting-types/demo/bookings", Booking("2024-11-26T14:00:00Z", "Xi")), 201);

        var upcoming = await Expecting(host.WithKey(hosts[1].Key).Get($"/v1/teams/{team}/bookings?limit=1"), 200);
        var next = await Expecting(host.WithKey(hosts[1].Key).Get($"/v1/teams/{team}/bookings?limit=1&cursor={Uri.EscapeDataString(upcoming["next_cursor"]!.GetValue<string>())}"), 200);
        var cancelled = await Expecting(host.WithKey(hosts[0].Key).Get($"/v1/teams/{team}/bookings?status=cancelled&time_zone=Europe/Berlin"), 200);

        Assert.Equal("2024-11-26T12:00:00Z", Assert.Single(upcoming["bookings"]!.AsArray())!["start_utc"]!.GetValue<string>());
        Assert.Equal("2024-11-26T14:00:00Z", Assert.Single(next["bookings"]!.AsArray())!["start_utc"]!.GetValue<string>());
        var gone = Assert.Single(cancelled["bookings"]!.AsArray())!;
        Assert.Equal(first["id"]!.GetValue<string>(), gone["id"]!.GetValue<string>());
        Assert.Equal("2024-11-26T11:00:00+01:00", gone["start"]!.GetValue<string>());
        Assert.Equal(hosts.Select(h => h.Id).Order(), gone["team"]!["hosts"]!.AsArray().Select(h => h!.GetValue<string>()).Order());
        await Expect.Problem(await host.WithKey(outsiderKey).Get($"/v1/teams/{team}/bookings"), 403);
        await Expect.Problem(await host.WithKey(hosts[0].Key).Get($"/v1/teams/{team}/bookings?status=soon"), 400);
        await Expect.Problem(await host.WithKey(hosts[0].Key).Get($"/v1/teams/{team}/bookings?from=2024-11-27&to=2024-11-26"), 400);
    }

    [Fact]
    public async Task A_moved_team_booking_lists_its_earlier_times_as_its_own_read_does()
    {
        var (team, hosts) = await Team("collective", ("UTC", null), ("UTC", null));
        var id = (await Expecting(host.Anonymous().Post($"/v1/teams/{team}/meeting-types/demo/bookings", Booking("2024-11-26T10:00:00Z")), 201))["id"]!.GetValue<string>();
        await Expecting(host.WithKey(hosts[1].Key).Post($"/v1/bookings/{id}/reschedule", new { start = "2024-11-26T12:00:00Z" }), 200);

        var single = await Expecting(host.WithKey(hosts[0].Key).Get($"/v1/bookings/{id}"), 200);
        var listed = Assert.Single((await Expecting(host.WithKey(hosts[0].Key).Get($"/v1/teams/{team}/bookings"), 200))["bookings"]!.AsArray())!;
        var own = Assert.Single((await Expecting(host.WithKey(hosts[0].Key).Get($"/v1/owners/{hosts[0].Id}/bookings"), 200))["bookings"]!.AsArray())!;

        Assert.Equal("2024-11-26T10:00:00Z", Assert.Single(single["previous_times"]!.AsArray())!["start_utc"]!.GetValue<string>());
        Assert.Equal(single["previous_times"]!.ToJsonString(), listed["previous_times"]!.ToJsonString());
        Assert.Equal(single["previous_times"]!.ToJsonString(), own["previous_times"]!.ToJsonString());
    }

    [Fact]
    public async Task A_host_out_of_office_hosts_no_slot_meanwhile()
    {
        var (team, hosts) = await Team("collective", ("UTC", null), ("UTC", null));
        Assert.NotEmpty(await TeamSlots(team, "demo", "2024-11-26"));

        var set = await Expecting(host.WithKey(hosts[0].Key).Put(
            $"/v1/teams/{team}/members/{hosts[1].Id}/out-of-office",
            new { periods = new[] { new { start = "2024-11-26T00:00:00Z", end = "2024-11-27T00:00:00Z" } } }), 200);

        Assert.Single(set["members"]!.AsArray().Single(m => m!["owner_id"]!.GetValue<string>() == hosts[1].Id)!["out_of_office"]!.AsArray());
        Assert.Empty(await TeamSlots(team, "demo", "2024-11-26"));
        Assert.NotEmpty(await TeamSlots(team, "demo", "2024-11-27"));
        await Expect.Problem(await host.WithKey(hosts[0].Key).Put(
            $"/v1/teams/{team}/members/{hosts[1].Id}/out-of-office", new { periods = new[] { new { start = "2024-11-27T00:00:00Z", end = "2024-11-26T00:00:00Z" } } }), 400);
    }

    [Fact]
    public async Task Each_host_offers_a_team_type_in_the_hours_of_the_schedule_chosen_for_them()
    {
        var (team, hosts) = await Team("round_robin", ("UTC", null), ("UTC", null));
        var ((ana, anaKey), (ben, benKey)) = (hosts[0], hosts[1]);
        var late = new[] { new { start = "15:00", end = "19:00" } };
        await Expecting(host.WithKey(benKey).Put($"/v1/owners/{ben}/schedules/late", new { name = "Late shift", weekly_hours = new { tuesday = late } }), 200);
        object Demo(string kind, string? anaSchedule, string? benSchedule) => new
        {
            title = "Demo",
            kind,
            duration_minutes = 60,
            hosts = new[] { new { owner_id = ana, schedule = anaSchedule }, new { owner_id = ben, schedule = benSchedule } },
        };

        // Ana keeps no schedule "late": refused beside her entry, and nothing changes.
        var unknown = await Expect.Problem(await host.WithKey(anaKey).Put($"/v1/teams/{team}/meeting-types/demo", Demo("round_robin", "late", "late")), 400);
        Assert.Equal(["hosts[0].schedule"], unknown["errors"]!.AsObject().Select(e => e.Key));
        await Expect.Problem(await host.WithKey(anaKey).Put($"/v1/teams/{team}/meeting-types/demo", Demo("round_robin", null, "Bad Id")), 400);
        Assert.Equal(Enumerable.Range(9, 8).Select(h => $"2024-11-26T{h:00}:00:00Z"), await TeamSlots(team, "demo", "2024-11-26"));

        // Round robin: Ana 09-17 and Ben 15-19 on Tuesday. 17:00 and 18:00 can only be Ben's.
        var saved = await Expecting(host.WithKey(anaKey).Put($"/v1/teams/{team}/meeting-types/demo", Demo("round_robin", null, "late")), 200);
        Assert.Equal([null, "late"], saved["hosts"]!.AsArray().Select(h => h!["schedule"]?.GetValue<string>()));
        Assert.Equal(Enumerable.Range(9, 10).Select(h => $"2024-11-26T{h:00}:00:00Z"), await TeamSlots(team, "demo", "2024-11-26"));
        Assert.Equal(Enumerable.Range(9, 8).Select(h => $"2024-11-27T{h:00}:00:00Z"), await TeamSlots(team, "demo", "2024-11-27"));
        var evening = await Expecting(host.Anonymous().Post($"/v1/teams/{team}/meeting-types/demo/bookings", Booking("2024-11-26T17:00:00Z")), 201);
        Assert.Equal([ben], evening["team"]!["hosts"]!.AsArray().Select(h => h!.GetValue<string>()));
        // Ben's personal type keeps his default hours: the schedule is his for this team type only.
        Assert.Contains("2024-11-26T10:00:00+00:00", await host.Anonymous().SlotStartsV1(ben, "call", "2024-11-26", "2024-11-26"));

        // The booking moves within Ben's schedule, not out of it.
        var (id, token) = (evening["id"]!.GetValue<string>(), evening["management_token"]!.GetValue<string>());
        await Expect.Problem(await host.WithKey(token).Post($"/v1/bookings/{id}/reschedule", new { start = "2024-11-26T10:00:00Z" }), 409);
        await Expecting(host.WithKey(token).Post($"/v1/bookings/{id}/reschedule", new { start = "2024-11-26T18:00:00Z" }), 200);

        // Collective: both must be free, so only Ben's hours inside Ana's remain (15:00 and 16:00).
        await Expecting(host.WithKey(anaKey).Put($"/v1/teams/{team}/meeting-types/demo", Demo("collective", null, "late")), 200);
        Assert.Equal(["2024-11-26T15:00:00Z", "2024-11-26T16:00:00Z"], await TeamSlots(team, "demo", "2024-11-26"));
        await Expect.Problem(await host.Anonymous().Post($"/v1/teams/{team}/meeting-types/demo/bookings", Booking("2024-11-26T10:00:00Z")), 409);
        var explained = await Expecting(host.WithKey(anaKey).Get($"/v1/teams/{team}/meeting-types/demo/slots/explain?start=2024-11-26T10:00:00Z"), 200);
        var benReason = Assert.Single(explained["hosts"]!.AsArray().Single(h => h!["owner_id"]!.GetValue<string>() == ben)!["reasons"]!.AsArray())!;
        Assert.Equal(("outside_availability", "late"), (benReason["code"]!.GetValue<string>(), benReason["schedule"]!.GetValue<string>()));
        Assert.EndsWith("These are the hours of the schedule “Late shift”.", benReason["message"]!.GetValue<string>(), StringComparison.Ordinal);
        await Expecting(host.Anonymous().Post($"/v1/teams/{team}/meeting-types/demo/bookings", Booking("2024-11-26T15:00:00Z")), 201);

        // A schedule a team type uses is not deleted; once the type leaves it, it is.
        var inUse = await Expect.Problem(await host.WithKey(benKey).Delete($"/v1/owners/{ben}/schedules/late"), 409);
        Assert.Contains($"{team}/demo", inUse["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await Expecting(host.WithKey(anaKey).Put($"/v1/teams/{team}/meeting-types/demo", Demo("collective", null, null)), 200);
        Assert.Equal(204, (int)(await host.WithKey(benKey).Delete($"/v1/owners/{ben}/schedules/late")).StatusCode);
        Assert.Equal(["2024-11-26T09:00:00Z", "2024-11-26T10:00:00Z", "2024-11-26T11:00:00Z", "2024-11-26T12:00:00Z", "2024-11-26T13:00:00Z", "2024-11-26T14:00:00Z", "2024-11-26T16:00:00Z"],
            await TeamSlots(team, "demo", "2024-11-26"));
    }

    /// <summary>
    /// Clients book the team slot and the hosts' personal slots of the same hours at once: for every host, no two
    /// active bookings overlap, and every 201 is stored.
    /// </summary>
    [Fact]
    public async Task Racing_team_and_personal_bookings_never_double_book_a_host()
    {
        var (team, hosts) = await Team("collective", ("UTC", null), ("UTC", null), ("UTC", null));
        var acknowledged = new ConcurrentBag<(string Owner, string Start)>();
        var unexpected = new ConcurrentBag<string>();
        using var go = new SemaphoreSlim(0);
        var clients = Enumerable.Range(0, 30).Select(i => Task.Run(async () =>
        {
            var api = host.Anonymous();
            await go.WaitAsync();
            var start = $"2024-11-26T{9 + (i % 5):00}:00:00Z";
            using var response = i % 3 == 0
                ? await api.Post($"/v1/teams/{team}/meeting-types/demo/bookings", Booking(start, $"Team {i}"))
                : await api.BookV1(hosts[i % 3].Id, "call", start, $"Person {i}");
            if ((int)response.StatusCode == 201)
            {
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                foreach (var owner in body["team"]?["hosts"]!.AsArray().Select(h => h!.GetValue<string>()) ?? [body["owner_id"]!.GetValue<string>()])
                {
                    acknowledged.Add((owner, start));
                }
            }
            else if ((int)response.StatusCode != 409)
            {
                unexpected.Add($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        })).ToList();
        go.Release(30);
        await Task.WhenAll(clients);

        Assert.Empty(unexpected);
        foreach (var (id, key) in hosts)
        {
            var stored = (await Expecting(host.WithKey(key).Get($"/v1/owners/{id}/bookings"), 200))["bookings"]!.AsArray()
                .Select(b => b!["start_utc"]!.GetValue<string>()).ToList();
            Assert.Equal(stored.Count, stored.Distinct().Count());
            Assert.Equal(acknowledged.Where(a => a.Owner == id).Select(a => a.Start).Order(), stored.Order());
        }
    }

    private async Task<IReadOnlyList<string>> BookedStarts((string Id, string Key) owner) =>
        (await Expecting(host.WithKey(owner.Key).Get($"/v1/owners/{owner.Id}/bookings"), 200))["bookings"]!.AsArray().Select(b => b!["start_utc"]!.GetValue<string>()).ToList();

    private static object Booking(string start, string name = "Zoe") => new { start, invitee = new { name, email = "zoe@example.com" } };

    private static object SeriesBooking(string start, int count, string name = "Zoe") => new { start, invitee = new { name, email = "zoe@example.com" }, recurrence = new { count } };

    private async Task<IReadOnlyList<string>> TeamSlots(string team, string slug, string date)
    {
        var found = await Expecting(host.Anonymous().Get($"/v1/teams/{team}/meeting-types/{slug}/slots?from={date}&to={date}"), 200);
        return found["slots"]!.AsArray().Select(s => s!["start_utc"]!.GetValue<string>()).ToList();
    }

    private async Task<(string Id, string Key)> Owner(string zone)
    {
        var id = NewOwner();
        var created = await Expecting(host.Api().Post("/v1/owners", new { id, time_zone = zone }), 201);
        return (id, created["api_key"]!.GetValue<string>());
    }

    /// <summary>A team whose hosts work 09-17 on weekdays in their zones, each with a personal hourly "call", and an hourly team "demo" of <paramref name="kind"/>.</summary>
    private async Task<(string Team, (string Id, string Key)[] Hosts)> Team(string kind, params (string Zone, string? Unused)[] members)
    {
        var hosts = new List<(string Id, string Key)>();
        foreach (var (zone, _) in members)
        {
            var (id, key) = await Owner(zone);
            await host.WithKey(key).PutWeeklyHours(id, WeekdayHours);
            await host.WithKey(key).CreateMeetingType(id, new { slug = "call", title = "Call", duration_minutes = 60 });
            hosts.Add((id, key));
        }

        var team = NewOwner();
        var code = (await Expecting(host.WithKey(hosts[0].Key).Post($"/v1/owners/{hosts[0].Id}/teams", new { id = team, name = "Team" }), 201))["join_code"]!.GetValue<string>();
        foreach (var (id, key) in hosts.Skip(1))
        {
            await Expecting(host.WithKey(key).Put($"/v1/teams/{team}/members/{id}", new { join_code = code }), 200);
        }

        // A team type has no schedule of its own (each host chooses theirs): one named for the type is refused.
        var scheduled = await Expect.Problem(await host.WithKey(hosts[0].Key).Post($"/v1/teams/{team}/meeting-types", new
        {
            slug = "demo",
            title = "Demo",
            kind,
            duration_minutes = 60,
            schedule = "evenings",
            hosts = hosts.Select(h => new { owner_id = h.Id }).ToArray(),
        }), 400);
        Assert.Contains("schedule", scheduled["errors"]!.AsObject().Select(e => e.Key));
        await Expecting(host.WithKey(hosts[0].Key).Post($"/v1/teams/{team}/meeting-types", new
        {
            slug = "demo",
            title = "Demo",
            kind,
            duration_minutes = 60,
            hosts = hosts.Select(h => new { owner_id = h.Id }).ToArray(),
        }), 201);
        return (team, hosts.ToArray());
    }
}
