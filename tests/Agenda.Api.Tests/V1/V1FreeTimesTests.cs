using System.Text.Json.Nodes;
using static Agenda.Testing.ApiClient;

namespace Agenda.Api.Tests.V1;

public sealed class V1FreeTimesTests(ApiHost host) : V1FreeTimesTestsBase(host), IClassFixture<ApiHost>;

public sealed class V1FreeTimesTestsOnPostgres(PostgresApiHost host) : V1FreeTimesTestsBase(host), IClassFixture<PostgresApiHost>;

/// <summary>
/// The next free times across meeting types (GET /v1/owners/{o}/free-times), at the hosts' fixed clock, Monday
/// 2024-11-25 08:00 UTC: exactly the slots the search answers for each type, merged and cut, and bookable as answered.
/// </summary>
public abstract class V1FreeTimesTestsBase(ApiHost host)
{
    private readonly ApiClient api = host.Api();

    [Fact]
    public async Task The_next_times_are_the_search_answers_of_every_listed_type_merged_soonest_first_and_bookable()
    {
        var owner = await api.CreateOwner("Europe/Berlin");
        await api.PutWeeklyHours(owner, new { monday = new[] { new { start = "10:00", end = "12:00" } }, wednesday = new[] { new { start = "14:00", end = "15:00" } } });
        await api.CreateMeetingType(owner, new { slug = "intro", title = "Intro", duration_minutes = 30 });
        await api.CreateMeetingType(owner, new { slug = "long", title = "Long talk", duration_minutes = 60 });
        await api.CreateMeetingType(owner, new { slug = "secret", title = "Secret", duration_minutes = 15, @private = true });
        await Expecting(api.BookV1(owner, "intro", "2024-11-25T09:00:00Z"), 201); // Monday 10:00 in Berlin

        var answer = await Expecting(api.Get($"/v1/owners/{owner}/free-times?count=12"), 200);
        Assert.Equal((owner, "Europe/Berlin"), (answer["owner_id"]!.GetValue<string>(), answer["time_zone"]!.GetValue<string>()));
        var times = answer["free_times"]!.AsArray();
        Assert.Equal(12, times.Count);

        // Exactly what the search answers for the listed types (not the private one) over the same fortnight, merged.
        var searched = new List<(string Start, string Slug)>();
        foreach (var slug in new[] { "intro", "long" })
        {
            var slots = (await Expecting(api.SearchV1(owner, slug, "2024-11-25", "2024-12-08"), 200))["slots"]!.AsArray();
            searched.AddRange(slots.Select(s => (s!["start_utc"]!.GetValue<string>(), slug)));
        }

        var expected = searched.OrderBy(s => s.Start, StringComparer.Ordinal).ThenBy(s => s.Slug, StringComparer.Ordinal).Take(12).ToList();
        Assert.Equal(expected, times.Select(t => (t!["start_utc"]!.GetValue<string>(), t["meeting_type"]!.GetValue<string>())).ToList());
        Assert.Equal(("intro", "Intro", 30, "2024-11-25T10:30:00+01:00"), Describe(times[0]!));
        Assert.Contains(times, t => Describe(t!) == ("long", "Long talk", 60, "2024-11-25T11:00:00+01:00"));

        // The last time answered is booked as answered.
        var last = times[^1]!;
        await Expecting(api.BookV1(owner, last["meeting_type"]!.GetValue<string>(), last["start_utc"]!.GetValue<string>()), 201);
        var after = (await Expecting(api.Get($"/v1/owners/{owner}/free-times?count=12"), 200))["free_times"]!.AsArray();
        Assert.DoesNotContain(after, t => t!["start_utc"]!.GetValue<string>() == last["start_utc"]!.GetValue<string>() && t["meeting_type"]!.GetValue<string>() == last["meeting_type"]!.GetValue<string>());

        // A private type is searched when named; the times are shown in the zone asked for.
        var secret = await Expecting(api.Get($"/v1/owners/{owner}/free-times?count=2&meeting_types=secret&time_zone=America/New_York"), 200);
        Assert.Equal("America/New_York", secret["time_zone"]!.GetValue<string>());
        Assert.Equal(["2024-11-25T04:30:00-05:00", "2024-11-25T04:45:00-05:00"], secret["free_times"]!.AsArray().Select(t => t!["start"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Types_with_a_horizon_end_the_search_and_fewer_times_are_answered_when_there_are_fewer()
    {
        var owner = await api.CreateOwner("UTC");
        await api.PutWeeklyHours(owner, new { monday = new[] { new { start = "09:00", end = "11:00" } } });
        await api.CreateMeetingType(owner, new { slug = "soon", title = "Soon", duration_minutes = 60, horizon_days = 14 });

        // Mondays 25 November and 2 December: two hours each; 9 December is past the horizon.
        var times = (await Expecting(api.Get($"/v1/owners/{owner}/free-times?count=50"), 200))["free_times"]!.AsArray();
        Assert.Equal(["2024-11-25T09:00:00Z", "2024-11-25T10:00:00Z", "2024-12-02T09:00:00Z", "2024-12-02T10:00:00Z"], times.Select(t => t!["start_utc"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Bad_counts_zones_and_types_are_refused_with_the_field_named()
    {
        var owner = await api.CreateOwner("UTC");
        await api.CreateMeetingType(owner, new { slug = "intro", title = "Intro", duration_minutes = 30 });

        foreach (var query in new[] { "count=0", "count=51", "time_zone=Mars/Olympus", "meeting_types=Not%20A%20Slug" })
        {
            var problem = await Expecting(api.Get($"/v1/owners/{owner}/free-times?{query}"), 400);
            Assert.Single(problem["errors"]!.AsObject());
        }

        Assert.Contains("no meeting type nope", (await Expecting(api.Get($"/v1/owners/{owner}/free-times?meeting_types=intro,nope"), 404))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await Expecting(api.Get($"/v1/owners/{NewOwner()}/free-times"), 404);
        Assert.Empty((await Expecting(api.Get($"/v1/owners/{owner}/free-times"), 200))["free_times"]!.AsArray());
    }

    [Fact]
    public async Task A_teams_next_free_times_are_its_searchs_offers_and_bookable_as_answered()
    {
        // Ana works 10:00-12:00 in Berlin, Ben 09:00-12:00 in London (10:00-13:00 in Berlin): together, 10:00 and 11:00.
        var ana = await api.CreateOwner("Europe/Berlin");
        var ben = await api.CreateOwner("Europe/London");
        await api.PutWeeklyHours(ana, new { monday = new[] { new { start = "10:00", end = "12:00" } } });
        await api.PutWeeklyHours(ben, new { monday = new[] { new { start = "09:00", end = "12:00" } } });
        var team = NewOwner();
        var code = (await Expecting(api.Post($"/v1/owners/{ana}/teams", new { id = team, name = "Pair" }), 201))["join_code"]!.GetValue<string>();
        await Expecting(api.Put($"/v1/teams/{team}/members/{ben}", new { join_code = code }), 200);
        await Expecting(api.Post($"/v1/teams/{team}/meeting-types", new { slug = "pair", title = "Pair", kind = "collective", duration_minutes = 60, hosts = new[] { new { owner_id = ana }, new { owner_id = ben } } }), 201);

        var answer = await Expecting(api.Get($"/v1/teams/{team}/free-times?count=3"), 200);
        Assert.Equal((team, "Europe/Berlin"), (answer["owner_id"]!.GetValue<string>(), answer["time_zone"]!.GetValue<string>()));
        var searched = (await Expecting(api.Get($"/v1/teams/{team}/meeting-types/pair/slots?from=2024-11-25&to=2024-12-08"), 200))["slots"]!.AsArray()
            .Select(s => s!["start_utc"]!.GetValue<string>()).Take(3);
        Assert.Equal(["2024-11-25T09:00:00Z", "2024-11-25T10:00:00Z", "2024-12-02T09:00:00Z"], searched);
        Assert.Equal(searched, answer["free_times"]!.AsArray().Select(t => t!["start_utc"]!.GetValue<string>()));
        Assert.Equal("2024-11-25T10:00:00+01:00", answer["free_times"]![0]!["start"]!.GetValue<string>());

        await Expecting(api.Post($"/v1/teams/{team}/meeting-types/pair/bookings", new { start = "2024-11-25T09:00:00Z", invitee = new { name = "Cy", email = "cy@example.com" } }), 201);
        Assert.Equal("2024-11-25T10:00:00Z", (await Expecting(api.Get($"/v1/teams/{team}/free-times?count=1"), 200))["free_times"]![0]!["start_utc"]!.GetValue<string>());

        await Expecting(api.Get($"/v1/teams/{team}/free-times?meeting_types=nope"), 404);
        await Expecting(api.Get($"/v1/teams/{NewOwner()}/free-times"), 404);
        await Expecting(api.Get($"/v1/teams/{team}/free-times?count=0"), 400);
    }

    private static (string Slug, string Title, int Minutes, string Start) Describe(JsonNode time) =>
        (time["meeting_type"]!.GetValue<string>(), time["title"]!.GetValue<string>(), time["duration_minutes"]!.GetValue<int>(), time["start"]!.GetValue<string>());
}
