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

    [Fact]
    public async Task Two_nodes_deliver_each_booking_event_once_between_them()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Postgres",
            ["ConnectionStrings__Booking"] = SharedPostgres.Server.CreateDatabase(),
            ["Auth__Mode"] = "Open",
            ["Outbox__PollMilliseconds"] = "20",
            ["Telemetry__Prometheus__Enabled"] = "true",
            ["Webhooks__AllowPrivateTargets"] = "true",
        };
        using var first = await ServiceProcess.StartAsync(environment);
        using var second = await ServiceProcess.StartAsync(environment);
        var nodes = new[] { first.Client(), second.Client() };
        var day = DateTime.UtcNow.Date.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using (var set = await nodes[0].PostAsJsonAsync("/api/calendar/set_availability/ana", new
        {
            availability_rules = new[] { new { start_date = day, end_date = day, start_time = "00:00", end_time = "24:00" } },
        }))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Created, (await nodes[1].PostAsJsonAsync("/v1/owners/ana/webhooks", new { url = receiver.Url })).StatusCode);

        var booked = await Task.WhenAll(Enumerable.Range(0, 23).Select(async hour =>
        {
            using var response = await nodes[hour % 2].PostAsJsonAsync("/api/appointments/book_slot",
                new { owner = "ana", invitee = $"i{hour}", start_time = $"{day}T{hour:00}:00", end_time = $"{day}T{hour + 1:00}:00" });
            return response.StatusCode;
        }));
        Assert.All(booked, status => Assert.Equal(HttpStatusCode.Created, status));

        await receiver.WaitForAsync(23);
        // An event sent twice would have arrived by the end of two more rounds of each node's dispatcher.
        await Task.WhenAll(nodes.Select(OutboxRounds.DrainAsync));
        Assert.Equal(23, receiver.Received.Count);
        Assert.Equal(23, receiver.Received.Select(r => r.Id).Distinct().Count());
        foreach (var node in nodes)
        {
            node.Dispose();
        }
    }

    /// <summary>
    /// The booking kinds over two nodes, on one pair of service processes (each pair costs seconds to start): invitees
    /// racing for a class take exactly its seats, and overlapping requests confirmed at once confirm exactly one.
    /// </summary>
    [Fact]
    public async Task Seats_and_requests_racing_over_two_nodes_take_exactly_what_the_database_allows()
    {
        using var cluster = await TwoNodes.StartAsync();
        var day = DateTime.UtcNow.Date.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await InviteesRacingForAClassTakeExactlyItsSeatsAndACallNeverOverlapsItAsync(cluster.Clients, "ana", day);
        await OverlappingRequestsConfirmedAtOnceConfirmExactlyOneAsync(cluster.Clients, "ben", day);
        await SeriesRacingSingleBookingsNeverShareATimeAsync(cluster.Clients, "cy", day);
    }

    /// <summary>
    /// Eight clients book the same weekly series of 6 while 24 others book single calls overlapping its meetings, over two
    /// nodes: at most one series is stored, whole; no week holds two bookings; every 201 is stored on both nodes and
    /// nothing else.
    /// </summary>
    private static async Task SeriesRacingSingleBookingsNeverShareATimeAsync(HttpClient[] nodes, string owner, string day)
    {
        await OwnerEveryDayAsync(nodes[0], owner);
        Assert.Equal(HttpStatusCode.Created, (await nodes[0].PostAsJsonAsync($"/v1/owners/{owner}/meeting-types",
            new { slug = "weekly", title = "Weekly", duration_minutes = 60, recurrence = new { max_count = 6 } })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await nodes[1].PostAsJsonAsync($"/v1/owners/{owner}/meeting-types",
            new { slug = "call", title = "Call", duration_minutes = 30, step_minutes = 30 })).StatusCode);
        var first = DateTime.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

        var acknowledged = new ConcurrentBag<(int Week, string Id, bool Series)>();
        var unexpected = new ConcurrentBag<string>();
        using var go = new SemaphoreSlim(0);
        var clients = Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            var node = nodes[i % 2];
            await go.WaitAsync();
            var series = i < 8;
            var week = series ? 0 : i % 6;
            var start = first.AddDays(7 * week).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + (series ? "T10:00:00Z" : "T10:30:00Z");
            using var response = series
                ? await node.PostAsJsonAsync($"/v1/owners/{owner}/meeting-types/weekly/bookings", new { start, invitee = new { name = $"Series {i}" }, recurrence = new { count = 6 } })
                : await node.PostAsJsonAsync($"/v1/owners/{owner}/meeting-types/call/bookings", new { start, invitee = new { name = $"Single {i}" } });
            if (response.StatusCode == HttpStatusCode.Created)
            {
                acknowledged.Add((week, (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>(), series));
            }
            else if (response.StatusCode != HttpStatusCode.Conflict)
            {
                unexpected.Add($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        })).ToList();
        go.Release(clients.Count);
        await Task.WhenAll(clients);

        Assert.Empty(unexpected);
        var seriesWon = acknowledged.Where(a => a.Series).ToList();
        Assert.True(seriesWon.Count <= 1, string.Join(", ", seriesWon));
        var singles = acknowledged.Where(a => !a.Series).ToList();
        // Each week holds one booking at most: the series' meeting or one single call.
        Assert.All(Enumerable.Range(0, 6), week => Assert.True(singles.Count(s => s.Week == week) + seriesWon.Count <= 1, $"week {week}"));
        foreach (var node in nodes)
        {
            var stored = (await node.GetFromJsonAsync<JsonObject>($"/v1/owners/{owner}/bookings?limit=200"))!["bookings"]!.AsArray().ToList();
            Assert.Equal(singles.Count + (6 * seriesWon.Count), stored.Count);
            Assert.Equal(singles.Select(s => s.Id).Order(), stored.Where(b => b!["series"] is null).Select(b => b!["id"]!.GetValue<string>()).Order());
        }
    }

    private static async Task InviteesRacingForAClassTakeExactlyItsSeatsAndACallNeverOverlapsItAsync(HttpClient[] nodes, string owner, string day)
    {
        const int Seats = 5;
        await OwnerEveryDayAsync(nodes[0], owner);
        Assert.Equal(HttpStatusCode.Created, (await nodes[0].PostAsJsonAsync($"/v1/owners/{owner}/meeting-types", new { slug = "class", title = "Class", duration_minutes = 60, seats = Seats })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await nodes[1].PostAsJsonAsync($"/v1/owners/{owner}/meeting-types", new { slug = "call", title = "Call", duration_minutes = 30 })).StatusCode);

        // Seats + 32 invitees for the class at 10:00; and, at 12:00, invitees of the class and of a call that overlaps it.
        var acknowledged = new ConcurrentBag<(string Kind, string Start, string Id)>();
        var unexpected = new ConcurrentBag<string>();
        using var go = new SemaphoreSlim(0);
        var clients = Enumerable.Range(0, Seats + 32 + 24).Select(i => Task.Run(async () =>
        {
            var node = nodes[i % 2];
            await go.WaitAsync();
            var (kind, start) = i < Seats + 32 ? ("class", $"{day}T10:00:00Z") : i % 2 == 0 ? ("class", $"{day}T12:00:00Z") : ("call", $"{day}T12:30:00Z");
            using var response = await node.PostAsJsonAsync($"/v1/owners/{owner}/meeting-types/{kind}/bookings", new { start, invitee = new { name = $"Guest {i}" } });
            if (response.StatusCode == HttpStatusCode.Created)
            {
                acknowledged.Add((kind, start, (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>()));
            }
            else if (response.StatusCode != HttpStatusCode.Conflict)
            {
                unexpected.Add($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        })).ToList();
        go.Release(clients.Count);
        await Task.WhenAll(clients);

        Assert.Empty(unexpected);
        Assert.Equal(Seats, acknowledged.Count(a => a.Start.EndsWith("T10:00:00Z", StringComparison.Ordinal)));
        var atNoon = acknowledged.Where(a => !a.Start.EndsWith("T10:00:00Z", StringComparison.Ordinal)).ToList();
        Assert.True(atNoon.All(a => a.Kind == "class") ? atNoon.Count == Seats : atNoon.Count == 1, string.Join(", ", atNoon));
        foreach (var node in nodes)
        {
            var stored = (await node.GetFromJsonAsync<JsonObject>($"/v1/owners/{owner}/bookings?limit=200"))!["bookings"]!.AsArray().Select(b => b!["id"]!.GetValue<string>());
            Assert.Equal(acknowledged.Select(a => a.Id).Order(), stored.Order());
        }
    }

    private static async Task OverlappingRequestsConfirmedAtOnceConfirmExactlyOneAsync(HttpClient[] nodes, string owner, string day)
    {
        await OwnerEveryDayAsync(nodes[0], owner);
        Assert.Equal(HttpStatusCode.Created, (await nodes[0].PostAsJsonAsync($"/v1/owners/{owner}/meeting-types",
            new { slug = "consult", title = "Consultation", duration_minutes = 60, step_minutes = 30, approval = new { holds_time = false } })).StatusCode);

        // Twelve requests at 10:00 and 10:30 (which overlap), none holding its time; then every one confirmed at once.
        var requests = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            using var made = await nodes[i % 2].PostAsJsonAsync($"/v1/owners/{owner}/meeting-types/consult/bookings",
                new { start = $"{day}T10:{(i % 2 == 0 ? "00" : "30")}:00Z", invitee = new { name = $"Guest {i}" } });
            Assert.Equal(HttpStatusCode.Created, made.StatusCode);
            requests.Add((await made.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
        }

        using var go = new SemaphoreSlim(0);
        var answers = requests.Select((id, i) => Task.Run(async () =>
        {
            await go.WaitAsync();
            using var response = await nodes[i % 2].PostAsJsonAsync($"/v1/bookings/{id}/confirm", new { });
            return response.StatusCode;
        })).ToList();
        go.Release(answers.Count);
        var statuses = await Task.WhenAll(answers);

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.All(statuses.Where(s => s != HttpStatusCode.OK), s => Assert.Equal(HttpStatusCode.Conflict, s));
        foreach (var node in nodes)
        {
            var active = (await node.GetFromJsonAsync<JsonObject>($"/v1/owners/{owner}/bookings?status=upcoming&limit=200"))!["bookings"]!.AsArray()
                .Count(b => b!["status"]!.GetValue<string>() == "active");
            Assert.Equal(1, active);
        }
    }

    /// <summary>
    /// Team bookings of three hosts (collective) and personal bookings of each of them race over two nodes for the same
    /// hours: for every host, no two active bookings overlap, and every 201 from either node is stored.
    /// </summary>
    [Fact]
    public async Task Team_and_personal_bookings_racing_over_two_nodes_never_double_book_a_host()
    {
        using var cluster = await TwoNodes.StartAsync();
        var nodes = cluster.Clients;
        var day = DateTime.UtcNow.Date.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var hosts = new[] { "ana", "ben", "cy" };
        foreach (var owner in hosts)
        {
            await OwnerEveryDayAsync(nodes[0], owner);
            Assert.Equal(HttpStatusCode.Created, (await nodes[0].PostAsJsonAsync($"/v1/owners/{owner}/meeting-types", new { slug = "call", title = "Call", duration_minutes = 60 })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Created, (await nodes[1].PostAsJsonAsync("/v1/owners/ana/teams", new { id = "sales", name = "Sales" })).StatusCode);
        foreach (var owner in hosts.Skip(1))
        {
            // Open mode acts as the administrator, who needs no join code.
            Assert.Equal(HttpStatusCode.OK, (await nodes[1].PutAsJsonAsync($"/v1/teams/sales/members/{owner}", new { })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Created, (await nodes[1].PostAsJsonAsync("/v1/teams/sales/meeting-types", new
        {
            slug = "demo",
            title = "Demo",
            kind = "collective",
            duration_minutes = 60,
            hosts = hosts.Select(h => new { owner_id = h }).ToArray(),
        })).StatusCode);

        // Both nodes keep the team's answer before the race.
        var teamSlots = $"/v1/teams/sales/meeting-types/demo/slots?from={day}&to={day}&time_zone=UTC";
        foreach (var node in nodes)
        {
            Assert.Equal(8, (await node.GetFromJsonAsync<JsonObject>(teamSlots))!["slots"]!.AsArray().Count);
        }

        var acknowledged = new ConcurrentBag<(string Owner, string Start)>();
        var unexpected = new ConcurrentBag<string>();
        using var go = new SemaphoreSlim(0);
        var clients = Enumerable.Range(0, 48).Select(i => Task.Run(async () =>
        {
            var node = nodes[i % 2];
            await go.WaitAsync();
            var start = $"{day}T{8 + Random.Shared.Next(8):00}:00:00Z";
            var team = i % 3 == 0;
            using var response = team
                ? await node.PostAsJsonAsync("/v1/teams/sales/meeting-types/demo/bookings", new { start, invitee = new { name = $"Team {i}" } })
                : await node.PostAsJsonAsync($"/v1/owners/{hosts[i % 3]}/meeting-types/call/bookings", new { start, invitee = new { name = $"Person {i}" } });
            if (response.StatusCode == HttpStatusCode.Created)
            {
                foreach (var owner in team ? hosts : [hosts[i % 3]])
                {
                    acknowledged.Add((owner, start));
                }
            }
            else if (response.StatusCode != HttpStatusCode.Conflict)
            {
                unexpected.Add($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        })).ToList();
        go.Release(48);
        await Task.WhenAll(clients);

        Assert.Empty(unexpected);
        var busy = acknowledged.Select(a => a.Start).ToHashSet();
        foreach (var node in nodes)
        {
            // Neither node offers a team slot any host is booked for, once the commits' announcements have arrived.
            var deadline = DateTime.UtcNow.AddSeconds(5);
            var offered = await TeamStartsAsync(node, teamSlots);
            while (offered.Any(busy.Contains) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
                offered = await TeamStartsAsync(node, teamSlots);
            }

            Assert.DoesNotContain(offered, busy.Contains);
            foreach (var owner in hosts)
            {
                var stored = (await node.GetFromJsonAsync<JsonObject>($"/v1/owners/{owner}/bookings"))!["bookings"]!.AsArray()
                    .Select(b => b!["start_utc"]!.GetValue<string>()).ToList();
                Assert.Equal(stored.Count, stored.Distinct().Count());
                Assert.Equal(acknowledged.Where(a => a.Owner == owner).Select(a => a.Start).Order(), stored.Order());
            }

            node.Dispose();
        }
    }

    private static async Task<List<string>> TeamStartsAsync(HttpClient node, string url) =>
        [.. (await node.GetFromJsonAsync<JsonObject>(url))!["slots"]!.AsArray().Select(slot => slot!["start_utc"]!.GetValue<string>())];

    /// <summary>An owner in UTC, available 08:00 to 16:00 every day.</summary>
    private static async Task OwnerEveryDayAsync(HttpClient node, string id)
    {
        var hours = new[] { new { start = "08:00", end = "16:00" } };
        Assert.Equal(HttpStatusCode.Created, (await node.PostAsJsonAsync("/v1/owners", new { id, time_zone = "UTC" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await node.PutAsJsonAsync($"/v1/owners/{id}/weekly-hours",
            new { monday = hours, tuesday = hours, wednesday = hours, thursday = hours, friday = hours, saturday = hours, sunday = hours })).StatusCode);
    }

    /// <summary>Two service processes on a database of their own on the shared PostgreSQL, in Open mode, and a client of each.</summary>
    private sealed class TwoNodes(ServiceProcess first, ServiceProcess second) : IDisposable
    {
        public HttpClient[] Clients { get; } = [first.Client(), second.Client()];

        public static async Task<TwoNodes> StartAsync()
        {
            var environment = new Dictionary<string, string>
            {
                ["Storage__Provider"] = "Postgres",
                ["ConnectionStrings__Booking"] = SharedPostgres.Server.CreateDatabase(),
                ["Auth__Mode"] = "Open",
            };
            var first = await ServiceProcess.StartAsync(environment);
            try
            {
                return new TwoNodes(first, await ServiceProcess.StartAsync(environment));
            }
            catch
            {
                first.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            foreach (var client in Clients)
            {
                client.Dispose();
            }

            first.Dispose();
            second.Dispose();
        }
    }
}
