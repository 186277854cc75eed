using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json.Nodes;
using Agenda.Bench;
using Agenda.Storage.Postgres;
using Agenda.Storage.Sqlite;
using Agenda.Testing;
using DbUp;
using DbUp.Builder;
using Microsoft.Data.Sqlite;
using Npgsql;
using static Agenda.Bench.BenchDatabase;

// The service at scale against itself small, side by side in one run, on each store: a database of OWNERS owners (weekly
// hours, two meeting types, a team of five for one owner in twenty, a connected calendar's busy times for one in ten)
// and BOOKINGS bookings over five years (4.5 past, 0.5 ahead), written with set-based SQL at the schema before the
// newest migration; then that migration is timed, the service (Release, its own process, real Kestrel) is started and
// timed to readiness, and one client measures a random owner's next week searched cold (first search of that owner
// since start) and warm, a team's week, and booking the first free slot. The same is done with 100 owners and 100
// bookings each. Prints one Markdown table per store, figures and ratios, and the targets of issue 31.
// Usage: dotnet run -c Release --project bench/Agenda.ScaleBench -- [sqlite|postgres|both] [owners] [bookings] [service dll]
var stores = args.Length > 0 ? args[0] : "both";
var owners = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
var bookings = args.Length > 2 ? long.Parse(args[2], CultureInfo.InvariantCulture) : 10_000_000;
var serviceDll = args.Length > 3 ? args[3] : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/Agenda.Api/bin/Release/net10.0/Agenda.Api.dll"));
if (!File.Exists(serviceDll))
{
    throw new FileNotFoundException("Build the service first: dotnet build -c Release src/Agenda.Api", serviceDll);
}

