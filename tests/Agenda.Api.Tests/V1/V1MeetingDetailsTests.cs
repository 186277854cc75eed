using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Agenda.Testing.ApiClient;

namespace Agenda.Api.Tests.V1;

public sealed class V1MeetingDetailsTests(ApiHost host) : V1MeetingDetailsTestsBase(host), IClassFixture<ApiHost>;

public sealed class V1MeetingDetailsTestsOnPostgres(PostgresApiHost host) : V1MeetingDetailsTestsBase(host), IClassFixture<PostgresApiHost>;

/// <summary>
/// A meeting type says where and how to meet (description, locations, questions, lengths, privacy, single-use links,
/// the invitee's change policy), and a booking carries its location and answers: checked at the API on both stores.
/// The test clock stands at 2024-11-25 08:00 UTC; the owner is free on Mondays 09:00-12:00 in Europe/Berlin.
/// </summary>
public abstract class V1MeetingDetailsTestsBase(ApiHost host)
{
    private const string Template = "https://meet.example.org/{room}";
    private readonly ApiClient api = host.Api();

    [Fact]
    public async Task A_type_keeps_its_details_and_shows_its_description_as_safe_html()
    {
        var owner = await Owner();
        var created = await api.CreateMeetingType(owner, new
        {
            slug = "consult",
            title = "Consultation",
            duration_minutes = 30,
            description = "**Bring** your notes.\n\n<script>alert(1)</script>\n\n# Agenda\n\n[site](https://example.com) [bad](javascript:alert(1))",
            locations = new object[]
            {
                new { kind = "video", value = Template },
                new { kind = "in_person", value = "Hauptstraße 1, 10115 Berlin", label = "Office" },
                new { kind = "phone", value = "+49 30 1234567" },
            },
            questions = new object[]
            {
                new { label = "Company name", kind = "short_text", required = true },
                new { id = "size", label = "Team size", kind = "single_choice", options = new[] { "1-10", "11-50", "51+" } },
            },
            duration_options_minutes = new[] { 60, 30, 15 },
            invitee_changes = new { cancel_notice_minutes = 1440, reason_required = true },
        });

        var read = await Expecting(api.Get($"/v1/owners/{owner}/meeting-types/consult"), 200);
        Assert.Equal(created.ToJsonString(), read.ToJsonString());
        var html = read["description_html"]!.GetValue<string>();
        Assert.Contains("<strong>Bring</strong>", html);
        Assert.Contains("<a href=\"https://example.com\">site</a>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.DoesNotContain("<h1", html);
        Assert.Equal("+49301234567", read["locations"]![2]!["value"]!.GetValue<string>());
        Assert.Equal("company-name", read["questions"]![0]!["id"]!.GetValue<string>());
        Assert.Equal([15, 30, 60], read["duration_options_minutes"]!.AsArray().Select(d => d!.GetValue<int>()));
        Assert.True(read["invitee_changes"]!["reason_required"]!.GetValue<bool>());
    }

    public static TheoryData<string, string> BadDetails => new()
    {
        { """{"locations": [{"kind": "teleport"}]}""", "locations[0].kind" },
        { """{"locations": [{"kind": "video", "value": "https://meet.example.org/fixed"}]}""", "locations[0].value" },
        { """{"locations": [{"kind": "video", "value": "http://meet.example.org/{room}"}]}""", "locations[0].value" },
        { """{"locations": [{"kind": "phone", "value": "call me maybe"}]}""", "locations[0].value" },
        { """{"locations": [{"kind": "link", "value": "javascript:alert(1)"}]}""", "locations[0].value" },
        { """{"locations": [{"kind": "in_person"}]}""", "locations[0].value" },
        { """{"questions": [{"label": "Pick", "kind": "single_choice", "options": ["only"]}]}""", "questions[0].options" },
        { """{"questions": [{"label": "A", "kind": "short_text", "id": "x"}, {"label": "B", "kind": "number", "id": "x"}]}""", "questions[1].id" },
        { """{"questions": [{"label": "Age", "kind": "number", "minimum": 10, "maximum": 5}]}""", "questions[0].maximum" },
        { """{"duration_options_minutes": [15, 60]}""", "duration_options_minutes" },
        { """{"redirect_url": "ftp://example.com/"}""", "redirect_url" },
        { $$"""{"description": "{{new string('x', 5001)}}"}""", "description" },
    };

    [Theory]
    [MemberData(nameof(BadDetails))]
    public async Task Bad_details_are_a_400_naming_the_field_and_nothing_is_kept(string details, string field)
    {
        var owner = await Owner();
        var body = JsonNode.Parse(details)!.AsObject();
        body["slug"] = "bad";
        body["title"] = "Bad";
        body["duration_minutes"] = 30;

        using var response = await api.PostRaw($"/v1/owners/{owner}/meeting-types", body.ToJsonString());

        var problem = await Expect.Problem(response, 400);
        Assert.True(problem["errors"]![field] is not null, $"{field} in {problem["errors"]}");
        await Expect.Status(await api.Get($"/v1/owners/{owner}/meeting-types/bad"), 404);
    }

    [Fact]
    public async Task A_video_booking_gets_a_room_of_its_own_and_keeps_the_answers()
    {
        var owner = await Owner();
        await VideoType(owner);

        var first = await Book(owner, "2027-03-01T09:00:00+01:00", new { topic = "Budget", newsletter = true, interests = new[] { "b", "a" } }, new { kind = "video" });
        var second = await Book(owner, "2027-03-01T10:00:00+01:00", new { topic = "Hiring" }, null);

        var room = first["location"]!["value"]!.GetValue<string>();
        Assert.Equal("video", first["location"]!["kind"]!.GetValue<string>());
        Assert.Matches("^https://meet\\.example\\.org/agenda-[a-z2-7]{26}$", room);
        Assert.NotEqual(room, second["location"]!["value"]!.GetValue<string>());
        var answers = first["answers"]!.AsArray();
        Assert.Equal(["topic", "newsletter", "interests"], answers.Select(a => a!["id"]!.GetValue<string>()));
        Assert.Equal("Topic", answers[0]!["question"]!.GetValue<string>());
        Assert.Equal(["yes"], answers[1]!["values"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["a", "b"], answers[2]!["values"]!.AsArray().Select(v => v!.GetValue<string>()));

        var listed = await api.Get($"/v1/owners/{owner}/bookings");
        var bookings = (await Expect.Json(listed, 200))["bookings"]!.AsArray();
        Assert.Equal(room, bookings[0]!["location"]!["value"]!.GetValue<string>());
        Assert.Equal("Budget", bookings[0]!["answers"]![0]!["values"]![0]!.GetValue<string>());
    }

    public static TheoryData<string, string> BadAnswers => new()
    {
        { """{}""", "answers.topic" },
        { """{"topic": "   "}""", "answers.topic" },
        { """{"topic": "Budget", "interests": ["a", "z"]}""", "answers.interests" },
        { """{"topic": "Budget", "interests": ["a", "b", "c"]}""", "answers.interests" },
        { """{"topic": "Budget", "seats": "many"}""", "answers.seats" },
        { """{"topic": "Budget", "seats": 99}""", "answers.seats" },
        { """{"topic": "Budget", "phone": "12"}""", "answers.phone" },
        { """{"topic": "Budget", "site": "javascript:alert(1)"}""", "answers.site" },
        { """{"topic": "Budget", "unknown": "x"}""", "answers.unknown" },
        { """{"topic": {"nested": true}}""", "answers.topic" },
        { """{"topic": ["a", "b"]}""", "answers.topic" },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task A_wrong_answer_is_a_400_naming_the_question_and_books_nothing(string answers, string field)
    {
        var owner = await Owner();
        await VideoType(owner);

        using var response = await api.PostRaw($"/v1/owners/{owner}/meeting-types/call/bookings",
            $$"""{"start": "2027-03-01T09:00:00+01:00", "invitee": {"name": "Ben"}, "answers": {{answers}}}""");

        var problem = await Expect.Problem(response, 400);
        Assert.True(problem["errors"]![field] is not null, $"{field} in {problem["errors"]}");
        Assert.Empty(await api.Upcoming(owner));
    }

    [Fact]
    public async Task Where_to_meet_must_be_one_the_type_offers_and_a_call_to_the_invitee_needs_their_number()
    {
        var owner = await Owner();
        await api.CreateMeetingType(owner, new
        {
            slug = "call",
            title = "Call",
            duration_minutes = 30,
            locations = new object[] { new { kind = "invitee_phone" }, new { kind = "in_person", value = "Office A" }, new { kind = "in_person", value = "Office B" } },
        });

        async Task<JsonNode> Refused(object? location)
        {
            using var response = await api.Post($"/v1/owners/{owner}/meeting-types/call/bookings",
                new { start = "2027-03-01T09:00:00+01:00", invitee = new { name = "Ben" }, location });
            return (await Expect.Problem(response, 400))["errors"]!;
        }

        Assert.NotNull((await Refused(null))["location"]);
        Assert.NotNull((await Refused(new { kind = "video" }))["location"]);
        Assert.NotNull((await Refused(new { kind = "in_person", value = "Office C" }))["location"]);
        Assert.NotNull((await Refused(new { kind = "invitee_phone" }))["location.phone"]);
        Assert.NotNull((await Refused(new { kind = "invitee_phone", phone = "0000" }))["location.phone"]);
        Assert.Empty(await api.Upcoming(owner));

        using var called = await api.Post($"/v1/owners/{owner}/meeting-types/call/bookings",
            new { start = "2027-03-01T09:00:00+01:00", invitee = new { name = "Ben" }, location = new { kind = "invitee_phone", phone = "+44 20 7946 0958" } });
        Assert.Equal("+442079460958", (await Expect.Json(called, 201))["location"]!["value"]!.GetValue<string>());
        using var office = await api.Post($"/v1/owners/{owner}/meeting-types/call/bookings",
            new { start = "2027-03-01T10:00:00+01:00", invitee = new { name = "Ana" }, location = new { kind = "in_person", value = "Office B" } });
        Assert.Equal("Office B", (await Expect.Json(office, 201))["location"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_invitee_picks_a_length_and_search_booking_and_moving_honour_it()
    {
        var owner = await Owner();
        await api.CreateMeetingType(owner, new { slug = "talk", title = "Talk", duration_minutes = 30, step_minutes = 30, duration_options_minutes = new[] { 30, 90 } });

        using var longSlots = await api.Get($"/v1/owners/{owner}/meeting-types/talk/slots?from=2027-03-01&to=2027-03-01&duration_minutes=90");
        var slots = (await Expect.Json(longSlots, 200))["slots"]!.AsArray();
        Assert.Equal(["09:00", "09:30", "10:00", "10:30"], slots.Select(s => s!["start"]!.GetValue<string>()[11..16]));
        Assert.All(slots, s => Assert.EndsWith(":00Z", s!["end_utc"]!.GetValue<string>()));

        using var booked = await api.Post($"/v1/owners/{owner}/meeting-types/talk/bookings",
            new { start = "2027-03-01T09:30:00+01:00", duration_minutes = 90, invitee = new { name = "Ben" } });
        var booking = await Expect.Json(booked, 201);
        Assert.Equal("2027-03-01T11:00:00+01:00", booking["end"]!.GetValue<string>());
        Assert.Equal(["09:00", "11:00", "11:30"], await StartsOn(owner, "talk"));

        var token = booking["management_token"]!.GetValue<string>();
        using var move = new HttpRequestMessage(HttpMethod.Post, $"/v1/bookings/{booking["id"]}/reschedule")
        {
            Headers = { Authorization = new("Bearer", token) },
            Content = JsonContent.Create(new { start = "2027-03-01T10:30:00+01:00" }),
        };
        var moved = await Expecting(api.Http.SendAsync(move), 200);
        Assert.Equal("2027-03-01T12:00:00+01:00", moved["end"]!.GetValue<string>());

        using var unknown = await api.Get($"/v1/owners/{owner}/meeting-types/talk/slots?from=2027-03-01&to=2027-03-01&duration_minutes=45");
        Assert.NotNull((await Expect.Problem(unknown, 400))["errors"]!["duration_minutes"]);
        using var unoffered = await api.Post($"/v1/owners/{owner}/meeting-types/talk/bookings",
            new { start = "2027-03-01T09:00:00+01:00", duration_minutes = 60, invitee = new { name = "Ana" } });
        Assert.NotNull((await Expect.Problem(unoffered, 400))["errors"]!["duration_minutes"]);
        Assert.Single(await api.Upcoming(owner));
    }

    [Fact]
    public async Task An_invitee_may_cancel_only_until_the_notice_and_with_a_reason_the_owner_any_time()
    {
        var owner = await Owner();
        await api.CreateMeetingType(owner, new { slug = "firm", title = "Firm", duration_minutes = 30, invitee_changes = new { cancel_notice_minutes = 60, reschedule_notice_minutes = 60, reason_required = true } });
        // The clock stands at 2024-11-25 08:00 UTC: a meeting at 09:30 Berlin (08:30 UTC) is 30 minutes away.
        await api.Put($"/v1/owners/{owner}/date-overrides/2024-11-25", new { hours = new[] { new { start = "09:00", end = "12:00" } } });
        using var soon = await api.Post($"/v1/owners/{owner}/meeting-types/firm/bookings", new { start = "2024-11-25T09:30:00+01:00", invitee = new { name = "Ben" } });
        var near = await Expect.Json(soon, 201);
        using var later = await api.Post($"/v1/owners/{owner}/meeting-types/firm/bookings", new { start = "2027-03-01T09:00:00+01:00", invitee = new { name = "Ana" } });
        var far = await Expect.Json(later, 201);

        Assert.Equal("too_late_for_invitee", await Change(near, "cancel", new { reason = "Ill" }));
        Assert.Equal("too_late_for_invitee", await Change(near, "reschedule", new { start = "2024-11-25T10:30:00+01:00" }));
        Assert.Equal("reason_required", await Change(far, "cancel", new { reason = " " }));
        Assert.Null(await Change(far, "cancel", new { reason = "Plans changed" }));
    }

    [Fact]
    public async Task Of_sixteen_bookings_racing_through_one_single_use_link_exactly_one_books()
    {
        var owner = await Owner();
        await api.CreateMeetingType(owner, new { slug = "once", title = "Once", duration_minutes = 10, @private = true });
        var link = await Expecting(api.Post($"/v1/owners/{owner}/meeting-types/once/single-use-links", new { label = "For Ben" }), 201);
        var token = link["token"]!.GetValue<string>();
        Assert.StartsWith("sul_", token);
        Assert.EndsWith($"/link/{token}", link["url"]!.GetValue<string>());

        using var start = new SemaphoreSlim(0);
        var attempts = Enumerable.Range(0, 16).Select(async i =>
        {
            var client = host.Api();
            await start.WaitAsync();
            // Sixteen different slots, so only the link can refuse all but one.
            var at = new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.FromHours(1)).AddMinutes(10 * i);
            using var response = await client.Post($"/v1/owners/{owner}/meeting-types/once/bookings",
                new { start = at.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture), invitee = new { name = $"guest{i}" }, single_use_link = token });
            return (response.StatusCode, Reason: response.StatusCode == HttpStatusCode.Conflict ? (await Expect.Problem(response, 409))["reason"]!.GetValue<string>() : null);
        }).ToList();
        start.Release(16);
        var results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal("link_used", r.Reason));
        var booked = Assert.Single(await api.Upcoming(owner));
        var listed = (await Expecting(api.Get($"/v1/owners/{owner}/meeting-types/once/single-use-links"), 200))["links"]!.AsArray();
        var used = Assert.Single(listed);
        Assert.Equal("used", used!["status"]!.GetValue<string>());
        Assert.Null(used["token"]);
        Assert.Equal("For Ben", used["label"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_revoked_link_or_a_link_to_another_type_books_nothing_and_a_private_type_is_not_listed()
    {
        var owner = await Owner();
        await api.CreateMeetingType(owner, new { slug = "secret", title = "Secret", duration_minutes = 30, @private = true });
        await api.CreateMeetingType(owner, new { slug = "open", title = "Open", duration_minutes = 30 });
        var revoked = await Expecting(api.Post($"/v1/owners/{owner}/meeting-types/secret/single-use-links", new { }), 201);
        var other = await Expecting(api.Post($"/v1/owners/{owner}/meeting-types/secret/single-use-links", new { }), 201);
        await Expect.Status(await api.Delete($"/v1/owners/{owner}/meeting-types/secret/single-use-links/{revoked["id"]}"), 204);
        await Expect.Status(await api.Delete($"/v1/owners/{owner}/meeting-types/secret/single-use-links/{revoked["id"]}"), 404);

        using var withRevoked = await api.Post($"/v1/owners/{owner}/meeting-types/secret/bookings",
            new { start = "2027-03-01T09:00:00+01:00", invitee = new { name = "Ben" }, single_use_link = revoked["token"]!.GetValue<string>() });
        using var elsewhere = await api.Post($"/v1/owners/{owner}/meeting-types/open/bookings",
            new { start = "2027-03-01T09:00:00+01:00", invitee = new { name = "Ben" }, single_use_link = other["token"]!.GetValue<string>() });

        Assert.Equal("link_used", (await Expect.Problem(withRevoked, 409))["reason"]!.GetValue<string>());
        Assert.Equal("link_used", (await Expect.Problem(elsewhere, 409))["reason"]!.GetValue<string>());
        Assert.Empty(await api.Upcoming(owner));
        var listed = (await Expecting(api.Get($"/v1/owners/{owner}/meeting-types"), 200))["meeting_types"]!.AsArray();
        Assert.Equal(["open"], listed.Select(t => t!["slug"]!.GetValue<string>()));
        Assert.True((await Expecting(api.Get($"/v1/owners/{owner}/meeting-types/secret"), 200))["private"]!.GetValue<bool>());
    }

    private async Task<string?> Change(JsonNode booking, string change, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/bookings/{booking["id"]}/{change}")
        {
            Headers = { Authorization = new("Bearer", booking["management_token"]!.GetValue<string>()) },
            Content = JsonContent.Create(body),
        };
        using var response = await api.Http.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK ? null : (await Expect.Problem(response, 409))["reason"]!.GetValue<string>();
    }

    private async Task<string[]> StartsOn(string owner, string slug) =>
        [.. (await api.SlotStartsV1(owner, slug, "2027-03-01", "2027-03-01")).Select(s => s[11..16])];

    private async Task<JsonNode> Book(string owner, string start, object answers, object? location)
    {
        using var response = await api.Post($"/v1/owners/{owner}/meeting-types/call/bookings",
            new { start, invitee = new { name = "Ben", email = "ben@example.com" }, answers, location });
        return await Expect.Json(response, 201);
    }

    private Task<JsonNode> VideoType(string owner) =>
        api.CreateMeetingType(owner, new
        {
            slug = "call",
            title = "Call",
            duration_minutes = 30,
            locations = new object[] { new { kind = "video", value = Template } },
            questions = new object[]
            {
                new { id = "topic", label = "Topic", kind = "short_text", required = true, max_length = 100 },
                new { id = "newsletter", label = "Newsletter", kind = "checkbox" },
                new { id = "interests", label = "Interests", kind = "multiple_choice", options = new[] { "a", "b", "c" }, max_length = 2 },
                new { id = "seats", label = "Seats", kind = "number", minimum = 1, maximum = 10 },
                new { id = "phone", label = "Phone", kind = "phone" },
                new { id = "site", label = "Website", kind = "url" },
            },
        });

    private async Task<string> Owner()
    {
        var owner = await api.CreateOwner("Europe/Berlin");
        await api.PutWeeklyHours(owner, new { monday = new[] { new { start = "09:00", end = "12:00" } } });
        return owner;
    }
}
