using System.Net;

namespace Agenda.Api.Tests;

public sealed class DocumentedIdempotencyTests(ApiHost host) : DocumentedIdempotencyTestsBase(host), IClassFixture<ApiHost>;

public sealed class DocumentedIdempotencyTestsOnPostgres(PostgresApiHost host) : DocumentedIdempotencyTestsBase(host), IClassFixture<PostgresApiHost>;

/// <summary>The documented book_slot route accepts an Idempotency-Key too, so a client that retries after a lost answer books once.</summary>
public abstract class DocumentedIdempotencyTestsBase(ApiHost host)
{
    private readonly ApiClient api = host.Api();

    [Fact]
    public async Task The_same_key_and_body_replay_the_first_answer_and_book_once()
    {
        var owner = await Owner();

        using var first = await Book(owner, "doc-key-1", "09:00");
        using var again = await Book(owner, "doc-key-1", "09:00");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Single(await api.Upcoming(owner));
    }

    [Fact]
    public async Task The_same_key_with_another_slot_is_a_422_and_books_nothing_more()
    {
        var owner = await Owner();
        using var first = await Book(owner, "doc-key-2", "09:00");

        using var other = await Book(owner, "doc-key-2", "10:00");

        await Expect.Problem(other, 422);
        Assert.Single(await api.Upcoming(owner));
    }

    [Fact]
    public async Task A_refused_request_leaves_its_key_unused_and_a_key_is_per_owner()
    {
        var owner = await Owner();
        var other = await Owner();
        using var taken = await Book(owner, "someone-else", "09:00");

        using var refused = await Book(owner, "doc-key-3", "09:00");
        using var elsewhere = await Book(other, "doc-key-3", "09:00");

        Assert.Equal("taken", (await Expect.Problem(refused, 409))["reason"]!.GetValue<string>());
        await Expect.Status(elsewhere, 201);
    }

    [Theory]
    [InlineData("")]
    [InlineData("way-too-long")]
    public async Task A_malformed_key_is_a_400_and_books_nothing(string key)
    {
        var owner = await Owner();

        using var response = await Book(owner, key == "way-too-long" ? new string('k', 256) : key, "09:00");

        await Expect.Problem(response, 400);
        Assert.Empty(await api.Upcoming(owner));
    }

    private async Task<string> Owner()
    {
        var owner = ApiClient.NewOwner();
        await api.SetAvailabilityOk(owner, ApiClient.OnDay("2027-03-01", "09:00", "12:00"));
        return owner;
    }

    private Task<HttpResponseMessage> Book(string owner, string key, string time)
    {
        var end = $"{int.Parse(time[..2], System.Globalization.CultureInfo.InvariantCulture) + 1:00}:00";
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/appointments/book_slot")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { owner, invitee = "ben", start_time = $"2027-03-01T{time}", end_time = $"2027-03-01T{end}" }),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return api.Http.SendAsync(request);
    }
}