var small = new Scale(100, 100 * 100);
var large = new Scale(owners, bookings);
const long CacheBudget = 64L * 1024 * 1024; // SlotCache:MaxBytes, the service's default
Console.WriteLine($"# Scale: {large.Owners:N0} owners and {large.Bookings:N0} bookings against {small.Owners} owners ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
Console.WriteLine();

if (stores is "sqlite" or "both")
{
    Report("SQLite", Run(small, Sqlite), Run(large, Sqlite));
}

if (stores is "postgres" or "both")
{
    using var server = PostgresServer.Durable();
    Report("PostgreSQL", Run(small, scale => Postgres(server, scale)), Run(large, scale => Postgres(server, scale)));
}

Figures Run(Scale scale, Func<Scale, Database> create)
{
    using var database = create(scale);
    var clock = Stopwatch.StartNew();
    database.Load(scale);
    var loaded = clock.Elapsed;
    clock.Restart();
    database.MigrateNewest();
    var migration = clock.Elapsed;
    Console.Error.WriteLine($"{database.Name} {scale.Owners:N0} owners: loaded in {loaded.TotalSeconds:F0} s, newest migration {migration.TotalMilliseconds:F0} ms, {database.SizeBytes() / 1048576.0:F0} MiB");
    return Measure(scale, database, loaded, migration);
}

Figures Measure(Scale scale, Database database, TimeSpan loaded, TimeSpan migration)
{
    var port = FreePort();
    var start = new ProcessStartInfo("dotnet", [serviceDll, "--urls", $"http://127.0.0.1:{port}"])
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };
    start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
    start.Environment["Auth__Mode"] = "Open";
    start.Environment["Limits__RateLimit__Enabled"] = "false";
    start.Environment["Telemetry__Prometheus__Enabled"] = "true";
    start.Environment["Logging__LogLevel__Default"] = "Warning";
    foreach (var (key, value) in database.Settings)
    {
        start.Environment[key] = value;
    }

    using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(2) };
    var clock = Stopwatch.StartNew();
    using var service = Process.Start(start)!;
    service.OutputDataReceived += (_, _) => { };
    service.ErrorDataReceived += (_, line) =>
    {
        if (line.Data is { } text)
        {
            Console.Error.WriteLine($"  service: {text}");
        }
    };
    service.BeginOutputReadLine();
    service.BeginErrorReadLine();
    while (true)
    {
        if (service.HasExited)
        {
            throw new InvalidOperationException($"The service stopped at start with {service.ExitCode}.");
        }

        try
        {
            using var ready = http.GetAsync("/readyz").GetAwaiter().GetResult();
            if (ready.StatusCode == HttpStatusCode.OK)
            {
                break;
            }
        }
        catch (HttpRequestException)
        {
        }

        Thread.Sleep(20);
    }

    var startup = clock.Elapsed;
    var rssAtStart = Rss(service);
    try
    {
        var random = new Random(31);
        var sampled = Math.Min(1000, scale.Owners);
        var picked = Enumerable.Range(0, scale.Owners).OrderBy(_ => random.Next()).Take(sampled).ToList();
        var monday = NextMonday();
        var week = $"from={monday:yyyy-MM-dd}&to={monday.AddDays(6):yyyy-MM-dd}";

        var teams = Math.Max(1, scale.Owners / 20 / 5);
        var sampledTeams = Enumerable.Range(0, Math.Min(200, teams)).OrderBy(_ => random.Next()).ToList();

        // A first pass warms the process (JIT, pools, the database's pages); then every sampled owner's hours are written
        // again as they were, which outdates their cached slots on this node as any write does: the cold pass is then
        // the cache's miss (the store read and the engine), not the JIT's first call.
        foreach (var owner in picked)
        {
            Get(http, $"/v1/owners/{OwnerId(owner)}/meeting-types/intro/slots?{week}");
        }

        foreach (var team in sampledTeams)
        {
            Get(http, $"/v1/teams/{TeamId(team)}/meeting-types/together/slots?{week}");
        }

        object[] workday = [new { start = "09:00", end = "17:00" }];
        var hours = new { monday = workday, tuesday = workday, wednesday = workday, thursday = workday, friday = workday };
        foreach (var owner in picked.Concat(sampledTeams.SelectMany(team => Enumerable.Range(team * 5, 5))).Distinct())
        {
            Put(http, $"/v1/owners/{OwnerId(owner)}/weekly-hours", hours);
        }

        var before = CacheCounts(http);
        var cold = new List<double>();
        var firstSlots = new Dictionary<int, string>();
        foreach (var owner in picked)
        {
            var (ms, body) = Timed(() => Get(http, $"/v1/owners/{OwnerId(owner)}/meeting-types/intro/slots?{week}"));
            cold.Add(ms);
            if (body["slots"]!.AsArray() is [var first, ..])
            {
                firstSlots[owner] = first!["start_utc"]!.GetValue<string>();
            }
        }

        var afterCold = CacheCounts(http);
        var warm = picked.Select(owner => Timed(() => Get(http, $"/v1/owners/{OwnerId(owner)}/meeting-types/intro/slots?{week}")).Ms).ToList();
        var after = CacheCounts(http);

        var teamWeek = sampledTeams.Select(team => Timed(() => Get(http, $"/v1/teams/{TeamId(team)}/meeting-types/together/slots?{week}")).Ms).ToList();

        var beforeBooking = BookingCosts(http);
        var booked = new List<double>();
        foreach (var (owner, slot) in firstSlots.Take(Math.Min(500, firstSlots.Count)))
        {
            booked.Add(Timed(() => Post(http, $"/v1/owners/{OwnerId(owner)}/meeting-types/intro/bookings", new { start = slot, invitee = new { name = "Bench", email = "bench@example.com" } })).Ms);
        }

        var afterBooking = BookingCosts(http);
        var bookingCount = afterBooking.HttpCount - beforeBooking.HttpCount;
        var storeShare = bookingCount == 0 || afterBooking.HttpSum == beforeBooking.HttpSum ? 0
            : (afterBooking.StoreSum - beforeBooking.StoreSum) / (afterBooking.HttpSum - beforeBooking.HttpSum);
        var coldReads = (afterCold.Misses - before.Misses) / cold.Count;
        // A week is seven day lookups; the warm pass reads the store for none of them when the cache holds them all.
        var warmReused = 1 - ((after.Misses - afterCold.Misses) / (7.0 * warm.Count));
        return new Figures(scale, loaded, migration, startup, cold, warm, teamWeek, booked, storeShare, coldReads, warmReused, rssAtStart, Rss(service), database.SizeBytes());
    }
    finally
    {
        service.Kill(entireProcessTree: true);
        service.WaitForExit();
    }
}

