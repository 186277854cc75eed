using System.Text.Json.Nodes;
using Agenda.Api.Tests.Support;
using StandardWebhooks;

namespace Agenda.Api.Tests.V1;

public sealed class V1WebhookTests() : V1WebhookTestsBase(new WebhookHost());

public sealed class V1WebhookTestsOnPostgres() : V1WebhookTestsBase(new PostgresWebhookHost());

/// <summary>
/// Booking events reach owners' webhook endpoints from the outbox, signed as Standard Webhooks require; each test has a
/// host of its own, since some move the clock.
/// </summary>
public abstract class V1WebhookTestsBase(ApiHost host) : IAsyncLifetime
{
    private readonly ApiClient api = host.Api();
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        host.Dispose();
    }

    [Fact]
    public async Task Booking_cancelling_and_rescheduling_each_send_one_signed_event_with_the_booking()
    {
        var owner = await OwnerWithIntro();
        var secret = await SubscribeAsync(owner);

        var booking = await Expect.Json(await api.BookV1(owner, "intro", "2027-03-01T09:00:00+01:00", name: "Ben", email: "ben@example.com"), 201);
        var id = booking["id"]!.GetValue<string>();
        var token = booking["management_token"]!.GetValue<string>();
        await Expect.Status(await Send(HttpMethod.Post, $"/v1/bookings/{id}/reschedule", token, new { start = "2027-03-01T10:00:00+01:00" }), 200);
        await Expect.Status(await Send(HttpMethod.Post, $"/v1/bookings/{id}/cancel", token, new { reason = "ill" }), 200);

        var received = await receiver.WaitForAsync(3);
        var bodies = received.Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.Equal(["booking.created", "booking.rescheduled", "booking.cancelled"], bodies.Select(b => b["type"]!.GetValue<string>()).Order(new EventOrder()));
        Assert.Equal(3, received.Select(r => r.Id).Distinct().Count());
        Assert.All(received, r => AssertSigned(r, secret));
        var moved = bodies.Single(b => b["type"]!.GetValue<string>() == "booking.rescheduled")["data"]!;
        Assert.Equal(id, moved["booking_id"]!.GetValue<string>());
        Assert.Equal("2027-03-01T09:00:00Z", moved["start_utc"]!.GetValue<string>());
        Assert.Equal("2027-03-01T08:00:00Z", moved["previous_start_utc"]!.GetValue<string>());
        Assert.Equal("2027-03-01T10:00:00+01:00", moved["start"]!.GetValue<string>());
        Assert.Equal(1, moved["sequence"]!.GetValue<int>());
        Assert.Equal("ben@example.com", moved["invitee"]!["email"]!.GetValue<string>());
        var cancelled = bodies.Single(b => b["type"]!.GetValue<string>() == "booking.cancelled")["data"]!;
        Assert.Equal("cancelled", cancelled["status"]!.GetValue<string>());
        Assert.Equal("ill", cancelled["cancel_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_team_booking_sends_each_host_its_share_naming_the_team_booking()
    {
        var hosts = new[] { await OwnerWithIntro(), await OwnerWithIntro() };
        foreach (var owner in hosts)
        {
            await SubscribeAsync(owner);
        }

        var team = ApiClient.NewOwner();
        await Expect.Status(await api.Post($"/v1/owners/{hosts[0]}/teams", new { id = team, name = "Panel" }), 201);
        await Expect.Status(await api.Put($"/v1/teams/{team}/members/{hosts[1]}", new { }), 200);
        await Expect.Status(await api.Post($"/v1/teams/{team}/meeting-types", new
        {
            slug = "panel",
            title = "Panel",
            kind = "collective",
            duration_minutes = 30,
            hosts = hosts.Select(h => new { owner_id = h }).ToArray(),
        }), 201);

        var booking = await Expect.Json(await api.Post($"/v1/teams/{team}/meeting-types/panel/bookings", new { start = "2027-03-01T09:00:00+01:00", invitee = new { name = "Zoe" } }), 201);

        var data = (await receiver.WaitForAsync(2)).Select(r => JsonNode.Parse(r.Body)!["data"]!).ToList();
        Assert.Equal(hosts.Order(), data.Select(d => d["owner_id"]!.GetValue<string>()).Order());
        Assert.All(data, d => Assert.Equal(booking["id"]!.GetValue<string>(), d["team_booking_id"]!.GetValue<string>()));
        Assert.All(data, d => Assert.Equal(team, d["team_id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Each_seat_of_a_class_sends_its_own_event_and_a_request_sends_requested_then_confirmed_with_its_status()
    {
        var owner = await OwnerWithIntro();
        await SubscribeAsync(owner);
        await api.CreateMeetingType(owner, new { slug = "class", title = "Class", duration_minutes = 60, seats = 5 });
        await api.CreateMeetingType(owner, new { slug = "consult", title = "Consult", duration_minutes = 30, approval = new { } });
        var seats = new List<string>();
        foreach (var name in new[] { "Ana", "Ben", "Cy" })
        {
            seats.Add((await Expect.Json(await api.BookV1(owner, "class", "2027-03-01T10:00:00+01:00", name: name), 201))["id"]!.GetValue<string>());
        }

        var request = (await Expect.Json(await api.BookV1(owner, "consult", "2027-03-01T11:30:00+01:00", name: "Dee"), 201))["id"]!.GetValue<string>();
        await Expect.Status(await api.Post($"/v1/bookings/{request}/confirm", new { }), 200);

        var bodies = (await receiver.WaitForAsync(5)).Select(r => JsonNode.Parse(r.Body)!).ToList();
        var created = bodies.Where(b => b["type"]!.GetValue<string>() == "booking.created").Select(b => b["data"]!["booking_id"]!.GetValue<string>());
        Assert.Equal(seats.Order(), created.Order());
        var requested = Assert.Single(bodies, b => b["type"]!.GetValue<string>() == "booking.requested")["data"]!;
        var confirmed = Assert.Single(bodies, b => b["type"]!.GetValue<string>() == "booking.confirmed")["data"]!;
        Assert.Equal((request, "pending"), (requested["booking_id"]!.GetValue<string>(), requested["status"]!.GetValue<string>()));
        Assert.Equal((request, "active"), (confirmed["booking_id"]!.GetValue<string>(), confirmed["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_refused_booking_sends_nothing_and_an_endpoint_gets_only_the_events_it_chose()
    {
        var owner = await OwnerWithIntro();
        await SubscribeAsync(owner, events: ["booking.cancelled"]);
        await Expect.Status(await api.BookV1(owner, "intro", "2027-03-01T09:00:00+01:00"), 201);
        await Expect.Status(await api.BookV1(owner, "intro", "2027-03-01T09:00:00+01:00", name: "Late"), 409);
        await Expect.Status(await api.BookV1(owner, "intro", "2027-03-01T09:10:00+01:00", name: "Off grid"), 409);

        // Two rounds of the dispatcher; nothing may arrive.
        await OutboxRounds.DrainAsync(host.Services);

        Assert.Empty(receiver.Received);
        var endpoint = (await Expect.Json(await api.Get($"/v1/owners/{owner}/webhooks"), 200))["webhooks"]![0]!["id"]!.GetValue<string>();
        Assert.Empty((await Expect.Json(await api.Get($"/v1/owners/{owner}/webhooks/{endpoint}/deliveries"), 200))["deliveries"]!.AsArray());
    }

    [Fact]
    public async Task After_a_secret_rotation_messages_verify_with_the_old_and_the_new_secret()
    {
        var owner = await OwnerWithIntro();
        var old = await SubscribeAsync(owner);
        var endpoint = (await Expect.Json(await api.Get($"/v1/owners/{owner}/webhooks"), 200))["webhooks"]![0]!["id"]!.GetValue<string>();

        var rotated = await Expect.Json(await api.Post($"/v1/owners/{owner}/webhooks/{endpoint}/rotate-secret", new { }), 200);
        await Expect.Status(await api.BookV1(owner, "intro", "2027-03-01T09:00:00+01:00"), 201);

        var received = (await receiver.WaitForAsync(1))[0];
        var fresh = rotated["secret"]!.GetValue<string>();
        Assert.NotEqual(old, fresh);
        AssertSigned(received, old);
        AssertSigned(received, fresh);
        Assert.Null((await Expect.Json(await api.Get($"/v1/owners/{owner}/webhooks/{endpoint}"), 200))["secret"]);
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_on_schedule_and_the_log_shows_each_attempt()
    {
        var owner = await OwnerWithIntro();
        await SubscribeAsync(owner);
        var endpoint = (await Expect.Json(await api.Get($"/v1/owners/{owner}/webhooks"), 200))["webhooks"]![0]!["id"]!.GetValue<string>();
        var failing = true;
        receiver.Answer = () => failing ? 503 : 200;

        await Expect.Status(await api.BookV1(owner, "intro", "2027-03-01T09:00:00+01:00"), 201);
        await receiver.WaitForAsync(1);
        await WaitUntilAsync(async () => (await DeliveriesAsync(owner, endpoint))["attempts"]!.GetValue<int>() == 1);
        var log = await DeliveriesAsync(owner, endpoint);
        // The first retry is due 5 s later, with up to 10 % jitter; the clock has not moved, so no second attempt comes.
        var next = DateTimeOffset.Parse(log["next_attempt_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(next - host.Clock.GetUtcNow(), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(6));
        await OutboxRounds.DrainAsync(host.Services);
        Assert.Single(receiver.Received);
        Assert.Equal(503, log["attempt_log"]![0]!["status_code"]!.GetValue<int>());

        failing = false;
        host.Clock.Advance(TimeSpan.FromSeconds(6));
        await receiver.WaitForAsync(2);
        await WaitUntilAsync(async () => (await DeliveriesAsync(owner, endpoint))["status"]!.GetValue<string>() == "delivered");

        log = await DeliveriesAsync(owner, endpoint);
        Assert.Equal(2, log["attempts"]!.GetValue<int>());
        Assert.Equal([503, 200], log["attempt_log"]!.AsArray().Select(a => a!["status_code"]!.GetValue<int>()));
        Assert.Equal(receiver.Received.First().Id, receiver.Received.Last().Id);
    }

    [Fact]
    public async Task Only_https_urls_are_accepted_and_bad_events_are_named()
    {
        using var strict = new ApiHost();
        var strictApi = strict.Api();
        var owner = await strictApi.CreateOwner();

        using var http = await strictApi.Post($"/v1/owners/{owner}/webhooks", new { url = receiver.Url });
        using var loopback = await strictApi.Post($"/v1/owners/{owner}/webhooks", new { url = "https://127.0.0.1/hooks" });
        using var events = await strictApi.Post($"/v1/owners/{owner}/webhooks", new { url = "https://example.com/hooks", events = new[] { "booking.exploded" } });

        Assert.Contains("https", (await Expect.Problem(http, 400))["errors"]!["url"]![0]!.GetValue<string>());
        Assert.Contains("private or loopback", (await Expect.Problem(loopback, 400))["errors"]!["url"]![0]!.GetValue<string>());
        Assert.Contains("booking.created", (await Expect.Problem(events, 400))["errors"]!["events"]![0]!.GetValue<string>());
    }

    private static void AssertSigned(ReceivedWebhook received, string secret)
    {
        // The independent implementation signs the same id, timestamp and body; one of the header's signatures must match.
        var expected = new StandardWebhook(secret).Sign(received.Id, DateTimeOffset.FromUnixTimeSeconds(long.Parse(received.Timestamp, System.Globalization.CultureInfo.InvariantCulture)), received.Body);
        Assert.Contains(expected, received.Signature.Split(' '));
    }

    private async Task<string> SubscribeAsync(string owner, string[]? events = null)
    {
        var made = await Expect.Json(await api.Post($"/v1/owners/{owner}/webhooks", events is null ? new { url = receiver.Url } : new { url = receiver.Url, events }), 201);
        return made["secret"]!.GetValue<string>();
    }

    private async Task<JsonNode> DeliveriesAsync(string owner, string endpoint) =>
        (await Expect.Json(await api.Get($"/v1/owners/{owner}/webhooks/{endpoint}/deliveries"), 200))["deliveries"]![0]!;

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(await condition());
    }

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, string token, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = System.Net.Http.Json.JsonContent.Create(body), Headers = { Authorization = new("Bearer", token) } };
        return api.Http.SendAsync(request);
    }

    private async Task<string> OwnerWithIntro()
    {
        var owner = await api.CreateOwner("Europe/Berlin");
        await api.PutWeeklyHours(owner, new { monday = new[] { new { start = "09:00", end = "12:00" } } });
        await api.CreateMeetingType(owner, new { slug = "intro", title = "Intro", duration_minutes = 30 });
        return owner;
    }

    private sealed class EventOrder : IComparer<string>
    {
        public int Compare(string? x, string? y) => Rank(x).CompareTo(Rank(y));

        private static int Rank(string? type) => type switch { "booking.created" => 0, "booking.rescheduled" => 1, _ => 2 };
    }
}

/// <summary>A host whose outbox runs every 50 ms and may post to the test's loopback receiver.</summary>
public sealed class WebhookHost : ApiHost
{
    protected override IReadOnlyDictionary<string, string> Settings => WebhookSettings.Values;
}

public sealed class PostgresWebhookHost : ApiHost
{
    protected override IReadOnlyDictionary<string, string> Settings => WebhookSettings.Values;

    protected override bool OnPostgres => true;
}

internal static class WebhookSettings
{
    public static readonly IReadOnlyDictionary<string, string> Values = new Dictionary<string, string>
    {
        ["Outbox:PollMilliseconds"] = "50",
        ["Webhooks:AllowPrivateTargets"] = "true",
    };
}
