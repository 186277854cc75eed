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
}
