using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Agenda.Api.Tests.Support;
using Agenda.Testing;

namespace Agenda.Api.Tests;

/// <summary>
/// PostgreSQL stopped abruptly (immediate mode: no checkpoint, crash recovery on the next start) during a burst of
/// bookings with a webhook endpoint subscribed, while the dispatcher is delivering: once the database is back, every
/// stored booking (and every acknowledged one is stored) produced exactly one booking.created event, delivered at least
/// once, and no refused booking or one answered a plain 503 produced any. A 503 with reason outcome_unknown (the commit
/// was under way when the database went) is stored and announced, or neither. Uses a durable server of its own.
/// </summary>
public sealed class OutboxDatabaseCrashTests : IDisposable
{
    private const int Clients = 12;
    private const int AttemptsPerClient = 10;
    private const int StopAfterAcknowledged = 30;
    private const string Owner = "outbox-pg";

    private readonly PostgresServer server = PostgresServer.Durable();
    private readonly CrashHost host;

    public OutboxDatabaseCrashTests() => host = new CrashHost(server.CreateDatabase());

    public void Dispose()
    {
        host.Dispose();
        server.Dispose();
    }

    [Fact]
    public async Task After_the_database_crashes_every_stored_booking_is_delivered_as_one_event_and_nothing_else_is()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var api = host.Api();
        await Expect.Status(await api.Post($"/api/calendar/set_availability/{Owner}", new
        {
            availability_rules = new[] { new { start_date = "2024-11-26", end_date = "2024-12-31", start_time = "00:00", end_time = "24:00" } },
        }), 200);
        await Expect.Status(await api.Post($"/v1/owners/{Owner}/webhooks", new { url = receiver.Url }), 201);

        var acknowledged = new ConcurrentBag<string>();
        var refused = new ConcurrentBag<string>();
        var unknown = new ConcurrentBag<string>();
        var unchanged = new ConcurrentBag<string>();
        var stopped = 0;
        var clients = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            using var http = host.CreateClient();
            for (var attempt = 0; attempt < AttemptsPerClient; attempt++)
            {
                var slot = (attempt * Clients) + client;
                var invitee = $"client{client}-{attempt}";
                using var response = await BookAsync(http, slot, invitee);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    acknowledged.Add(invitee);
                    if (acknowledged.Count >= StopAfterAcknowledged && Interlocked.Exchange(ref stopped, 1) == 0)
                    {
                        server.Stop();
                    }

                    // The same slot again: refused while the database is up, 503 while it is away; never stored.
                    using var again = await BookAsync(http, slot, "again" + invitee);
                    Assert.True(again.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.ServiceUnavailable, $"A second booking of one slot got {again.StatusCode}.");
                    refused.Add("again" + invitee);
                }
                else
                {
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                    // Only a 503 that says outcome_unknown may have been stored; any other changed nothing.
                    var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
                    (problem?["reason"]?.GetValue<string>() == "outcome_unknown" ? unknown : unchanged).Add(invitee);
                }
            }
        })).ToList();
        await Task.WhenAll(clients);
        Assert.True(stopped == 1, "The database was never stopped, so the test proved nothing.");
        Assert.NotEmpty(unknown.Concat(unchanged));

        server.Start();
        // A delivery claimed before the crash is claimed again when its lease (timeout + 5 s) has run out.
        host.Clock.Advance(TimeSpan.FromSeconds(10));
        var stored = await StoredInviteesAsync(api);
        Assert.Superset(acknowledged.ToHashSet(), stored);
        Assert.Subset(acknowledged.Concat(unknown).ToHashSet(), stored);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DistinctEvents(receiver).Count < stored.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        // A straggler (a bug) would have arrived by the end of the dispatcher's next two rounds.
        await OutboxRounds.DrainAsync(host.Services);
        var announced = DistinctEvents(receiver).Values.Select(e => e["data"]!["invitee"]!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(stored.Count, announced.Count);
        Assert.Equal(stored, announced.ToHashSet());
        Assert.Empty(refused.Concat(unchanged).Intersect(stored));
    }

    /// <summary>The invitees of the stored bookings, once the service answers again after the restart.</summary>
    private static async Task<HashSet<string>> StoredInviteesAsync(ApiClient api)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await api.Get($"/api/appointments/list_upcoming/{Owner}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                return body["upcoming_appointments"]!.AsArray().Select(a => a!["invitee"]!.GetValue<string>()).ToHashSet();
            }

            Assert.True(attempt < 60, "The service did not recover after the database came back.");
            await Task.Delay(500);
        }
    }

    private static Task<HttpResponseMessage> BookAsync(HttpClient http, int slot, string invitee)
    {
        var start = new DateTime(2024, 11, 26, 0, 0, 0, DateTimeKind.Utc).AddHours(slot);
        return http.PostAsJsonAsync("/api/appointments/book_slot", new
        {
            owner = Owner,
            invitee,
            start_time = start.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
            end_time = start.AddHours(1).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    private static Dictionary<string, JsonNode> DistinctEvents(WebhookReceiver receiver) =>
        receiver.Received.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => JsonNode.Parse(g.First().Body)!);

    private sealed class CrashHost(string connectionString) : ApiHost(null)
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Booking"] = connectionString + ";Timeout=3;Command Timeout=5",
            ["Outbox:PollMilliseconds"] = "50",
            ["Webhooks:AllowPrivateTargets"] = "true",
            ["Webhooks:TimeoutSeconds"] = "2",
        };
    }
}
