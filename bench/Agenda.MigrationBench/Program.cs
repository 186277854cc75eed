using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Agenda.Storage.Postgres;
using Agenda.Storage.Sqlite;
using Agenda.Testing;
using DbUp;
using DbUp.Builder;
using Microsoft.Data.Sqlite;
using Npgsql;
using static Agenda.Bench.BenchDatabase;

// Times every migration, one by one, on a database that holds BOOKINGS bookings (default 1,000,000) of 1,000 owners
// written at the first schema, as a database kept since the first release would hold them. Prints a Markdown table per
// store: script, seconds, and the database's size after it. Usage: dotnet run -c Release -- [sqlite|postgres|both] [bookings]
var stores = args.Length > 0 ? args[0] : "both";
var bookings = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
const int Owners = 1_000;
var start = new DateTimeOffset(2027, 1, 4, 8, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

// Bookings of one hour, each owner's back to back; one in ten cancelled.
var sqliteRows = $"""
    INSERT INTO owners (id, time_zone, created_at)
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {Owners - 1})
    SELECT printf('owner-%04d', i), 'Europe/Berlin', 0 FROM n;
    INSERT INTO bookings (id, owner_id, invitee, start_utc, end_utc, status, created_at)
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {bookings - 1})
    SELECT printf('booking-%07d', i), printf('owner-%04d', i % {Owners}), 'Invitee ' || i,
           {start} + (i / {Owners}) * 3600, {start} + (i / {Owners}) * 3600 + 3600,
           CASE WHEN i % 10 = 0 THEN 'cancelled' ELSE 'active' END, 0
    FROM n;
    """;
var postgresRows = $"""
    INSERT INTO owners (id, time_zone, created_at)
    SELECT 'owner-' || lpad(i::text, 4, '0'), 'Europe/Berlin', 0 FROM generate_series(0, {Owners - 1}) i;
    INSERT INTO bookings (id, owner_id, invitee, start_utc, end_utc, blocked_start_utc, blocked_end_utc, status, cancelled_at, cancelled_by, created_at)
    SELECT 'booking-' || lpad(i::text, 7, '0'), 'owner-' || lpad((i % {Owners})::text, 4, '0'), 'Invitee ' || i,
           {start} + (i / {Owners}) * 3600, {start} + (i / {Owners}) * 3600 + 3600,
           {start} + (i / {Owners}) * 3600, {start} + (i / {Owners}) * 3600 + 3600,
           CASE WHEN i % 10 = 0 THEN 'cancelled' ELSE 'active' END,
           CASE WHEN i % 10 = 0 THEN 0 END, CASE WHEN i % 10 = 0 THEN 'owner' END, 0
    FROM generate_series(0, {bookings - 1}) i;
    """;

if (stores is "sqlite" or "both")
{
    var folder = Directory.CreateTempSubdirectory("agenda-migration-bench-");
    var file = Path.Combine(folder.FullName, "agenda.db");
    var connectionString = $"Data Source={file}";
    using (var wal = new SqliteConnection(connectionString))
    {
        wal.Open();
        Execute(wal, "PRAGMA journal_mode = WAL;");
    }

    Measure("SQLite", typeof(SqliteDatabase).Assembly, ".Sqlite.Migrations.", () => DeployChanges.To.SqliteDatabase(connectionString),
        () => new SqliteConnection(connectionString), sqliteRows, () => new FileInfo(file).Length + (File.Exists(file + "-wal") ? new FileInfo(file + "-wal").Length : 0));
    SqliteConnection.ClearAllPools();
    folder.Delete(recursive: true);
}

if (stores is "postgres" or "both")
{
    using var server = PostgresServer.Durable();
    var connectionString = server.CreateDatabase();
    Measure("PostgreSQL", typeof(PostgresDatabase).Assembly, ".Postgres.Migrations.", () => DeployChanges.To.PostgresqlDatabase(connectionString),
        () => new NpgsqlConnection(connectionString), postgresRows, () =>
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            using var size = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
            return (long)size.ExecuteScalar()!;
        });
}

void Measure(string store, Assembly assembly, string folder, Func<UpgradeEngineBuilder> to, Func<DbConnection> connect, string rows, Func<long> size)
{
    var scripts = assembly.GetManifestResourceNames().Where(n => n.Contains(folder, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
    RunUpTo(to(), assembly, folder, scripts[0]);
    var clock = Stopwatch.StartNew();
    using (var connection = connect())
    {
        connection.Open();
        Execute(connection, rows);
    }

    Console.WriteLine($"## {store}: {bookings:N0} bookings of {Owners:N0} owners written at {Short(scripts[0])} in {clock.Elapsed.TotalSeconds:F1} s ({size() / 1048576.0:F0} MiB)");
    Console.WriteLine();
    Console.WriteLine("| migration | seconds | database after (MiB) |");
    Console.WriteLine("|---|---:|---:|");
    var total = TimeSpan.Zero;
    foreach (var script in scripts.Skip(1))
    {
        clock.Restart();
        RunUpTo(to(), assembly, folder, script);
        total += clock.Elapsed;
        Console.WriteLine($"| {Short(script)} | {clock.Elapsed.TotalSeconds:F2} | {size() / 1048576.0:F0} |");
    }

    Console.WriteLine($"| **all, from the first schema** | **{total.TotalSeconds:F1}** | |");
    Console.WriteLine();
}
