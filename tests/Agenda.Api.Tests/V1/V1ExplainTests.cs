using System.Text.Json.Nodes;
using static Agenda.Testing.ApiClient;

namespace Agenda.Api.Tests.V1;

public sealed class V1ExplainTests(KeyedApiHost host) : V1ExplainTestsBase(host), IClassFixture<KeyedApiHost>;

public sealed class V1ExplainTestsOnPostgres(KeyedPostgresApiHost host) : V1ExplainTestsBase(host), IClassFixture<KeyedPostgresApiHost>;

/// <summary>
/// "Why is this time not offered?" over real HTTP on both stores: every reason with its facts, for the owner's key only,
/// and in agreement with the slot search and with booking for every quarter hour of a day. The host's clock is
/// 2024-11-25 08:00 UTC (a Monday); the owner works 09:00-12:00 in Berlin on weekdays.
/// </summary>
public abstract class V1ExplainTestsBase(KeyedApiHost host)
{
    private static readonly object[] Mornings = [new { start = "09:00", end = "12:00" }];

    [Fact]
    public async Task An_offered_time_says_so_and_a_time_outside_the_hours_names_the_days_hours()
    {
        var (owner, key) = await Owner();
        var api = host.WithKey(key);

        var offered = await Expecting(api.Get(Explain(owner, "2024-11-26T10:00:00+01:00")), 200);
        var outside = await Expecting(api.Get(Explain(owner, "2024-11-26T13:00:00+01:00")), 200);
        var sunday = await Expecting(api.Get(Explain(owner, "2024-12-01T10:00:00+01:00")), 200);

        Assert.True(offered["offered"]!.GetValue<bool>());
        Assert.Empty(offered["reasons"]!.AsArray());
        Assert.Equal(("2024-11-26T10:00:00+01:00", "2024-11-26T09:00:00Z", "Europe/Berlin"),
            (offered["start"]!.GetValue<string>(), offered["start_utc"]!.GetValue<string>(), offered["time_zone"]!.GetValue<string>()));
        var reason = Assert.Single(outside["reasons"]!.AsArray())!;
        Assert.Equal("outside_availability", reason["code"]!.GetValue<string>());
        Assert.Equal(("2024-11-26T09:00", "2024-11-26T12:00"), (reason["hours"]![0]!["start"]!.GetValue<string>(), reason["hours"]![0]!["end"]!.GetValue<string>()));
        Assert.False(reason["override"]!.GetValue<bool>());
        Assert.Equal("Outside the hours of that day (09:00–12:00).", reason["message"]!.GetValue<string>());
        Assert.Equal("That day has no hours.", Assert.Single(sunday["reasons"]!.AsArray())!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_reason_in_the_way_is_listed_with_its_facts_in_the_order_a_booking_is_decided()
    {
        // A 30-minute type with a 15-minute buffer after, two hours' notice and two a day.
        var (owner, key) = await Owner(new { slug = "call", title = "Call", duration_minutes = 30, buffer_after_minutes = 15, minimum_notice_minutes = 120, max_per_day = 2 });
        var api = host.WithKey(key);
        await Expecting(host.Anonymous().BookV1(owner, "call", "2024-11-26T09:00:00+01:00"), 201);
        await Expecting(host.Anonymous().BookV1(owner, "call", "2024-11-26T10:00:00+01:00"), 201);
        await Expecting(host.Anonymous().Post($"/v1/owners/{owner}/meeting-types/call/holds", new { start = "2024-11-27T11:00:00+01:00" }), 201);

        // Tuesday 09:30: the day's two are booked, and both bookings (the first with its buffer) reach into it.
        var capped = (await Expecting(api.Get(Explain(owner, "2024-11-26T09:30:00+01:00", "call")), 200))["reasons"]!.AsArray();
        // Today 10:30 is too soon (the clock is 09:00 in Berlin); Wednesday 11:00 is held by someone choosing it.
        var soon = (await Expecting(api.Get(Explain(owner, "2024-11-25T10:30:00+01:00", "call")), 200))["reasons"]!.AsArray();
        var held = (await Expecting(api.Get(Explain(owner, "2024-11-27T11:00:00+01:00", "call")), 200))["reasons"]!.AsArray();

        Assert.Equal(["daily_limit_reached", "taken", "taken"], capped.Select(r => r!["code"]!.GetValue<string>()));
        Assert.Equal((2, 2), (capped[0]!["limit"]!.GetValue<int>(), capped[0]!["count"]!.GetValue<int>()));
        var booking = capped[1]!["blocked_by"]!;
        Assert.Equal(("booking", "2024-11-26T09:00:00+01:00", "2024-11-26T09:45:00+01:00", "call"),
            (booking["kind"]!.GetValue<string>(), booking["start"]!.GetValue<string>(), booking["blocked_end"]!.GetValue<string>(), booking["meeting_type"]!.GetValue<string>()));
        Assert.Equal("2024-11-26T10:00:00+01:00", capped[2]!["blocked_by"]!["start"]!.GetValue<string>());
        var notice = Assert.Single(soon)!;
        Assert.Equal(("too_soon", "2024-11-25T11:00:00+01:00", 120), (notice["code"]!.GetValue<string>(), notice["earliest"]!.GetValue<string>(), notice["minimum_notice_minutes"]!.GetValue<int>()));
        Assert.Equal("hold", Assert.Single(held)!["blocked_by"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_explanation_agrees_with_the_search_and_with_booking_for_every_quarter_hour_of_a_day()
    {
        var (owner, key) = await Owner(new { slug = "call", title = "Call", duration_minutes = 30, buffer_before_minutes = 15, max_per_day = 3 });
        var api = host.WithKey(key);
        await Expecting(host.Anonymous().BookV1(owner, "call", "2024-11-27T10:00:00+01:00"), 201);
        var search = await Expecting(host.Anonymous().SearchV1(owner, "call", "2024-11-27", "2024-11-27", "UTC"), 200);
        var offered = search["slots"]!.AsArray().Select(s => s!["start_utc"]!.GetValue<string>()).ToHashSet();
        Assert.NotEmpty(offered);

        for (var minutes = 7 * 60; minutes < 13 * 60; minutes += 15)
        {
            var start = $"2024-11-27T{minutes / 60:00}:{minutes % 60:00}:00Z";
            var explained = await Expecting(api.Get(Explain(owner, start, "call")), 200);
            Assert.Equal(offered.Contains(start), explained["offered"]!.GetValue<bool>());
            if (!explained["offered"]!.GetValue<bool>())
            {
                // Booking it is refused with the explanation's first reason.
                var refused = await Expect.Problem(await host.Anonymous().BookV1(owner, "call", start), 409);
                Assert.Equal(explained["reasons"]![0]!["code"]!.GetValue<string>(), refused["reason"]!.GetValue<string>());
            }
        }
    }

    [Fact]
    public async Task Only_the_owner_may_ask_and_bad_questions_are_clear_400s()
    {
        var (owner, key) = await Owner();
        var (_, otherKey) = await Owner();

        await Expect.Problem(await host.Anonymous().Get(Explain(owner, "2024-11-26T10:00:00Z")), 401);
        await Expect.Problem(await host.WithKey(otherKey).Get(Explain(owner, "2024-11-26T10:00:00Z")), 403);
        var missing = await Expect.Problem(await host.WithKey(key).Get($"/v1/owners/{owner}/meeting-types/intro/slots/explain"), 400);
        Assert.True(missing["errors"]!.AsObject().ContainsKey("start"));
        await Expect.Problem(await host.WithKey(key).Get(Explain(owner, "tomorrow")), 400);
        await Expect.Problem(await host.WithKey(key).Get(Explain(owner, "2024-11-26T10:00:00Z") + "&time_zone=Mars/Base"), 400);
        await Expect.Problem(await host.WithKey(key).Get(Explain(owner, "2024-11-26T10:00:00Z", "nope")), 404);
    }

    [Fact]
    public async Task A_team_explains_host_by_host_who_is_free_and_whether_enough_are()
    {
        var (ana, anaKey) = await Owner();
        var (ben, benKey) = await Owner();
        var team = NewOwner();
        var code = (await Expecting(host.WithKey(anaKey).Post($"/v1/owners/{ana}/teams", new { id = team, name = "Team" }), 201))["join_code"]!.GetValue<string>();
        await Expecting(host.WithKey(benKey).Put($"/v1/teams/{team}/members/{ben}", new { join_code = code }), 200);
        foreach (var kind in new[] { "collective", "round_robin" })
        {
            await Expecting(host.WithKey(anaKey).Post($"/v1/teams/{team}/meeting-types", new
            {
                slug = kind.Replace("_", "-", StringComparison.Ordinal),
                title = kind,
                kind,
                duration_minutes = 60,
                hosts = new[] { new { owner_id = ana }, new { owner_id = ben } },
            }), 201);
        }

        await Expecting(host.Anonymous().BookV1(ben, "intro", "2024-11-26T10:00:00+01:00"), 201);

        var collective = await Expecting(host.WithKey(anaKey).Get($"/v1/teams/{team}/meeting-types/collective/slots/explain?start=2024-11-26T10:00:00%2B01:00"), 200);
        var roundRobin = await Expecting(host.WithKey(benKey).Get($"/v1/teams/{team}/meeting-types/round-robin/slots/explain?start=2024-11-26T10:00:00%2B01:00"), 200);

        Assert.False(collective["offered"]!.GetValue<bool>());
        Assert.Equal([(ana, true, true), (ben, true, false)], collective["hosts"]!.AsArray().Select(h => (h!["owner_id"]!.GetValue<string>(), h["required"]!.GetValue<bool>(), h["free"]!.GetValue<bool>())));
        Assert.Equal("taken", collective["hosts"]![1]!["reasons"]![0]!["code"]!.GetValue<string>());
        Assert.True(roundRobin["offered"]!.GetValue<bool>());
        Assert.Equal(1, roundRobin["others_needed"]!.GetValue<int>());
        Assert.All(roundRobin["hosts"]!.AsArray(), h => Assert.False(h!["required"]!.GetValue<bool>()));
        var (outsider, outsiderKey) = await Owner();
        Assert.NotEqual(outsider, ana);
        await Expect.Problem(await host.WithKey(outsiderKey).Get($"/v1/teams/{team}/meeting-types/collective/slots/explain?start=2024-11-26T10:00:00Z"), 403);
    }

    [Fact]
    public async Task Limits_of_the_type_and_of_the_owner_are_set_refuse_bookings_and_are_explained_with_their_counts()
    {
        // A type with at most two a week; the owner, at most three a week across types, weeks from Sunday.
        var (owner, key) = await Owner(new { slug = "call", title = "Call", duration_minutes = 30, limits = new { per_week = 2, minutes_per_day = 60 } });
        var api = host.WithKey(key);
        var saved = await Expecting(api.Put($"/v1/owners/{owner}/booking-limits", new { per_week = 3, week_starts_on = "sunday" }), 200);
        Assert.Equal((3, "sunday"), (saved["per_week"]!.GetValue<int>(), saved["week_starts_on"]!.GetValue<string>()));
        Assert.Equal(2, (await Expecting(api.Get($"/v1/owners/{owner}/meeting-types/call"), 200))["limits"]!["per_week"]!.GetValue<int>());
        await Expecting(host.Anonymous().BookV1(owner, "call", "2024-11-26T09:00:00+01:00"), 201);
        await Expecting(host.Anonymous().BookV1(owner, "call", "2024-11-27T09:00:00+01:00"), 201);

        // The type's two are booked that week; another call refuses, an intro still fits the owner's three.
        var refused = await Expect.Problem(await host.Anonymous().BookV1(owner, "call", "2024-11-29T09:00:00+01:00"), 409);
        await Expecting(host.Anonymous().BookV1(owner, "intro", "2024-11-29T10:00:00+01:00"), 201);
        var friday = (await Expecting(api.Get(Explain(owner, "2024-11-29T11:00:00+01:00")), 200))["reasons"]!.AsArray();
        var search = await Expecting(host.Anonymous().SearchV1(owner, "intro", "2024-11-25", "2024-12-06", "Europe/Berlin"), 200);

        Assert.Equal("booking_limit_reached", refused["reason"]!.GetValue<string>());
        var reason = Assert.Single(friday)!;
        Assert.Equal(("booking_limit_reached", 3, 3, "week", "bookings", "all_types"),
            (reason["code"]!.GetValue<string>(), reason["limit"]!.GetValue<int>(), reason["count"]!.GetValue<int>(), reason["limit_period"]!.GetValue<string>(),
             reason["limit_unit"]!.GetValue<string>(), reason["limit_scope"]!.GetValue<string>()));
        Assert.Equal(("2024-11-24", "2024-11-30"), (reason["period"]!["start"]!.GetValue<string>(), reason["period"]!["end"]!.GetValue<string>()));
        Assert.Equal("The limit of 3 bookings per week across all meeting types is reached: 3 from 2024-11-24 to 2024-11-30.", reason["message"]!.GetValue<string>());
        // Nothing that week (from Sunday) is offered any more; the next week, from Sunday 1 December, is.
        var dates = search["slots"]!.AsArray().Select(s => s!["start"]!.GetValue<string>()[..10]).Distinct().ToList();
        Assert.Equal(["2024-12-02", "2024-12-03", "2024-12-04", "2024-12-05", "2024-12-06"], dates);

        var invalid = await Expect.Problem(await api.Put($"/v1/owners/{owner}/booking-limits", new { per_week = 0, week_starts_on = "someday" }), 400);
        Assert.Equal(["per_week", "week_starts_on"], invalid["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        await Expect.Problem(await api.Put($"/v1/owners/{owner}/meeting-types/call", new { title = "Call", duration_minutes = 30, limits = new { minutes_per_day = 1441 } }), 400);
        await Expect.Problem(await host.Anonymous().Get($"/v1/owners/{owner}/booking-limits"), 401);
    }

    [Fact]
    public async Task A_type_on_a_named_schedule_offers_its_hours_and_the_explanation_names_it()
    {
        var (owner, key) = await Owner();
        var api = host.WithKey(key);
        var evenings = new[] { new { start = "18:00", end = "20:00" } };
        var saved = await Expecting(api.Put($"/v1/owners/{owner}/schedules/evenings", new
        {
            name = "Evenings for clients",
            weekly_hours = new { tuesday = evenings, friday = evenings },
            date_overrides = new object[] { new { date = "2024-11-29", unavailable = true } },
        }), 200);
        Assert.Equal(("evenings", "Evenings for clients"), (saved["id"]!.GetValue<string>(), saved["name"]!.GetValue<string>()));
        await Expect.Problem(await api.Post($"/v1/owners/{owner}/meeting-types", new { slug = "late", title = "Late call", duration_minutes = 60, schedule = "nope" }), 400);
        await api.CreateMeetingType(owner, new { slug = "late", title = "Late call", duration_minutes = 60, schedule = "evenings" });

        var search = await Expecting(host.Anonymous().SearchV1(owner, "late", "2024-11-25", "2024-12-01", "Europe/Berlin"), 200);
        var morning = (await Expecting(api.Get(Explain(owner, "2024-11-26T10:00:00+01:00", "late")), 200))["reasons"]!.AsArray();
        var friday = (await Expecting(api.Get(Explain(owner, "2024-11-29T18:00:00+01:00", "late")), 200))["reasons"]!.AsArray();

        // Tuesday evening only: Friday is a day off in that schedule; the intro type keeps the default mornings.
        Assert.Equal(["2024-11-26T18:00:00+01:00", "2024-11-26T19:00:00+01:00"], search["slots"]!.AsArray().Select(s => s!["start"]!.GetValue<string>()));
        var outside = Assert.Single(morning)!;
        Assert.Equal(("outside_availability", "evenings"), (outside["code"]!.GetValue<string>(), outside["schedule"]!.GetValue<string>()));
        Assert.Equal("Outside the hours of that day (18:00–20:00). These are the hours of the schedule “Evenings for clients”.", outside["message"]!.GetValue<string>());
        Assert.Equal("A date override makes that day unavailable. These are the hours of the schedule “Evenings for clients”.", Assert.Single(friday)!["message"]!.GetValue<string>());
        await Expecting(host.Anonymous().BookV1(owner, "late", "2024-11-26T18:00:00+01:00"), 201);
        await Expecting(host.Anonymous().BookV1(owner, "intro", "2024-11-26T10:00:00+01:00"), 201);

        var inUse = await Expect.Problem(await api.Delete($"/v1/owners/{owner}/schedules/evenings"), 409);
        Assert.Equal("schedule_in_use", inUse["reason"]!.GetValue<string>());
        Assert.Single((await Expecting(api.Get($"/v1/owners/{owner}/schedules"), 200))["schedules"]!.AsArray());
        await Expect.Problem(await api.Get($"/v1/owners/{owner}/schedules/nope"), 404);
        await Expect.Problem(await api.Put($"/v1/owners/{owner}/schedules/Bad Id", new { name = "x" }), 400);
    }

    [Fact]
    public async Task A_schedule_in_its_own_zone_and_travelling_offers_its_hours_in_those_zones_and_explains_them()
    {
        // The owner lives in Berlin; the schedule's hours are New York's, but on 28 and 29 November the owner is in Tokyo.
        var (owner, key) = await Owner();
        var api = host.WithKey(key);
        var nine = new[] { new { start = "09:00", end = "11:00" } };
        var saved = await Expecting(api.Put($"/v1/owners/{owner}/schedules/abroad", new
        {
            name = "New York",
            time_zone = "America/New_York",
            weekly_hours = new { tuesday = nine, thursday = nine },
            travel = new[] { new { from = "2024-11-28", to = "2024-11-29", time_zone = "Asia/Tokyo" } },
        }), 200);
        Assert.Equal("America/New_York", saved["time_zone"]!.GetValue<string>());
        Assert.Equal(("2024-11-28", "2024-11-29", "Asia/Tokyo"), (saved["travel"]![0]!["from"]!.GetValue<string>(), saved["travel"]![0]!["to"]!.GetValue<string>(), saved["travel"]![0]!["time_zone"]!.GetValue<string>()));
        await api.CreateMeetingType(owner, new { slug = "far", title = "Far call", duration_minutes = 60, schedule = "abroad" });

        // Tuesday 09:00-11:00 in New York is 15:00-17:00 in Berlin; Thursday 09:00-11:00 in Tokyo is 01:00-03:00 in Berlin.
        var search = await Expecting(host.Anonymous().SearchV1(owner, "far", "2024-11-25", "2024-12-01", "Europe/Berlin"), 200);
        Assert.Equal(
            ["2024-11-26T15:00:00+01:00", "2024-11-26T16:00:00+01:00", "2024-11-28T01:00:00+01:00", "2024-11-28T02:00:00+01:00"],
            search["slots"]!.AsArray().Select(s => s!["start"]!.GetValue<string>()));

        var tuesday = Assert.Single((await Expecting(api.Get(Explain(owner, "2024-11-26T10:00:00+01:00", "far")), 200))["reasons"]!.AsArray())!;
        Assert.Equal(("2024-11-26", "America/New_York", "09:00"), (tuesday["hours_date"]!.GetValue<string>(), tuesday["time_zone"]!.GetValue<string>(), tuesday["hours"]![0]!["start"]!.GetValue<string>()[11..]));
        Assert.Equal(
            "Outside the hours of that day (09:00–11:00). Those are the hours of 2024-11-26 in America/New_York. These are the hours of the schedule “New York”.",
            tuesday["message"]!.GetValue<string>());
        // Thursday 10:00 in Berlin is 18:00 in Tokyo, where the owner is that day.
        var thursday = Assert.Single((await Expecting(api.Get(Explain(owner, "2024-11-28T10:00:00+01:00", "far")), 200))["reasons"]!.AsArray())!;
        Assert.Equal(("2024-11-28", "Asia/Tokyo"), (thursday["hours_date"]!.GetValue<string>(), thursday["time_zone"]!.GetValue<string>()));
        await Expecting(host.Anonymous().BookV1(owner, "far", "2024-11-28T01:00:00+01:00"), 201);
        await Expect.Problem(await host.Anonymous().BookV1(owner, "far", "2024-11-28T10:00:00+01:00"), 409);

        // A zone the tz database does not know, a period ending before it starts, and two periods sharing a date are refused.
        var unknown = await Expect.Problem(await api.Put($"/v1/owners/{owner}/schedules/abroad", new { name = "x", time_zone = "Mars/Olympus" }), 400);
        Assert.Contains("time_zone", unknown["errors"]!.AsObject().Select(e => e.Key));
        var backwards = await Expect.Problem(await api.Put($"/v1/owners/{owner}/schedules/abroad", new
        {
            name = "x",
            travel = new[] { new { from = "2024-12-05", to = "2024-12-01", time_zone = "Asia/Tokyo" } },
        }), 400);
        Assert.Contains("travel[0].to", backwards["errors"]!.AsObject().Select(e => e.Key));
        var overlapping = await Expect.Problem(await api.Put($"/v1/owners/{owner}/schedules/abroad", new
        {
            name = "x",
            travel = new[] { new { from = "2024-12-01", to = "2024-12-05", time_zone = "Asia/Tokyo" }, new { from = "2024-12-05", to = "2024-12-06", time_zone = "Europe/Lisbon" } },
        }), 400);
        Assert.Contains("travel[1]", overlapping["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal("America/New_York", (await Expecting(api.Get($"/v1/owners/{owner}/schedules/abroad"), 200))["time_zone"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_owner_travelling_offers_their_default_hours_in_the_zone_of_the_trip()
    {
        // Weekday mornings in Berlin, but on 28 and 29 November the owner is in New York: 09:00-12:00 there is 15:00-18:00 in Berlin.
        var (owner, key) = await Owner();
        var api = host.WithKey(key);
        await Expect.Problem(await host.Anonymous().Put($"/v1/owners/{owner}/travel", new { travel = Array.Empty<object>() }), 401);
        var saved = await Expecting(api.Put($"/v1/owners/{owner}/travel", new { travel = new[] { new { from = "2024-11-28", to = "2024-11-29", time_zone = "America/New_York" } } }), 200);
        Assert.Equal("America/New_York", saved["travel"]![0]!["time_zone"]!.GetValue<string>());

        var thursday = await host.Anonymous().SlotStartsV1(owner, "intro", "2024-11-28", "2024-11-28", "Europe/Berlin");
        var wednesday = await host.Anonymous().SlotStartsV1(owner, "intro", "2024-11-27", "2024-11-27", "Europe/Berlin");
        Assert.Equal(["2024-11-28T15:00:00+01:00", "2024-11-28T16:00:00+01:00", "2024-11-28T17:00:00+01:00"], thursday);
        Assert.Equal(["2024-11-27T09:00:00+01:00", "2024-11-27T10:00:00+01:00", "2024-11-27T11:00:00+01:00"], wednesday);
        await Expecting(host.Anonymous().BookV1(owner, "intro", "2024-11-28T15:00:00+01:00"), 201);
        await Expect.Problem(await host.Anonymous().BookV1(owner, "intro", "2024-11-28T10:00:00+01:00"), 409);
        var reason = Assert.Single((await Expecting(api.Get(Explain(owner, "2024-11-28T10:00:00+01:00")), 200))["reasons"]!.AsArray())!;
        Assert.Equal(("2024-11-28", "America/New_York"), (reason["hours_date"]!.GetValue<string>(), reason["time_zone"]!.GetValue<string>()));

        // Back home: no trips, Thursday morning in Berlin again.
        await Expecting(api.Put($"/v1/owners/{owner}/travel", new { travel = Array.Empty<object>() }), 200);
        Assert.Empty((await Expecting(api.Get($"/v1/owners/{owner}/travel"), 200))["travel"]!.AsArray());
        Assert.Equal("2024-11-28T09:00:00+01:00", (await host.Anonymous().SlotStartsV1(owner, "intro", "2024-11-28", "2024-11-28", "Europe/Berlin"))[0]);
    }

    private static string Explain(string owner, string start, string slug = "intro") =>
        $"/v1/owners/{owner}/meeting-types/{slug}/slots/explain?start={Uri.EscapeDataString(start)}";

    /// <summary>An owner in Berlin working weekday mornings, with an hourly "intro" type (and <paramref name="type"/> when given).</summary>
    private async Task<(string Id, string Key)> Owner(object? type = null)
    {
        var id = NewOwner();
        var key = (await Expecting(host.Api().Post("/v1/owners", new { id, time_zone = "Europe/Berlin" }), 201))["api_key"]!.GetValue<string>();
        var api = host.WithKey(key);
        await api.PutWeeklyHours(id, new { monday = Mornings, tuesday = Mornings, wednesday = Mornings, thursday = Mornings, friday = Mornings });
        await api.CreateMeetingType(id, new { slug = "intro", title = "Intro", duration_minutes = 60 });
        if (type is not null)
        {
            await api.CreateMeetingType(id, type);
        }

        return (id, key);
    }
}
