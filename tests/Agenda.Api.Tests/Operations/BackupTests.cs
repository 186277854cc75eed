using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Agenda.Api.Tests.Support;
using Npgsql;

namespace Agenda.Api.Tests.Operations;

/// <summary>
/// Backups taken while bookings are written, restored, and checked: every booking acknowledged before the backup began is
/// in the restored database. On SQLite with the service's own <c>backup</c> and <c>restore</c> commands (which refuse a
/// corrupt or foreign file and change nothing then); on PostgreSQL with pg_dump and pg_restore, as docs/operations.md
/// says. The service runs as its own process on the real clock; the meetings are days ahead of it.
/// </summary>
public sealed class BackupTests : IDisposable
{
    private const string Owner = "backup";

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task On_sqlite_a_backup_under_load_restores_every_booking_acknowledged_before_it_and_a_corrupt_backup_is_refused()
    {
        var live = Sqlite(folder.File("live.db"));
        var backup = folder.File("backup.db");
        var acknowledged = await UnderLoadAsync(live, async () =>
        {
            var (exitCode, output) = await ServiceProcess.RunUntilExitAsync(live, TimeSpan.FromSeconds(60), "backup", backup);
            Assert.True(exitCode == 0, string.Join('\n', output));
            Assert.Contains(output, line => line.StartsWith("Backed up ", StringComparison.Ordinal));
        });

        // The backup is restored into a new database, and the service started on it has every booking acknowledged before.
        var restored = Sqlite(folder.File("restored.db"));
        var (code, lines) = await ServiceProcess.RunUntilExitAsync(restored, TimeSpan.FromSeconds(60), "restore", backup);
        Assert.True(code == 0, string.Join('\n', lines));
        var kept = await ExpectBookingsAsync(restored, acknowledged);

        // A backup never overwrites a file.
        var (again, said) = await ServiceProcess.RunUntilExitAsync(live, TimeSpan.FromSeconds(60), "backup", backup);
        Assert.Equal(1, again);
        Assert.Contains(said, line => line.Contains("exists already", StringComparison.Ordinal));

        // A truncated backup and a file that is no database are refused, and the database keeps what it held.
        var truncated = folder.File("truncated.db");
        var bytes = await File.ReadAllBytesAsync(backup);
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 2)]);
        var garbage = folder.File("garbage.db");
        await File.WriteAllTextAsync(garbage, "not a database at all, just some text that is long enough to look like a header........");
        foreach (var bad in new[] { truncated, garbage })
        {
            var (refused, why) = await ServiceProcess.RunUntilExitAsync(restored, TimeSpan.FromSeconds(60), "restore", bad);
            Assert.Equal(1, refused);
            Assert.Contains(why, line => line.Contains("is not a sound Agenda backup", StringComparison.Ordinal) && line.Contains("the database was not changed", StringComparison.Ordinal));
        }

        Assert.Equal(kept, await ExpectBookingsAsync(restored, acknowledged));
    }

    [Fact]
    public async Task On_postgres_pg_dump_under_load_restores_with_pg_restore_every_booking_acknowledged_before_it()
    {
        var liveDatabase = SharedPostgres.Server.CreateDatabase();
        var live = Postgres(liveDatabase);
        var dump = folder.File("agenda.dump");
        var acknowledged = await UnderLoadAsync(live, async () => await PgAsync("pg_dump", liveDatabase, "--format=custom", "--file", dump));

        var restoredDatabase = SharedPostgres.Server.CreateDatabase();
        await PgAsync("pg_restore", restoredDatabase, "--no-owner", "--exit-on-error", dump);
        await ExpectBookingsAsync(Postgres(restoredDatabase), acknowledged);

        // The service says how PostgreSQL is backed up instead of pretending.
        var (exitCode, output) = await ServiceProcess.RunUntilExitAsync(live, TimeSpan.FromSeconds(60), "backup", folder.File("no.db"));
        Assert.Equal(2, exitCode);
        Assert.Contains(output, line => line.Contains("pg_dump", StringComparison.Ordinal));
    }

    /// <summary>
    /// Starts the service, books from four clients without pause, runs <paramref name="backup"/> once a second of
    /// bookings has been acknowledged, and books on until it ends; answers the bookings acknowledged before it began.
    /// </summary>
    private static async Task<IReadOnlyList<string>> UnderLoadAsync(Dictionary<string, string> environment, Func<Task> backup)
    {
        using var service = await ServiceProcess.StartAsync(environment);
        using var api = service.Client();
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/v1/owners", new { id = Owner, time_zone = "UTC" })).StatusCode);
        var allDay = new[] { new { start = "00:00", end = "24:00" } };
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsJsonAsync($"/v1/owners/{Owner}/weekly-hours", new
        {
            monday = allDay,
            tuesday = allDay,
            wednesday = allDay,
            thursday = allDay,
            friday = allDay,
            saturday = allDay,
            sunday = allDay,
        })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/v1/owners/{Owner}/meeting-types", new { slug = "short", title = "Short", duration_minutes = 5, horizon_days = 60 })).StatusCode);

        // Each client books its own five-minute slots, from two days ahead on.
        var first = DateTime.UtcNow.Date.AddDays(2);
        var acknowledged = new ConcurrentQueue<(string Id, long At)>();
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 4).Select(client => Task.Run(async () =>
        {
            using var http = service.Client();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var start = first.AddMinutes(5 * (client + (4 * i)));
                using var response = await http.PostAsJsonAsync($"/v1/owners/{Owner}/meeting-types/short/bookings",
                    new { start = start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), invitee = new { name = $"Client {client}-{i}" } });
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    acknowledged.Enqueue(((await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>(), Stopwatch.GetTimestamp()));
                }
            }
        })).ToList();

        var loaded = Stopwatch.StartNew();
        while (acknowledged.Count < 20 && loaded.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }

        await Task.Delay(500);
        var began = Stopwatch.GetTimestamp();
        var countBefore = acknowledged.Count;
        await backup();
        var countDuring = acknowledged.Count - countBefore;
        await Task.Delay(200);
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        // The load went on while the backup ran: it did not stop the writers.
        Assert.True(countDuring > 0, "No booking was acknowledged while the backup ran.");
        return [.. acknowledged.Where(a => a.At < began).Select(a => a.Id)];
    }

    /// <summary>Starts the service on the database and finds every acknowledged booking in it; answers how many bookings it holds.</summary>
    private static async Task<int> ExpectBookingsAsync(Dictionary<string, string> environment, IReadOnlyList<string> acknowledged)
    {
        Assert.NotEmpty(acknowledged);
        using var service = await ServiceProcess.StartAsync(environment);
        using var api = service.Client();
        var found = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var page = (await api.GetFromJsonAsync<JsonObject>($"/v1/owners/{Owner}/bookings?limit=200{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}"))!;
            foreach (var booking in page["bookings"]!.AsArray())
            {
                found.Add(booking!["id"]!.GetValue<string>());
            }

            cursor = page["next_cursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        var missing = acknowledged.Where(id => !found.Contains(id)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged bookings are missing after the restore.");
        return found.Count;
    }

    private static async Task PgAsync(string program, string connectionString, params string[] arguments)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Agenda.Testing.PostgresServer.FindBinary(program), [
            "--host", target.Host!, "--port", target.Port.ToString(CultureInfo.InvariantCulture), "--username", target.Username!, "--dbname", target.Database!, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (target.Password is { } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} failed ({process.ExitCode}): {await output}{await errors}");
    }

    private static Dictionary<string, string> Sqlite(string path) => Service(new() { ["ConnectionStrings__Booking"] = $"Data Source={path}" });

    private static Dictionary<string, string> Postgres(string connectionString) =>
        Service(new() { ["Storage__Provider"] = "Postgres", ["ConnectionStrings__Booking"] = connectionString });

    private static Dictionary<string, string> Service(Dictionary<string, string> store) => new(store)
    {
        ["Auth__Mode"] = "Open",
        ["Limits__RateLimit__Enabled"] = "false",
    };
}
