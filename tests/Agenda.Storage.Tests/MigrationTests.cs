using Agenda.Storage.Sqlite;
using DbUp;
using Microsoft.Data.Sqlite;

namespace Agenda.Storage.Tests;

public sealed class MigrationTests : IDisposable
{
    private readonly SqliteFile file = new();

    public void Dispose() => file.Dispose();

    [Fact]
    public void Migrating_creates_the_schema_and_records_every_script()
    {
        Assert.Equal(["account_events", "account_invites", "account_logins", "account_mail", "account_passkeys", "account_registry", "accounts", "audit_log", "availability_rules", "booking_events", "booking_history", "booking_series", "booking_statuses", "bookings", "calendar_connections", "data_protection_keys", "date_override_hours", "date_overrides", "deliveries", "delivery_attempts", "external_busy", "idempotency_keys", "meeting_types", "owner_api_keys", "owner_branding", "owners", "schedules", "seat_slots", "single_use_links", "slot_holds", "team_absences", "team_meeting_type_hosts", "team_meeting_types", "team_members", "teams", "time_zone_rules", "webhook_endpoints", "weekly_hours", "workflow_run_attempts", "workflow_runs", "workflows"], Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'SchemaVersions' ORDER BY name"));
        var scripts = Query("SELECT ScriptName FROM SchemaVersions");
        Assert.Contains(scripts, name => name.EndsWith("0001_initial_schema.sql", StringComparison.Ordinal));
        Assert.Contains(scripts, name => name.EndsWith("0002_scheduling_model.sql", StringComparison.Ordinal));
        Assert.Contains(scripts, name => name.EndsWith("0003_booking_lifecycle.sql", StringComparison.Ordinal));
        Assert.Contains(scripts, name => name.EndsWith("0004_owner_keys.sql", StringComparison.Ordinal));
        Assert.Contains(scripts, name => name.EndsWith("0005_idempotency_keys.sql", StringComparison.Ordinal));
        Assert.Contains(scripts, name => name.EndsWith("0006_calendar_feeds.sql", StringComparison.Ordinal));
        Assert.Contains(scripts, name => name.EndsWith("0009_bounded_overlap_guard.sql", StringComparison.Ordinal));
        Assert.Contains(scripts, name => name.EndsWith("0016_calendar_deliveries.sql", StringComparison.Ordinal));
        Assert.Contains(scripts, name => name.EndsWith("0019_booking_statuses.sql", StringComparison.Ordinal));
        Assert.Contains(scripts, name => name.EndsWith("0020_accounts.sql", StringComparison.Ordinal));
        Assert.Contains(scripts, name => name.EndsWith("0022_owner_branding.sql", StringComparison.Ordinal));
        Assert.Contains(scripts, name => name.EndsWith("0023_meeting_details.sql", StringComparison.Ordinal));
        Assert.Contains(scripts, name => name.EndsWith("0024_seats.sql", StringComparison.Ordinal));
        Assert.Contains(scripts, name => name.EndsWith("0025_approvals.sql", StringComparison.Ordinal));
        Assert.Contains(scripts, name => name.EndsWith("0029_booking_limits.sql", StringComparison.Ordinal));
        Assert.Contains(scripts, name => name.EndsWith("0030_schedules.sql", StringComparison.Ordinal));
    }

    [Fact]
    public void Active_and_cancelled_bookings_and_their_history_survive_the_rebuild_that_makes_statuses_data()
    {
        using var old = new SqliteFile(migrate: false);
        var upTo18 = DeployChanges.To.SqliteDatabase(old.ConnectionString + ";Foreign Keys=True")
            .WithScriptsEmbeddedInAssembly(typeof(SqliteDatabase).Assembly,
                name => name.Contains(".Sqlite.Migrations.", StringComparison.Ordinal) && string.CompareOrdinal(name[(name.IndexOf(".Migrations.", StringComparison.Ordinal) + 12)..], "0019") < 0)
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        Assert.True(upTo18.Successful);
        Execute(old, """
            INSERT INTO owners (id, created_at) VALUES ('ana', 0), ('ben', 0);
            INSERT INTO teams (id, name, join_code_hash, created_at) VALUES ('sales', 'Sales', 'h', 0);
            INSERT INTO bookings (id, owner_id, meeting_type, invitee, invitee_email, note, start_utc, end_utc, blocked_start_utc, blocked_end_utc,
                                  status, created_at, sequence, manage_token_hash, invitee_key, invitee_language, invitee_time_zone, team_id, team_booking_id)
            VALUES ('kept', 'ana', 'team:sales/demo', 'cy', 'cy@example.com', 'hi', 1000, 2000, 900, 2100, 'active', 7, 1, 'hash', 'email:cy@example.com', 'de',
                    'Europe/Berlin', 'sales', 'kept');
            INSERT INTO bookings (id, owner_id, invitee, start_utc, end_utc, blocked_start_utc, blocked_end_utc, created_at) VALUES ('gone', 'ana', 'dee', 3000, 4000, 3000, 4000, 8);
            UPDATE bookings SET status = 'cancelled', cancelled_at = 9, cancelled_by = 'invitee', cancel_reason = 'ill' WHERE id = 'gone';
            INSERT INTO bookings (id, owner_id, invitee, start_utc, end_utc, blocked_start_utc, blocked_end_utc, created_at) VALUES ('other', 'ben', 'eve', 1000, 2000, 1000, 2000, 10);
            INSERT INTO booking_history (booking_id, sequence, start_utc, end_utc, changed_at) VALUES ('kept', 0, 100, 200, 5);
            """);
        const string EveryColumn =
            "SELECT id || '|' || owner_id || '|' || meeting_type || '|' || invitee || '|' || ifnull(invitee_email, '-') || '|' || ifnull(note, '-') || '|' || start_utc || '|' || end_utc " +
            "|| '|' || blocked_start_utc || '|' || blocked_end_utc || '|' || status || '|' || created_at || '|' || sequence || '|' || ifnull(cancelled_at, '-') || '|' || ifnull(cancelled_by, '-') " +
            "|| '|' || ifnull(cancel_reason, '-') || '|' || ifnull(manage_token_hash, '-') || '|' || ifnull(invitee_key, '-') || '|' || ifnull(invitee_language, '-') " +
            "|| '|' || ifnull(invitee_time_zone, '-') || '|' || ifnull(team_id, '-') || '|' || ifnull(team_booking_id, '-') FROM bookings ORDER BY id";
        var before = Query(old, EveryColumn);
        var columnsBefore = Query(old, "SELECT name FROM pragma_table_info('bookings') ORDER BY name");

        new SqliteDatabase(old.ConnectionString).Migrate();

        // Every row and column is kept, with holds_time added from what each status means.
        Assert.Equal(3, before.Count);
        Assert.Equal(before, Query(old, EveryColumn));
        Assert.Equal([.. columnsBefore.Append("holds_time").Append("location").Append("answers").Append("seat_slot_id").Append("expires_at").Append("series_id").Append("series_index").Append("no_show_at").Append("private_note").Append("erased_at").Order(StringComparer.Ordinal)], Query(old, "SELECT name FROM pragma_table_info('bookings') ORDER BY name"));
        Assert.Equal(["gone 0", "kept 1", "other 1"], Query(old, "SELECT id || ' ' || holds_time FROM bookings ORDER BY id"));
        Assert.Equal(["kept 0 100 200 5"], Query(old, "SELECT booking_id || ' ' || sequence || ' ' || start_utc || ' ' || end_utc || ' ' || changed_at FROM booking_history"));
        Assert.Empty(Query(old, "SELECT \"table\" FROM pragma_foreign_key_check"));
        // Every index and trigger is there again, over holds_time where the meaning is "occupies time".
        Assert.Equal(
            ["index ix_bookings_awaiting_expiry WHERE status IN ('pending', 'requested')", "index ix_bookings_owner_end", "index ix_bookings_owner_holding_blocked WHERE holds_time", "index ix_bookings_owner_invitee_end WHERE holds_time",
             "index ix_bookings_owner_start_id", "index ix_bookings_seat_slot WHERE seat_slot_id IS NOT NULL", "index ix_bookings_team_booking WHERE team_booking_id IS NOT NULL",
             "index ix_bookings_team_type_created WHERE team_id IS NOT NULL", "index ux_bookings_owner_start_holding WHERE holds_time", "index ux_bookings_series_index WHERE series_id IS NOT NULL",
             "trigger bookings_longest_blocked_on_insert", "trigger bookings_longest_blocked_on_update",
             "trigger bookings_no_overlap_on_insert WHEN NEW.holds_time", "trigger bookings_no_overlap_on_update WHEN NEW.holds_time",
             "trigger bookings_seat_matches_slot_on_insert", "trigger bookings_seat_matches_slot_on_update", "trigger bookings_seat_taken_on_delete",
             "trigger bookings_seat_taken_on_insert", "trigger bookings_seat_taken_on_update"],
            Query(old, """
                SELECT type || ' ' || name || CASE WHEN instr(sql, 'WHERE holds_time') > 0 THEN ' WHERE holds_time'
                                                   WHEN instr(sql, 'WHEN NEW.holds_time') > 0 THEN ' WHEN NEW.holds_time'
                                                   WHEN type = 'index' AND instr(sql, 'WHERE') > 0 THEN ' ' || substr(sql, instr(sql, 'WHERE'))
                                                   ELSE '' END
                FROM sqlite_master WHERE tbl_name = 'bookings' AND type <> 'table' AND sql IS NOT NULL ORDER BY type, name
                """));
        Assert.Empty(Query(old, "SELECT name FROM sqlite_master WHERE sql LIKE '%''active''%' AND name NOT IN ('bookings', 'booking_statuses')"));

        // The history still refers to bookings (now the new table); the active booking blocks its time, the cancelled one does not.
        Assert.Throws<SqliteException>(() => Execute(old, "INSERT INTO booking_history (booking_id, sequence, start_utc, end_utc, changed_at) VALUES ('nothing', 0, 1, 2, 3);"));
        Assert.Throws<SqliteException>(() => Execute(old, "INSERT INTO bookings (id, owner_id, invitee, start_utc, end_utc, blocked_start_utc, blocked_end_utc, created_at) VALUES ('x', 'ana', 'x', 2000, 2050, 2000, 2050, 0);"));
        Execute(old, "INSERT INTO bookings (id, owner_id, invitee, start_utc, end_utc, blocked_start_utc, blocked_end_utc, created_at) VALUES ('y', 'ana', 'x', 3000, 4000, 3000, 4000, 0);");
    }

    [Fact]
    public void Deliveries_and_their_attempts_survive_the_rebuild_that_adds_the_calendar_channel()
    {
        using var old = new SqliteFile(migrate: false);
        var upTo15 = DeployChanges.To.SqliteDatabase(old.ConnectionString)
            .WithScriptsEmbeddedInAssembly(typeof(SqliteDatabase).Assembly,
                name => name.Contains(".Sqlite.Migrations.", StringComparison.Ordinal) && string.CompareOrdinal(name[(name.IndexOf(".Migrations.", StringComparison.Ordinal) + 12)..], "0016") < 0)
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        Assert.True(upTo15.Successful);
        Execute(old, """
            INSERT INTO owners (id, created_at) VALUES ('ana', 0);
            INSERT INTO booking_events (id, owner_id, booking_id, event_type, sequence, start_utc, end_utc, occurred_at) VALUES ('evt_1', 'ana', 'b1', 'booking.created', 0, 100, 200, 0);
            INSERT INTO webhook_endpoints (id, owner_id, url, event_types, secret, created_at) VALUES ('whk_1', 'ana', 'https://example.com', 'booking.created', 's', 0);
            INSERT INTO deliveries (id, event_id, channel, endpoint_id, status, attempts, next_attempt_at, created_at) VALUES ('dlv_1', 'evt_1', 'webhook', 'whk_1', 'failed', 1, 5, 0);
            INSERT INTO delivery_attempts (delivery_id, attempt, attempted_at, status_code, error, duration_ms) VALUES ('dlv_1', 1, 5, 503, 'down', 12);
            """);

        new SqliteDatabase(old.ConnectionString).Migrate();

        Assert.Equal(["dlv_1 webhook whk_1 failed"], Query(old, "SELECT id || ' ' || channel || ' ' || endpoint_id || ' ' || status FROM deliveries"));
        Assert.Equal(["dlv_1 1 503 down"], Query(old, "SELECT delivery_id || ' ' || attempt || ' ' || status_code || ' ' || error FROM delivery_attempts"));
        Execute(old, "INSERT INTO deliveries (id, event_id, channel, connection_id, next_attempt_at, created_at) VALUES ('calendar_1', 'evt_1', 'calendar', 'cal_1', 5, 0);");
        // The attempts still refer to deliveries (now the new table), and a calendar delivery names its connection.
        Assert.Throws<SqliteException>(() => Execute(old, "INSERT INTO delivery_attempts (delivery_id, attempt, attempted_at, duration_ms) VALUES ('nothing', 1, 5, 1);"));
        Assert.Throws<SqliteException>(() => Execute(old, "INSERT INTO deliveries (id, event_id, channel, next_attempt_at, created_at) VALUES ('calendar_2', 'evt_1', 'calendar', 5, 0);"));
        Assert.Equal(["ix_deliveries_connection", "ix_deliveries_due", "ix_deliveries_endpoint"],
            Query(old, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'deliveries' AND name NOT LIKE 'sqlite_%' ORDER BY name"));
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

    private List<string> Query(string sql) => Query(file, sql);

    private static void Execute(SqliteFile on, string sql)
    {
        using var connection = new SqliteConnection(on.ConnectionString + ";Foreign Keys=True");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<string> Query(SqliteFile on, string sql)
    {
        using var connection = new SqliteConnection(on.ConnectionString);
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
