using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Agenda.Api.Tests.Support;

namespace Agenda.Api.Tests;

/// <summary>
/// The service killed (SIGKILL) while SQLite's one writer commits batches of concurrent bookings: after a restart on the
/// same file, every booking answered 201 is stored, and nothing is stored that no client asked for.
/// </summary>
public sealed class GroupCommitCrashTests : IDisposable
{
    private const int Clients = 32;
    private const int AttemptsPerClient = 12;
    private const int KillAfterAcknowledged = 120;
    private const string Owner = "crash";

    private readonly string folder = Directory.CreateTempSubdirectory("agenda-crash-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Every_booking_answered_before_a_kill_is_stored_after_the_restart()
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Booking"] = $"Data Source={Path.Combine(folder, "agenda.db")}",
            ["Auth__Mode"] = "Open",
            ["Limits__RateLimit__Enabled"] = "false",
        };
        // The service runs on the real clock, so the days are always ahead of it.
        var firstDay = DateTime.UtcNow.Date.AddDays(2);
        string Day(int offset) => firstDay.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var attempted = new ConcurrentDictionary<(string Start, string Invitee), bool>();
        var acknowledged = new ConcurrentBag<(string Start, string Invitee)>();

        using (var service = await ServiceProcess.StartAsync(environment))
        {
            using (var setup = service.Client())
            {
                using var set = await setup.PostAsJsonAsync($"/api/calendar/set_availability/{Owner}", new
                {
                    availability_rules = new[] { new { start_date = Day(0), end_date = Day(30), start_time = "00:00", end_time = "24:00" } },
                });
                Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            }

            var clients = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
            {
                using var http = service.Client();
                for (var attempt = 0; attempt < AttemptsPerClient; attempt++)
                {
                    // Every attempt asks for a slot of its own, so every one that is answered at all is answered 201.
                    var slot = (attempt * Clients) + client;
                    var (day, hour) = (slot / 24, slot % 24);
                    var start = $"{Day(day)}T{hour:00}:00";
                    var end = hour == 23 ? $"{Day(day + 1)}T00:00" : $"{Day(day)}T{hour + 1:00}:00";
                    var invitee = $"client{client}-{attempt}";
                    attempted[(start, invitee)] = true;
                    try
                    {
                        using var response = await http.PostAsJsonAsync("/api/appointments/book_slot", new { owner = Owner, invitee, start_time = start, end_time = end });
                        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                        acknowledged.Add((start, invitee));
                        if (acknowledged.Count >= KillAfterAcknowledged)
                        {
                            service.Dispose();
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                }
            })).ToList();
            await Task.WhenAll(clients);
        }

        Assert.True(acknowledged.Count >= KillAfterAcknowledged);
        Assert.True(acknowledged.Count < Clients * AttemptsPerClient, "The service was killed after every booking was answered, so the test proved nothing.");
        using var restarted = await ServiceProcess.StartAsync(environment);
        using var reader = restarted.Client();
        var stored = (await reader.GetFromJsonAsync<JsonObject>($"/api/appointments/list_upcoming/{Owner}"))!["upcoming_appointments"]!.AsArray()
            .Select(a => (a!["start_time"]!.GetValue<string>(), a["invitee"]!.GetValue<string>()))
            .ToHashSet();
        Assert.Subset(stored, acknowledged.ToHashSet());
        Assert.Subset(attempted.Keys.ToHashSet(), stored);
    }
}