void Report(string store, Figures few, Figures many)
{
    Console.WriteLine($"## {store}");
    Console.WriteLine();
    Console.WriteLine($"Written in {many.Loaded.TotalSeconds:F0} s ({many.DatabaseBytes / 1048576.0:F0} MiB); {few.Scale.Owners} owners in {few.Loaded.TotalSeconds:F1} s.");
    Console.WriteLine();
    Console.WriteLine($"| figure | {few.Scale.Owners:N0} owners, {few.Scale.Bookings:N0} bookings | {many.Scale.Owners:N0} owners, {many.Scale.Bookings:N0} bookings | ratio | target |");
    Console.WriteLine("|---|---:|---:|---:|---|");
    Row("week search, cold, p50 (ms)", Percentile(few.Cold, 50), Percentile(many.Cold, 50), "ratio <= 1.5");
    Row("week search, cold, p99 (ms)", Percentile(few.Cold, 99), Percentile(many.Cold, 99), "< 20 ms, ratio <= 1.5");
    Row("week search, warm, p50 (ms)", Percentile(few.Warm, 50), Percentile(many.Warm, 50), "ratio <= 1.5");
    Row("week search, warm, p99 (ms)", Percentile(few.Warm, 99), Percentile(many.Warm, 99), "ratio <= 1.5");
    Row("team week (5 hosts), p50 (ms)", Percentile(few.Team, 50), Percentile(many.Team, 50), "ratio <= 1.5");
    Row("team week (5 hosts), p99 (ms)", Percentile(few.Team, 99), Percentile(many.Team, 99), "ratio <= 1.5");
    Row("booking, p50 (ms)", Percentile(few.Booked, 50), Percentile(many.Booked, 50), "ratio <= 1.5");
    Row("booking, p99 (ms)", Percentile(few.Booked, 99), Percentile(many.Booked, 99), "< 20 ms, ratio <= 1.5");
    Row("booking: share of its server time in the store (%)", few.StoreShare * 100, many.StoreShare * 100, "where a booking's time goes", "F0");
    Row("cold search: days read from the store", few.ColdReads, many.ColdReads, "the searched week's 7 days", "F1");
    Row("warm search: from the cache (%)", few.WarmFromCache * 100, many.WarmFromCache * 100, "100 %", "F0");
    Row("start-up to ready (ms)", few.Startup.TotalMilliseconds, many.Startup.TotalMilliseconds, "ratio <= 1.5", "F0");
    Row("newest migration (ms)", few.Migration.TotalMilliseconds, many.Migration.TotalMilliseconds, "ratio <= 1.5", "F0");
    Row("memory at start (MiB)", few.RssStart / 1048576.0, many.RssStart / 1048576.0, "ratio <= 1.5", "F0");
    Row("memory after the run (MiB)", few.RssEnd / 1048576.0, many.RssEnd / 1048576.0, $"<= small + {CacheBudget / 1048576} MiB (cache budget)", "F0");
    Console.WriteLine();
    Console.WriteLine($"Samples: {many.Cold.Count} owners searched cold then warm ({few.Cold.Count} at {few.Scale.Owners} owners), {many.Team.Count} team weeks, {many.Booked.Count} bookings, one client, one after another.");
    Console.WriteLine();
}

static void Row(string name, double few, double many, string target, string format = "F2") =>
    Console.WriteLine($"| {name} | {few.ToString(format, CultureInfo.InvariantCulture)} | {many.ToString(format, CultureInfo.InvariantCulture)} | {(few == 0 ? "-" : (many / few).ToString("F2", CultureInfo.InvariantCulture))} | {target} |");

static double Percentile(List<double> values, int percent)
{
    if (values.Count == 0)
    {
        return 0;
    }

    var sorted = values.Order().ToList();
    return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1)];
}

static (double Ms, JsonNode Body) Timed(Func<JsonNode> send)
{
    var clock = Stopwatch.StartNew();
    var body = send();
    return (clock.Elapsed.TotalMilliseconds, body);
}

static JsonNode Get(HttpClient http, string path)
{
    using var response = http.GetAsync(path).GetAwaiter().GetResult();
    return Body(response, path, HttpStatusCode.OK);
}

static JsonNode Put(HttpClient http, string path, object body)
{
    using var response = http.PutAsJsonAsync(path, body).GetAwaiter().GetResult();
    return Body(response, path, HttpStatusCode.OK);
}

static JsonNode Post(HttpClient http, string path, object body)
{
    using var response = http.PostAsJsonAsync(path, body).GetAwaiter().GetResult();
    return Body(response, path, HttpStatusCode.Created);
}

