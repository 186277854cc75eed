using System.Net;
using System.Text.Json.Nodes;

namespace Agenda.Api.Tests.V1;

/// <summary>POST of a booking with an Idempotency-Key books once, however often and however concurrently it is sent.</summary>
public sealed class V1IdempotencyTests(ApiHost host) : V1IdempotencyTestsBase(host), IClassFixture<ApiHost>;

public sealed class V1IdempotencyTestsOnPostgres(PostgresApiHost host) : V1IdempotencyTestsBase(host), IClassFixture<PostgresApiHost>;

public abstract class V1IdempotencyTestsBase(ApiHost host)
{
    private readonly ApiClient api = host.Api();

    [Fact]
    public async Task The_same_key_and_body_return_the_original_answer_and_book_once()
    {
        var owner = await OwnerWithIntro();

        var (firstStatus, first) = await Post(owner, "key-1", "2027-03-01T09:00:00Z", "Ben");
        var (secondStatus, second) = await Post(owner, "key-1", "2027-03-01T09:00:00Z", "Ben");

        Assert.Equal(HttpStatusCode.Created, firstStatus);
        Assert.Equal(HttpStatusCode.Created, secondStatus);
        Assert.Equal(first["id"]!.GetValue<string>(), second["id"]!.GetValue<string>());
        Assert.Equal(first["management_token"]!.GetValue<string>(), second["management_token"]!.GetValue<string>());
        Assert.Single(await api.Upcoming(owner));
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_a_422_and_books_nothing_more()
    {
        var owner = await OwnerWithIntro();
        await Post(owner, "key-2", "2027-03-01T09:00:00Z", "Ben");

        using var response = await Send(owner, "key-2", "2027-03-01T10:00:00Z", "Ben");

        await Expect.Problem(response, 422);
        Assert.Single(await api.Upcoming(owner));
    }

    [Fact]
    public async Task Twenty_identical_requests_racing_store_one_booking_and_all_get_its_answer()
    {
        var owner = await OwnerWithIntro();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Post(owner, "race-key", "2027-03-01T11:00:00Z", "Ben"))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.Status));
        Assert.Single(answers.Select(a => a.Body["id"]!.GetValue<string>()).Distinct());
        Assert.Single(await api.Upcoming(owner));
    }

    [Fact]
    public async Task A_refused_request_leaves_its_key_unused()
    {
        var owner = await OwnerWithIntro();
        await Post(owner, "first", "2027-03-01T09:00:00Z", "Ana");

        using var refused = await Send(owner, "second", "2027-03-01T09:00:00Z", "Ben");
        await Expect.Problem(refused, 409);
        var (status, _) = await Post(owner, "second", "2027-03-01T10:00:00Z", "Ben");

        Assert.Equal(HttpStatusCode.Created, status);
    }

    [Fact]
    public async Task The_same_key_on_another_meeting_type_is_another_key()
    {
        var owner = await OwnerWithIntro();
        await api.CreateMeetingType(owner, new { slug = "other", title = "Other", duration_minutes = 30 });
        await Post(owner, "shared", "2027-03-01T09:00:00Z", "Ben");

        using var response = await host.Api().Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/v1/owners/{owner}/meeting-types/other/bookings")
        {
            Headers = { { "Idempotency-Key", "shared" } },
            Content = System.Net.Http.Json.JsonContent.Create(new { start = "2027-03-01T10:00:00Z", invitee = new { name = "Ben" } }),
        });

        await Expect.Status(response, 201);
    }

    private async Task<(HttpStatusCode Status, JsonNode Body)> Post(string owner, string key, string start, string name)
    {
        using var response = await Send(owner, key, start, name);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private Task<HttpResponseMessage> Send(string owner, string key, string start, string name) =>
        host.Api().Http.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/v1/owners/{owner}/meeting-types/intro/bookings")
        {
            Headers = { { "Idempotency-Key", key } },
            Content = System.Net.Http.Json.JsonContent.Create(new { start, invitee = new { name } }),
        });

    private async Task<string> OwnerWithIntro()
    {
        var owner = await api.CreateOwner();
        await api.SetAvailabilityOk(owner, ApiClient.OnDay("2027-03-01", "09:00", "12:00"));
        await api.CreateMeetingType(owner, new { slug = "intro", title = "Intro", duration_minutes = 60 });
        return owner;
    }
}
