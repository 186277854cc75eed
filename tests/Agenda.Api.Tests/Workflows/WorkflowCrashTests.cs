using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Agenda.Api.Tests.Support;

namespace Agenda.Api.Tests.Workflows;

/// <summary>
/// Workflow runs planned, then the service killed (SIGKILL) before any could be sent (its mail server was not
/// answering): after a restart (on PostgreSQL, two nodes sharing the database), each run is sent exactly once, the
/// timed runs of a meeting moved or cancelled before the kill stay skipped, and the moved meeting's reminder, a day
/// before its new time, is sent once when that time comes. The restarted service's clock is set (<c>Clock:Offset</c>)
/// to a moment just before the reminder falls due, so the test need not wait a day.
/// </summary>
public sealed class WorkflowCrashTests : IAsyncDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("agenda-workflows-").FullName;

    public ValueTask DisposeAsync()
    {
        Directory.Delete(folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public Task On_sqlite_each_run_planned_before_a_kill_is_sent_once_after_the_restart() =>
        RunAsync(new Dictionary<string, string> { ["ConnectionStrings__Booking"] = $"Data Source={Path.Combine(folder, "agenda.db")}" }, nodes: 1);

    [Fact]
    public Task On_postgres_with_two_nodes_each_run_planned_before_a_kill_is_sent_once_after_the_restart() =>
        RunAsync(new Dictionary<string, string> { ["Storage__Provider"] = "Postgres", ["ConnectionStrings__Booking"] = SharedPostgres.Server.CreateDatabase() }, nodes: 2);

    private static async Task RunAsync(Dictionary<string, string> store, int nodes)
    {
        await using var smtp = SmtpSink.Start();
        Dictionary<string, string> Environment(int smtpPort) => new(store)
        {
            ["Auth__Mode"] = "Open",
            ["Limits__RateLimit__Enabled"] = "false",
            ["Outbox__PollMilliseconds"] = "50",
            ["Telemetry__Prometheus__Enabled"] = "true",
            ["Email__Smtp__Host"] = "127.0.0.1",
            ["Email__Smtp__Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
            ["Email__Smtp__Security"] = "None",
            ["Email__From"] = "Agenda <agenda@example.com>",
            ["Email__ReminderMinutes"] = "0",
        };

        // The service runs on the real clock: the meetings are two days ahead of it.
        var day = DateTime.UtcNow.Date.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        const string Owner = "crash";
        string reminderId;
        using (var first = await ServiceProcess.StartAsync(Environment(ClosedPort())))
        {
            using var api = first.Client();
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/v1/owners", new { id = Owner, name = "Crash Owner", time_zone = "UTC" })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/v1/owners/{Owner}/weekly-hours", EveryDay())).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/v1/owners/{Owner}/meeting-types", new { slug = "intro", title = "Intro", duration_minutes = 30 })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/v1/owners/{Owner}/notifications", new { email = "owner@example.com", language = "en" })).StatusCode);
            await CreateAsync(api, new { name = "Welcome", trigger = "booked", action = "email_invitee", subject = "WF welcome {{ invitee.name }}", body = "{{ booking.start }}" });
            await CreateAsync(api, new { name = "Cancelled", trigger = "cancelled", action = "email_owner", subject = "WF cancelled {{ invitee.name }}", body = "{{ booking.start }}" });
            reminderId = await CreateAsync(api, new { name = "Reminder", trigger = "before_start", offset_minutes = 1440, action = "email_invitee", subject = "WF reminder", body = "{{ booking.start }}" });

            var kept = await BookAsync(api, Owner, $"{day}T10:00:00Z", "Kept");
            var gone = await BookAsync(api, Owner, $"{day}T11:00:00Z", "Gone");
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/v1/bookings/{kept}/reschedule", new { start = $"{day}T12:00:00Z" })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/v1/bookings/{gone}/cancel", new { })).StatusCode);
            // Two rounds: every event fanned out and its runs planned; each run due now attempted against a mail server
            // that is not there, so nothing was sent before the kill.
            await OutboxRounds.DrainAsync(api);
            Assert.Empty(smtp.Messages);
        }

        // The restarted service lives two seconds before the moved meeting's reminder is due: a day before 12:00.
        var reminderDue = DateTime.SpecifyKind(DateTime.Parse(day, CultureInfo.InvariantCulture).AddDays(-1).AddHours(12), DateTimeKind.Utc);
        var offset = reminderDue - DateTime.UtcNow - TimeSpan.FromSeconds(2);
        var restarted = new List<ServiceProcess>();
        try
        {
            for (var i = 0; i < nodes; i++)
            {
                restarted.Add(await ServiceProcess.StartAsync(new Dictionary<string, string>(Environment(smtp.Port)) { ["Clock__Offset"] = offset.ToString("c", CultureInfo.InvariantCulture) }));
            }

            using var api = restarted[0].Client();
            var deadline = DateTime.UtcNow.AddSeconds(40);
            while (Workflow(smtp).Count < 4 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            foreach (var node in restarted)
            {
                using var client = node.Client();
                await OutboxRounds.DrainAsync(client);
            }

            // Welcome for both bookings, the owner told of the cancellation, and the moved meeting's reminder: once each.
            Assert.Equal(["WF cancelled Gone", "WF reminder", "WF welcome Gone", "WF welcome Kept"], Workflow(smtp).Order(StringComparer.Ordinal));
            var reminder = smtp.Messages.Single(m => m.Subject == "WF reminder");
            Assert.Equal("kept@example.com", reminder.To.Mailboxes.Single().Address);
            Assert.Contains("12:00", reminder.TextBody, StringComparison.Ordinal);
            var runs = (await api.GetFromJsonAsync<JsonObject>($"/v1/owners/{Owner}/workflows/{reminderId}/runs"))!["runs"]!.AsArray();
            Assert.Equal([("booking.created", "skipped"), ("booking.created", "skipped"), ("booking.rescheduled", "sent")],
                runs.Select(r => (r!["event"]!.GetValue<string>(), r["status"]!.GetValue<string>())).OrderBy(r => r.Item1, StringComparer.Ordinal).ThenBy(r => r.Item2, StringComparer.Ordinal));
        }
        finally
        {
            restarted.ForEach(r => r.Dispose());
        }
    }

    private static List<string> Workflow(SmtpSink smtp) =>
        [.. smtp.Messages.Select(m => m.Subject ?? "").Where(s => s.StartsWith("WF ", StringComparison.Ordinal))];

    private static object EveryDay()
    {
        var day = new[] { new { start = "00:00", end = "24:00" } };
        return new { monday = day, tuesday = day, wednesday = day, thursday = day, friday = day, saturday = day, sunday = day };
    }

    private static async Task<string> CreateAsync(HttpClient api, object body)
    {
        using var response = await api.PostAsJsonAsync("/v1/owners/crash/workflows", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    private static async Task<string> BookAsync(HttpClient api, string owner, string start, string name)
    {
        using var response = await api.PostAsJsonAsync($"/v1/owners/{owner}/meeting-types/intro/bookings", new { start, invitee = new { name, email = $"{name.ToLowerInvariant()}@example.com" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    /// <summary>A port nothing listens on: a mail server that does not answer.</summary>
    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
