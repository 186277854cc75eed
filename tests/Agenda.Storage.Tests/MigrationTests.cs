using Agenda.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Agenda.Storage.Tests;

public sealed class MigrationTests : IDisposable
{
    private readonly SqliteFile file = new();

    public void Dispose() => file.Dispose();

    [Fact]
    public void Migrating_creates_the_schema_and_records_every_script()
    {
        Assert.Equal(["availability_rules", "booking_events", "booking_history", "bookings", "calendar_connections", "data_protection_keys", "date_override_hours", "date_overrides", "deliveries", "delivery_attempts", "external_busy", "idempotency_keys", "meeting_types", "owner_api_keys", "owners", "slot_holds", "webhook_endpoints", "weekly_hours"], Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'SchemaVersions' ORDER BY name"));
        var scripts = Query("SELECT ScriptName FROM SchemaVersions");
        Assert.Contains(scripts, name => name.EndsWith("0001_initial_schema.sql", StringComparison.Ordinal));
        Assert.Contains(scripts, name => name.EndsWith("0002_scheduling_model.sql", StringComparison.Ordinal));
        Assert.Contains(scripts, name => name.EndsWith("0003_booking_lifecycle.sql", StringComparison.Ordinal));
        Assert.Contains(scripts, name => name.EndsWith("0004_owner_keys.sql", StringComparison.Ordinal));
        Assert.Contains(scripts, name => name.EndsWith("0005_idempotency_keys.sql", StringComparison.Ordinal));
        Assert.Contains(scripts, name => name.EndsWith("0006_calendar_feeds.sql", StringComparison.Ordinal));
        Assert.Contains(scripts, name => name.EndsWith("0009_bounded_overlap_guard.sql", StringComparison.Ordinal));
    }

    [Fact]
    public void Migrating_again_changes_nothing()
    {
        var before = Query("SELECT ScriptName FROM SchemaVersions");

        new SqliteDatabase(file.ConnectionString).Migrate();

        Assert.Equal(before, Query("SELECT ScriptName FROM SchemaVersions"));
    }

    [Fact]
    public async Task Processes_starting_together_on_one_file_migrate_once_without_error()
    {
        for (var round = 0; round < 5; round++)
        {
            using var fresh = new SqliteFile(migrate: false);
            using var start = new Barrier(6);

            await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Factory.StartNew(
                () =>
                {
                    var database = new SqliteDatabase(fresh.ConnectionString);
                    start.SignalAndWait();
                    database.Migrate();
                },
                TaskCreationOptions.LongRunning)));

            using var connection = new SqliteConnection(fresh.ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) - count(DISTINCT ScriptName) FROM SchemaVersions";
            Assert.Equal(0L, command.ExecuteScalar());
        }
    }

    [Fact]
    public void The_file_uses_write_ahead_logging()
    {
        Assert.Equal(["wal"], Query("PRAGMA journal_mode"));
    }

    [Fact]
    public void Migrating_creates_a_missing_folder()
    {
        var nested = Path.Combine(Path.GetDirectoryName(file.FilePath)!, "a", "b", "nested.db");

        new SqliteDatabase($"Data Source={nested}").Migrate();

        Assert.True(File.Exists(nested));
    }

    private List<string> Query(string sql)
    {
        using var connection = new SqliteConnection(file.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
