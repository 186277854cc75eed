using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Agenda.Api.Tests.Support;

namespace Agenda.Api.Tests;

/// <summary>
/// The service killed (SIGKILL) during a burst of bookings with a webhook endpoint subscribed: after a restart, every
/// stored booking produced exactly one booking.created event, each delivered at least once, and no refused or
/// unanswered-and-unstored booking produced one.
/// </summary>
public sealed class OutboxCrashTests : IAsyncDisposable
{
    private const int Clients = 16;
    private const int AttemptsPerClient = 12;
    private const int KillAfterAcknowledged = 60;
    private const string Owner = "outbox";

    private readonly string folder = Directory.CreateTempSubdirectory("agenda-outbox-").FullName;

    public ValueTask DisposeAsync()
    {
        Directory.Delete(folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task After_a_kill_every_stored_booking_is_delivered_once_as_an_event_and_nothing_else_is()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Booking"] = $"Data Source={Path.Combine(folder, "agenda.db")}",
            ["Auth__Mode"] = "Open",
            ["Limits__RateLimit__Enabled"] = "false",
            ["Outbox__PollMilliseconds"] = "50",
            // /metrics, to wait for the dispatcher's rounds (OutboxRounds) instead of sleeping.
            ["Telemetry__Prometheus__Enabled"] = "true",
            ["Webhooks__AllowPrivateTargets"] = "true",
            // Deliveries claimed when the service was killed are claimed again once their lease (timeout + 5 s) ends.
            ["Webhooks__TimeoutSeconds"] = "2",
        };
        // The service runs on the real clock, so the days are always ahead of it.
        var firstDay = DateTime.UtcNow.Date.AddDays(2);
        string Day(int offset) => firstDay.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var refusedInvitees = new ConcurrentBag<string>();

        using (var service = await ServiceProcess.StartAsync(environment))
        {
            using (var setup = service.Client())
            {
                using var set = await setup.PostAsJsonAsync($"/api/calendar/set_availability/{Owner}", new
                {
                    availability_rules = new[] { new { start_date = Day(0), end_date = Day(30), start_time = "00:00", end_time = "24:00" } },
                });
                Assert.Equal(HttpStatusCode.OK, set.StatusCode);
                using var subscribe = await setup.PostAsJsonAsync($"/v1/owners/{Owner}/webhooks", new { url = receiver.Url });
                Assert.Equal(HttpStatusCode.Created, subscribe.StatusCode);
            }

            var acknowledged = 0;
            var clients = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
            {
                using var http = service.Client();
                for (var attempt = 0; attempt < AttemptsPerClient; attempt++)
                {
                    // Each client books slots of its own, and every other attempt also asks again for a slot already
                    // booked, which must be refused and leave no event.
                    var slot = (attempt * Clients) + client;
                    var (day, hour) = (slot / 24, slot % 24);
                    try
                    {
                        using var response = await BookAsync(http, Day(day), hour, $"client{client}-{attempt}");
                        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                        if (Interlocked.Increment(ref acknowledged) >= KillAfterAcknowledged)
                        {
                            service.Dispose();
                        }

                        using var again = await BookAsync(http, Day(day), hour, $"again{client}-{attempt}");
                        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
                        refusedInvitees.Add($"again{client}-{attempt}");
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                }
            })).ToList();
            await Task.WhenAll(clients);
            Assert.True(acknowledged < Clients * AttemptsPerClient, "The service was killed after every booking was answered, so the test proved nothing.");
        }

        using var restarted = await ServiceProcess.StartAsync(environment);
        using var reader = restarted.Client();
        var stored = (await reader.GetFromJsonAsync<JsonObject>($"/api/appointments/list_upcoming/{Owner}"))!["upcoming_appointments"]!.AsArray()
            .Select(a => (Start: a!["start_time"]!.GetValue<string>(), Invitee: a["invitee"]!.GetValue<string>()))
            .ToHashSet();
        Assert.True(stored.Count >= KillAfterAcknowledged);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DistinctEvents(receiver).Count < stored.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        // A straggler (a bug) would have arrived by the end of the dispatcher's next two rounds.
        await OutboxRounds.DrainAsync(reader);
        var events = DistinctEvents(receiver);
        Assert.All(events.Values, e => Assert.Equal("booking.created", e["type"]!.GetValue<string>()));
        var announced = events.Values
            .Select(e => (Start: e["data"]!["start_utc"]!.GetValue<string>()[..16], Invitee: e["data"]!["invitee"]!["name"]!.GetValue<string>()))
            .ToList();
        Assert.Equal(stored.Count, announced.Count);
        Assert.Equal(stored, announced.ToHashSet());
        Assert.DoesNotContain(announced, a => refusedInvitees.Contains(a.Invitee));
    }

    private static Task<HttpResponseMessage> BookAsync(HttpClient http, string day, int hour, string invitee) =>
        http.PostAsJsonAsync("/api/appointments/book_slot", new
        {
            owner = Owner,
            invitee,
            start_time = $"{day}T{hour:00}:00",
            end_time = hour == 23 ? $"{DateTime.Parse(day, CultureInfo.InvariantCulture).AddDays(1):yyyy-MM-dd}T00:00" : $"{day}T{hour + 1:00}:00",
        });

    /// <summary>The events received, once each by their webhook-id (a retry of an attempt whose answer was lost repeats one).</summary>
    private static Dictionary<string, JsonNode> DistinctEvents(WebhookReceiver receiver) =>
        receiver.Received.GroupBy(r => r.Id).ToDictionary(g => g.Key, g => JsonNode.Parse(g.First().Body)!);
}
