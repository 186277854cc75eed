using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Agenda.Api.Tests.Support;

namespace Agenda.Api.Tests;

/// <summary>
/// Two service processes on one PostgreSQL, 64 concurrent clients spread over both, racing for the same slots:
/// one booking per slot, every 201 stored, everything stored answered 201, and no node offers a taken slot.
/// </summary>
public sealed class MultiNodeTests
{
    private const int Clients = 64;

    [Fact]
    public async Task Clients_racing_over_two_nodes_book_each_slot_once_and_every_answer_matches_the_store()
    {
        var environment = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Postgres",
            ["ConnectionStrings__Booking"] = SharedPostgres.Server.CreateDatabase(),
            ["Auth__Mode"] = "Open",
        };
        using var first = await ServiceProcess.StartAsync(environment);
        using var second = await ServiceProcess.StartAsync(environment);
        var nodes = new[] { first, second };
        const string owner = "ana";
        // The service processes run on the real clock, so the day is always ahead of it.
        var day = DateTime.UtcNow.Date.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using (var setup = first.Client())
        {
            using var set = await setup.PostAsJsonAsync($"/api/calendar/set_availability/{owner}", new
            {
                availability_rules = new[] { new { start_date = day, end_date = day, start_time = "08:00", end_time = "16:00" } },
            });
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        var hours = Enumerable.Range(8, 8).ToArray();
        var acknowledged = new ConcurrentBag<(string Start, string Invitee)>();
        var unexpected = new ConcurrentBag<HttpStatusCode>();
        using var go = new SemaphoreSlim(0);
        var clients = Enumerable.Range(0, Clients).Select(i => Task.Run(async () =>
        {
            using var http = nodes[i % 2].Client();
            await go.WaitAsync();
            foreach (var hour in hours.OrderBy(_ => Random.Shared.Next()))
            {
                var start = $"{day}T{hour:00}:00";
                using var response = await http.PostAsJsonAsync("/api/appointments/book_slot", new { owner, invitee = $"client{i}", start_time = start, end_time = $"{day}T{hour + 1:00}:00" });
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    acknowledged.Add((start, $"client{i}"));
                }
                else if (response.StatusCode != HttpStatusCode.Conflict)
                {
                    unexpected.Add(response.StatusCode);
                }
            }
        })).ToList();
        go.Release(Clients);
        await Task.WhenAll(clients);

        Assert.Empty(unexpected);
        Assert.Equal(hours.Length, acknowledged.Count);
        Assert.Equal(hours.Length, acknowledged.Select(a => a.Start).Distinct().Count());
        foreach (var node in nodes)
        {
            using var http = node.Client();
            var stored = (await http.GetFromJsonAsync<JsonObject>($"/api/appointments/list_upcoming/{owner}"))!["upcoming_appointments"]!.AsArray()
                .Select(a => (a!["start_time"]!.GetValue<string>(), a["invitee"]!.GetValue<string>()))
                .ToHashSet();
            Assert.Equal(acknowledged.ToHashSet(), stored);
            var offered = (await http.GetFromJsonAsync<JsonObject>($"/api/appointments/search_slots?owner={owner}&request_date={day}"))!["available_slots"]!.AsArray();
            Assert.Empty(offered);
        }
    }

    [Fact]
    public async Task A_hold_taken_on_one_node_is_respected_by_the_other_nodes_searches_holds_and_bookings()
    {
        var environment = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Postgres",
            ["ConnectionStrings__Booking"] = SharedPostgres.Server.CreateDatabase(),
            ["Auth__Mode"] = "Open",
        };
        using var first = await ServiceProcess.StartAsync(environment);
        using var second = await ServiceProcess.StartAsync(environment);
        using var a = first.Client();
        using var b = second.Client();
        var day = DateTime.UtcNow.Date.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var start = $"{day}T10:00:00+00:00";
        Assert.Equal(HttpStatusCode.Created, (await a.PostAsJsonAsync("/v1/owners", new { id = "ana", time_zone = "UTC" })).StatusCode);
        var hours = new[] { new { start = "08:00", end = "16:00" } };
        Assert.Equal(HttpStatusCode.OK, (await a.PutAsJsonAsync("/v1/owners/ana/weekly-hours",
            new { monday = hours, tuesday = hours, wednesday = hours, thursday = hours, friday = hours, saturday = hours, sunday = hours })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await a.PostAsJsonAsync("/v1/owners/ana/meeting-types", new { slug = "call", title = "Call", duration_minutes = 60 })).StatusCode);
        // The second node has the slot in its cache before the hold.
        Assert.Contains(start, await OfferedAsync(b, day));

        // Clients of both nodes race to hold the same slot: one wins.
        var holds = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            (i % 2 == 0 ? a : b).PostAsJsonAsync("/v1/owners/ana/meeting-types/call/holds", new { start })));
        Assert.Single(holds, h => h.StatusCode == HttpStatusCode.Created);
        Assert.All(holds.Where(h => h.StatusCode != HttpStatusCode.Created), h => Assert.Equal(HttpStatusCode.Conflict, h.StatusCode));
        var token = (await holds.Single(h => h.StatusCode == HttpStatusCode.Created).Content.ReadFromJsonAsync<JsonObject>())!["hold_token"]!.GetValue<string>();

        using var booking = await b.PostAsJsonAsync("/v1/owners/ana/meeting-types/call/bookings", new { start, invitee = new { name = "Bo" } });
        Assert.Equal(HttpStatusCode.Conflict, booking.StatusCode);
        // The other node's cached answer is replaced once the hold's announcement arrives (within milliseconds).
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while ((await OfferedAsync(b, day)).Contains(start) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.DoesNotContain(start, await OfferedAsync(b, day));
        using var mine = await b.PostAsJsonAsync("/v1/owners/ana/meeting-types/call/bookings", new { start, invitee = new { name = "Cy" }, hold_token = token });
        Assert.Equal(HttpStatusCode.Created, mine.StatusCode);
    }

    private static async Task<List<string>> OfferedAsync(HttpClient node, string day) =>
        (await node.GetFromJsonAsync<JsonObject>($"/v1/owners/ana/meeting-types/call/slots?from={day}&to={day}&time_zone=UTC"))!["slots"]!.AsArray()
            .Select(slot => slot!["start"]!.GetValue<string>())
            .ToList();
}