static JsonNode Body(HttpResponseMessage response, string path, HttpStatusCode expected)
{
    var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
    return response.StatusCode == expected ? JsonNode.Parse(text)! : throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
}

static (double Hits, double Misses, double Reused) CacheCounts(HttpClient http)
{
    var text = http.GetStringAsync("/metrics").GetAwaiter().GetResult();
    double Sum(string prefix) => text.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal))
        .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    return (Sum("agenda_slot_cache_hits"), Sum("agenda_slot_cache_misses"), Sum("agenda_slot_cache_answers_reused"));
}

// The booking route's server time (http.server.request.duration) and the store's share of it (agenda.store.duration,
// operation book), summed over what the service has measured so far: a profile of a booking from its own metrics.
static (double HttpSum, double HttpCount, double StoreSum) BookingCosts(HttpClient http)
{
    var lines = http.GetStringAsync("/metrics").GetAwaiter().GetResult().Split('\n');
    double Sum(string prefix, params string[] labels) => lines
        .Where(l => l.StartsWith(prefix, StringComparison.Ordinal) && labels.All(label => l.Contains(label, StringComparison.Ordinal)))
        .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    const string Route = "http_route=\"/v1/owners/{ownerId}/meeting-types/{slug}/bookings\"";
    return (Sum("http_server_request_duration_seconds_sum{", Route), Sum("http_server_request_duration_seconds_count{", Route), Sum("agenda_store_duration_seconds_sum{", "operation=\"book\""));
}

