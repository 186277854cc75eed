using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Agenda.Api.Bookings;
using Microsoft.Extensions.DependencyInjection;
using static Agenda.Testing.ApiClient;

namespace Agenda.Api.Tests.V1;

public sealed class V1ApprovalTests(ApiHost host) : V1ApprovalTestsBase(host, onPostgres: false), IClassFixture<ApiHost>;

public sealed class V1ApprovalTestsOnPostgres(PostgresApiHost host) : V1ApprovalTestsBase(host, onPostgres: true), IClassFixture<PostgresApiHost>;

/// <summary>
/// A meeting type that requires approval: each booking is a request the owner confirms or declines, or that expires;
/// checked at the API on both stores, races included. The test clock stands at 2024-11-25 08:00 UTC; the owner is free
/// on Mondays 09:00-12:00 in Europe/Berlin, and 2027-03-01 is a Monday.
/// </summary>
public abstract class V1ApprovalTestsBase(ApiHost host, bool onPostgres)
{
    private const string Nine = "2027-03-01T09:00:00+01:00";
    private readonly ApiClient api = host.Api();

    [Fact]
    public async Task A_request_that_holds_its_time_is_pending_until_the_owner_confirms_it()
    {
        var owner = await Owner(new { holds_time = true });
        var request = await Book(owner, "Ana");

        Assert.Equal("pending", request["status"]!.GetValue<string>());
        Assert.Equal("2024-11-26T08:00:00Z", request["expires_at"]!.GetValue<string>());
        Assert.DoesNotContain("09:00", await Offered(owner));
        var pending = await Expecting(api.Get($"/v1/owners/{owner}/bookings?status=pending"), 200);
        Assert.Equal(request["id"]!.GetValue<string>(), Assert.Single(pending["bookings"]!.AsArray())!["id"]!.GetValue<string>());
        Assert.Empty(await api.Upcoming(owner)); // the documented list shows appointments, not requests

        var confirmed = await Expecting(api.Post($"/v1/bookings/{request["id"]}/confirm", new { }), 200);

        Assert.Equal("active", confirmed["status"]!.GetValue<string>());
        Assert.Null(confirmed["expires_at"]);
        Assert.DoesNotContain("09:00", await Offered(owner));
        Assert.Single(await api.Upcoming(owner));
        var again = await Expect.Problem(await api.Post($"/v1/bookings/{request["id"]}/confirm", new { }), 409);
        Assert.Equal("already_confirmed", again["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Requests_that_do_not_hold_their_time_leave_the_slot_offered_until_one_is_confirmed()
    {
        var owner = await Owner(new { holds_time = false });
        var first = await Book(owner, "Ana");
        var second = await Book(owner, "Ben");
        Assert.Contains("09:00", await Offered(owner));

        await Expecting(api.Post($"/v1/bookings/{first["id"]}/confirm", new { }), 200);
        Assert.DoesNotContain("09:00", await Offered(owner));
        var taken = await Expect.Problem(await api.Post($"/v1/bookings/{second["id"]}/confirm", new { }), 409);
        Assert.Equal("taken", taken["reason"]!.GetValue<string>());
        var declined = await Expecting(api.Post($"/v1/bookings/{second["id"]}/decline", new { reason = "That time went to someone else." }), 200);

        Assert.Equal("declined", declined["status"]!.GetValue<string>());
        Assert.Equal("That time went to someone else.", declined["cancel_reason"]!.GetValue<string>());
        var twice = await Expect.Problem(await api.Post($"/v1/bookings/{second["id"]}/decline", new { }), 409);
        Assert.Equal("already_declined", twice["reason"]!.GetValue<string>());
        var listed = await Expecting(api.Get($"/v1/owners/{owner}/bookings?status=declined"), 200);
        Assert.Single(listed["bookings"]!.AsArray());
    }

    [Fact]
    public async Task Of_overlapping_requests_confirmed_at_once_exactly_one_is_confirmed_and_of_one_request_confirmed_at_once_exactly_one_answer_confirms()
    {
        var owner = await Owner(new { holds_time = false });
        var requests = new List<string>();
        foreach (var name in Enumerable.Range(0, 8).Select(i => $"Guest {i}"))
        {
            requests.Add((await Book(owner, name))["id"]!.GetValue<string>());
        }

        var overlapping = await Race(requests.Select(id => $"/v1/bookings/{id}/confirm"));
        Assert.Equal(1, overlapping.Count(r => r.Status == HttpStatusCode.OK));
        Assert.All(overlapping.Where(r => r.Status != HttpStatusCode.OK), r => Assert.Equal((HttpStatusCode.Conflict, "taken"), (r.Status, r.Reason)));
        var active = await Expecting(api.Get($"/v1/owners/{owner}/bookings?status=upcoming"), 200);
        Assert.Single(active["bookings"]!.AsArray(), b => b!["status"]!.GetValue<string>() == "active");

        var lone = (await Book(owner, "Lone", "2027-03-01T11:00:00+01:00"))["id"]!.GetValue<string>();
        var same = await Race(Enumerable.Repeat($"/v1/bookings/{lone}/confirm", 16));
        Assert.Equal(1, same.Count(r => r.Status == HttpStatusCode.OK));
        Assert.All(same.Where(r => r.Status != HttpStatusCode.OK), r => Assert.Equal((HttpStatusCode.Conflict, "already_confirmed"), (r.Status, r.Reason)));
    }

    [Fact]
    public async Task Only_the_owner_answers_a_request_the_invitee_may_withdraw_it_and_a_request_is_not_moved()
    {
        var owner = await Owner(new { });
        var request = await Book(owner, "Ana");
        var token = request["management_token"]!.GetValue<string>();

        await Expect.Status(await WithToken(HttpMethod.Post, $"/v1/bookings/{request["id"]}/confirm", token, new { }), 403);
        var moved = await Expect.Problem(await WithToken(HttpMethod.Post, $"/v1/bookings/{request["id"]}/reschedule", token, new { start = "2027-03-01T10:00:00+01:00" }), 409);
        Assert.Equal("awaiting_approval", moved["reason"]!.GetValue<string>());
        var withdrawn = await Expect.Json(await WithToken(HttpMethod.Post, $"/v1/bookings/{request["id"]}/cancel", token, new { }), 200);

        Assert.Equal("cancelled", withdrawn["status"]!.GetValue<string>());
        Assert.Contains("09:00", await Offered(owner));
        var late = await Expect.Problem(await api.Post($"/v1/bookings/{request["id"]}/confirm", new { }), 409);
        Assert.Equal("already_cancelled", late["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unanswered_request_expires_frees_its_time_and_can_no_longer_be_confirmed()
    {
        await using var own = onPostgres ? new PostgresApiHost() : new ApiHost();
        var client = own.Api();
        var owner = await Owner(new { expires_after_minutes = 120 }, client);
        var request = await Book(owner, "Ana", client: client);
        var sweep = own.Services.GetRequiredService<RequestExpiry>();
        Assert.Equal(0, await sweep.RunOnceAsync(default));

        own.Clock.Advance(TimeSpan.FromMinutes(120));

        var refused = await Expect.Problem(await client.Post($"/v1/bookings/{request["id"]}/confirm", new { }), 409);
        Assert.Equal("request_expired", refused["reason"]!.GetValue<string>());
        Assert.Equal(1, await sweep.RunOnceAsync(default));
        var expired = await Expecting(client.Get($"/v1/bookings/{request["id"]}"), 200);
        Assert.Equal("expired", expired["status"]!.GetValue<string>());
        Assert.Contains("09:00", await Offered(owner, client));
        Assert.Equal(0, await sweep.RunOnceAsync(default));
    }

    [Fact]
    public async Task Bad_approval_settings_are_a_400_naming_the_field_and_nothing_is_kept()
    {
        var owner = await api.CreateOwner("Europe/Berlin");
        foreach (var (body, field) in new (object Body, string Field)[]
        {
            (new { slug = "bad", title = "Bad", duration_minutes = 60, approval = new { expires_after_minutes = 10 } }, "approval.expires_after_minutes"),
            (new { slug = "bad", title = "Bad", duration_minutes = 60, approval = new { }, seats = 5 }, "approval"),
        })
        {
            var problem = await Expect.Problem(await api.Post($"/v1/owners/{owner}/meeting-types", body), 400);
            Assert.True(problem["errors"]![field] is not null, $"{field} in {problem["errors"]}");
        }

        await Expect.Status(await api.Get($"/v1/owners/{owner}/meeting-types/bad"), 404);
    }

    private async Task<List<(HttpStatusCode Status, string? Reason)>> Race(IEnumerable<string> paths)
    {
        using var start = new SemaphoreSlim(0);
        var attempts = paths.Select(async path =>
        {
            var client = host.Api();
            await start.WaitAsync();
            using var response = await client.Post(path, new { });
            var body = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, response.StatusCode == HttpStatusCode.Conflict ? JsonNode.Parse(body)!["reason"]!.GetValue<string>() : null);
        }).ToList();
        start.Release(attempts.Count);
        return [.. await Task.WhenAll(attempts)];
    }

    private Task<HttpResponseMessage> WithToken(HttpMethod method, string path, string token, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return api.Http.SendAsync(request);
    }

    private async Task<List<string>> Offered(string owner, ApiClient? client = null)
    {
        var slots = (await Expecting((client ?? api).Get($"/v1/owners/{owner}/meeting-types/request/slots?from=2027-03-01&to=2027-03-01"), 200))["slots"]!.AsArray();
        return [.. slots.Select(s => s!["start"]!.GetValue<string>()[11..16])];
    }

    private async Task<JsonNode> Book(string owner, string name, string start = Nine, ApiClient? client = null) =>
        await Expect.Json(await (client ?? api).Post($"/v1/owners/{owner}/meeting-types/request/bookings", new { start, invitee = new { name, email = "guest@example.com" } }), 201);

    private async Task<string> Owner(object approval, ApiClient? client = null)
    {
        client ??= api;
        var owner = await client.CreateOwner("Europe/Berlin");
        await client.PutWeeklyHours(owner, new { monday = new[] { new { start = "09:00", end = "12:00" } } });
        await client.CreateMeetingType(owner, new { slug = "request", title = "Consultation", duration_minutes = 60, approval });
        return owner;
    }
}