static long Rss(Process process)
{
    var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static DateOnly NextMonday()
{
    var today = DateOnly.FromDateTime(DateTime.UtcNow);
    return today.AddDays(((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7 is 0 ? 7 : ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7);
}

static string OwnerId(int i) => $"o{i:D6}";

static string TeamId(int i) => $"t{i:D5}";

static Database Sqlite(Scale scale)
{
    var folder = Directory.CreateTempSubdirectory("agenda-scale-");
    var file = Path.Combine(folder.FullName, "agenda.db");
    var connectionString = $"Data Source={file}";
    using (var wal = new SqliteConnection(connectionString))
    {
        wal.Open();
        BenchDatabase.Execute(wal, "PRAGMA journal_mode = WAL;");
    }

    return new Database(
        "SQLite",
        typeof(SqliteDatabase).Assembly,
        ".Sqlite.Migrations.",
        () => DeployChanges.To.SqliteDatabase(connectionString),
        () => new SqliteConnection(connectionString),
        Rows.Sqlite,
        () => new FileInfo(file).Length + (File.Exists(file + "-wal") ? new FileInfo(file + "-wal").Length : 0),
        new Dictionary<string, string> { ["ConnectionStrings__Booking"] = connectionString },
        () =>
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        });
}

static Database Postgres(PostgresServer server, Scale scale)
{
    var connectionString = server.CreateDatabase();
    return new Database(
        "PostgreSQL",
        typeof(PostgresDatabase).Assembly,
        ".Postgres.Migrations.",
        () => DeployChanges.To.PostgresqlDatabase(connectionString),
        () => new NpgsqlConnection(connectionString),
        Rows.Postgres,
        () =>
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            using var size = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
            return (long)size.ExecuteScalar()!;
        },
        new Dictionary<string, string> { ["ConnectionStrings__Booking"] = connectionString, ["Storage__Provider"] = "Postgres" },
        () => NpgsqlConnection.ClearAllPools());
}

internal sealed record Scale(int Owners, long Bookings)
{
    public long PerOwner => Math.Max(1, Bookings / Owners);
}

internal sealed record Figures(
    Scale Scale, TimeSpan Loaded, TimeSpan Migration, TimeSpan Startup, List<double> Cold, List<double> Warm, List<double> Team, List<double> Booked, double StoreShare,
    double ColdReads, double WarmFromCache, long RssStart, long RssEnd, long DatabaseBytes);

/// <summary>A throwaway database of one store, migrated up to the newest migration but one, with the rows of a scale.</summary>
internal sealed class Database(
    string name, Assembly assembly, string folder, Func<UpgradeEngineBuilder> to, Func<DbConnection> connect, Func<Scale, long, string> rows,
    Func<long> size, IReadOnlyDictionary<string, string> settings, Action drop) : IDisposable
{
    /// <summary>Marks the bookings' bulk insert in the rows' SQL: the schema's indexes, triggers and overlap guard on bookings are set aside for it and made again after, at once.</summary>
    public const string BulkMarker = "-- bulk bookings --";

    /// <summary>
    /// What is set aside during the bulk insert, and the statements that make it again: SQLite's indexes and triggers on
    /// bookings; PostgreSQL's indexes and constraints on bookings other than its primary key. The rows are made free of
    /// overlaps by construction, and the guard made again afterwards checks them all, as a migration would.
    /// </summary>
    private static readonly Dictionary<string, (string Read, Func<DbDataReader, (string Drop, string Make)> Row)> Deferred = new()
    {
        ["SQLite"] = (
            "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'bookings' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type = 'trigger'",
            r => ($"DROP {r.GetString(0).ToUpperInvariant()} {r.GetString(1)};", r.GetString(2) + ";")),
        ["PostgreSQL"] = (
            """
            SELECT 'ALTER TABLE bookings DROP CONSTRAINT ' || conname || ';', 'ALTER TABLE bookings ADD CONSTRAINT ' || conname || ' ' || pg_get_constraintdef(oid) || ';'
            FROM pg_constraint WHERE conrelid = 'bookings'::regclass AND contype IN ('x', 'u')
            UNION ALL
            SELECT 'DROP INDEX ' || indexname || ';', indexdef || ';' FROM pg_indexes i
            WHERE tablename = 'bookings' AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'bookings'::regclass)
            UNION ALL
            SELECT 'DROP TRIGGER ' || tgname || ' ON bookings;', pg_get_triggerdef(oid) || ';' FROM pg_trigger WHERE tgrelid = 'bookings'::regclass AND NOT tgisinternal
            """,
            r => (r.GetString(0), r.GetString(1))),
    };

    private readonly List<string> scripts = [.. assembly.GetManifestResourceNames().Where(n => n.Contains(folder, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    public string Name => name;

    public IReadOnlyDictionary<string, string> Settings => settings;

    public long SizeBytes() => size();

    public void Load(Scale scale)
    {
        RunUpTo(scripts[^2]);
        using var connection = connect();
        connection.Open();
        var parts = rows(scale, DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 3600 * 3600).Split(BulkMarker);
        var clock = Stopwatch.StartNew();
        void Step(string what)
        {
            Console.Error.WriteLine($"  {name}: {what} in {clock.Elapsed.TotalSeconds:F1} s");
            clock.Restart();
        }

        Execute(connection, parts[0]);
        Step("owners, hours and types");
        var deferred = new List<(string Drop, string Make)>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = Deferred[name].Read;
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                deferred.Add(Deferred[name].Row(reader));
            }
        }

        Execute(connection, string.Concat(deferred.Select(d => d.Drop)));
        Execute(connection, parts[1]);
        Step("bookings");
        Execute(connection, string.Concat(deferred.Select(d => d.Make)));
        Step($"{deferred.Count} indexes, triggers and constraints on bookings made again");
        Execute(connection, parts[2]);
        Step("teams, calendars and statistics");
    }

    public void MigrateNewest() => RunUpTo(scripts[^1]);

    public void Dispose() => drop();

    private void RunUpTo(string last) => BenchDatabase.RunUpTo(to(), assembly, folder, last);
}

/// <summary>
/// The rows of a scale, set-based. Owner i ("o000123") lives in one of eight zones, works Monday to Friday 09:00-17:00,
/// offers intro (30 minutes) and consult (60 minutes, 15 minutes' buffer after); its bookings are 30-minute intros, one
/// every (five years / bookings per owner) from 4.5 years ago, one in twenty cancelled. Owners 0 to 5 % are in teams of
/// five ("t00012", type "together", round robin); one owner in ten has a connected calendar (never read: its next read
/// is years away) with a busy hour every other weekday for the next half year.
/// </summary>
internal static class Rows
{
    private const string Zones = "'Europe/Berlin','America/New_York','Asia/Tokyo','Europe/London','America/Los_Angeles','Australia/Sydney','Asia/Kolkata','UTC'";

    private const long FiveYears = 5L * 365 * 86400;

    public static string Sqlite(Scale scale, long now)
    {
        var interval = Math.Max(7200, FiveYears / scale.PerOwner / 3600 * 3600);
        var first = now - FiveYears * 9 / 10;
        var teams = scale.Owners / 20 / 5;
        return $"""
            PRAGMA foreign_keys = OFF;
            PRAGMA cache_size = -1000000;
            BEGIN;
            CREATE TEMP TABLE zones (k INTEGER PRIMARY KEY, zone TEXT);
            INSERT INTO zones (zone) VALUES {string.Join(",", Zones.Split(',').Select(z => $"({z})"))};
            INSERT INTO owners (id, time_zone, schedule_version, created_at, display_name)
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {scale.Owners - 1})
            SELECT printf('o%06d', i), (SELECT zone FROM zones WHERE k = i % 8 + 1), 1, 0, 'Owner ' || i FROM n;
            INSERT INTO weekly_hours (owner_id, weekday, start_time, end_time)
            SELECT o.id, d.value, '09:00', '17:00' FROM owners o, json_each('[1,2,3,4,5]') d;
            INSERT INTO meeting_types (owner_id, slug, title, length_minutes, step_minutes, buffer_after_minutes, horizon_days, created_at)
            SELECT id, 'intro', 'Intro', 30, 30, 0, 60, 0 FROM owners UNION ALL SELECT id, 'consult', 'Consultation', 60, 60, 15, 60, 0 FROM owners;
            COMMIT;
            {Database.BulkMarker}
            BEGIN;
            INSERT INTO bookings (id, owner_id, invitee, start_utc, end_utc, status, holds_time, created_at, meeting_type, invitee_email, blocked_start_utc, blocked_end_utc, sequence)
            WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < {scale.PerOwner - 1})
            SELECT printf('b%06d-%05d', o.rowid - 1, k.j), o.id, 'Invitee ' || k.j,
                   {first} + k.j * {interval} + (o.rowid % 8) * 3600, {first} + k.j * {interval} + (o.rowid % 8) * 3600 + 1800,
                   CASE WHEN k.j % 20 = 0 THEN 'cancelled' ELSE 'active' END, CASE WHEN k.j % 20 = 0 THEN 0 ELSE 1 END, 0, 'intro', 'invitee@example.com',
                   {first} + k.j * {interval} + (o.rowid % 8) * 3600, {first} + k.j * {interval} + (o.rowid % 8) * 3600 + 1800, 0
            FROM owners o, k;
            COMMIT;
            {Database.BulkMarker}
            BEGIN;
            UPDATE owners SET longest_blocked = 1800;
            INSERT INTO teams (id, name, join_code_hash, created_at)
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {Math.Max(0, teams - 1)})
            SELECT printf('t%05d', i), 'Team ' || i, 'x', 0 FROM n WHERE {teams} > 0;
            INSERT INTO team_members (team_id, owner_id, joined_at, role)
            SELECT printf('t%05d', (rowid - 1) / 5), id, 0, CASE WHEN (rowid - 1) % 5 = 0 THEN 'admin' ELSE 'member' END FROM owners WHERE rowid - 1 < {teams * 5};
            INSERT INTO team_meeting_types (team_id, slug, title, kind, length_minutes, step_minutes, buffer_before_minutes, buffer_after_minutes, minimum_notice_minutes, horizon_days, fairness_days, created_at)
            SELECT id, 'together', 'Together', 'round_robin', 30, 30, 0, 0, 0, 60, 30, 0 FROM teams;
            INSERT INTO team_meeting_type_hosts (team_id, slug, owner_id, position, weight, priority, is_fixed, added_at)
            SELECT team_id, 'together', owner_id, ROW_NUMBER() OVER (PARTITION BY team_id ORDER BY owner_id) - 1, 1, 0, 0, 0 FROM team_members;
            INSERT INTO calendar_connections (id, owner_id, kind, secret_box, display_host, when_unreachable, state, last_success_at, next_sync_at, created_at)
            SELECT 'c' || id, id, 'ics', x'00', 'https://calendar.example.com', 'offer', 'ok', {now}, {now + FiveYears}, 0 FROM owners WHERE rowid % 10 = 0;
            INSERT INTO external_busy (connection_id, owner_id, start_utc, end_utc)
            WITH RECURSIVE d(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM d WHERE j < 90)
            SELECT c.id, c.owner_id, {now / 86400 * 86400} + d.j * 2 * 86400 + 12 * 3600, {now / 86400 * 86400} + d.j * 2 * 86400 + 13 * 3600 FROM calendar_connections c, d;
            COMMIT;
            ANALYZE;
            """;
    }

    public static string Postgres(Scale scale, long now)
    {
        var interval = Math.Max(7200, FiveYears / scale.PerOwner / 3600 * 3600);
        var first = now - FiveYears * 9 / 10;
        var teams = scale.Owners / 20 / 5;
        return $"""
            SET maintenance_work_mem = '2GB';
            SET max_parallel_maintenance_workers = 2;
            INSERT INTO owners (id, time_zone, schedule_version, created_at, display_name)
            SELECT 'o' || lpad(i::text, 6, '0'), (ARRAY[{Zones}])[i % 8 + 1], 1, 0, 'Owner ' || i FROM generate_series(0, {scale.Owners - 1}) i;
            INSERT INTO weekly_hours (owner_id, weekday, start_time, end_time)
            SELECT o.id, d, '09:00', '17:00' FROM owners o, generate_series(1, 5) d;
            INSERT INTO meeting_types (owner_id, slug, title, length_minutes, step_minutes, buffer_after_minutes, horizon_days, created_at)
            SELECT id, 'intro', 'Intro', 30, 30, 0, 60, 0 FROM owners UNION ALL SELECT id, 'consult', 'Consultation', 60, 60, 15, 60, 0 FROM owners;
            {Database.BulkMarker}
            INSERT INTO bookings (id, owner_id, invitee, start_utc, end_utc, status, holds_time, created_at, meeting_type, invitee_email, blocked_start_utc, blocked_end_utc, sequence)
            SELECT 'b' || lpad(i::text, 6, '0') || '-' || lpad(j::text, 5, '0'), 'o' || lpad(i::text, 6, '0'), 'Invitee ' || j,
                   {first} + j * {interval} + (i % 8) * 3600, {first} + j * {interval} + (i % 8) * 3600 + 1800,
                   CASE WHEN j % 20 = 0 THEN 'cancelled' ELSE 'active' END, j % 20 <> 0, 0, 'intro', 'invitee@example.com',
                   {first} + j * {interval} + (i % 8) * 3600, {first} + j * {interval} + (i % 8) * 3600 + 1800, 0
            FROM generate_series(0, {scale.Owners - 1}) i, generate_series(0, {scale.PerOwner - 1}) j;
            {Database.BulkMarker}
            INSERT INTO teams (id, name, join_code_hash, created_at)
            SELECT 't' || lpad(i::text, 5, '0'), 'Team ' || i, 'x', 0 FROM generate_series(0, {teams - 1}) i;
            INSERT INTO team_members (team_id, owner_id, joined_at, role)
            SELECT 't' || lpad((i / 5)::text, 5, '0'), 'o' || lpad(i::text, 6, '0'), 0, CASE WHEN i % 5 = 0 THEN 'admin' ELSE 'member' END FROM generate_series(0, {teams * 5 - 1}) i;
            INSERT INTO team_meeting_types (team_id, slug, title, kind, length_minutes, step_minutes, buffer_before_minutes, buffer_after_minutes, minimum_notice_minutes, horizon_days, fairness_days, created_at)
            SELECT id, 'together', 'Together', 'round_robin', 30, 30, 0, 0, 0, 60, 30, 0 FROM teams;
            INSERT INTO team_meeting_type_hosts (team_id, slug, owner_id, position, weight, priority, is_fixed, added_at)
            SELECT team_id, 'together', owner_id, (ROW_NUMBER() OVER (PARTITION BY team_id ORDER BY owner_id) - 1)::int, 1, 0, 0, 0 FROM team_members;
            INSERT INTO calendar_connections (id, owner_id, kind, secret_box, display_host, when_unreachable, state, last_success_at, next_sync_at, created_at)
            SELECT 'c' || id, id, 'ics', '\x00'::bytea, 'https://calendar.example.com', 'offer', 'ok', {now}, {now + FiveYears}, 0 FROM owners WHERE right(id, 1) = '0';
            INSERT INTO external_busy (connection_id, owner_id, start_utc, end_utc)
            SELECT c.id, c.owner_id, {now / 86400 * 86400} + d * 2 * 86400 + 12 * 3600, {now / 86400 * 86400} + d * 2 * 86400 + 13 * 3600
            FROM calendar_connections c, generate_series(0, 90) d;
            ANALYZE;
            """;
    }
}
