using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Storage.Bookings;
using Agenda.Storage.Postgres;
using Agenda.Testing;
using DbUp;
using NodaTime;
using Npgsql;
using static Agenda.Storage.Tests.Values;

namespace Agenda.Storage.Tests;

/// <summary>
/// On PostgreSQL the exclusion constraint itself refuses two bookings of one owner that hold their time and whose blocked
/// times overlap, whatever code writes them; and migrations are safe when several nodes start at once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSchemaTests : IDisposable
{
    private readonly PostgresServer server;
    private readonly PostgresStoreHost host;
    private readonly NpgsqlConnection connection;

    public PostgresSchemaTests(PostgresServer server)
    {
        this.server = server;
        host = new PostgresStoreHost(server);
        connection = new NpgsqlConnection(host.ConnectionString);
        connection.Open();
        Execute("INSERT INTO owners (id, created_at) VALUES ('ana', 0), ('ben', 0);");
        Insert("b1", "ana", 1000, 2000, 900, 2100);
    }

    public void Dispose()
    {
        connection.Dispose();
        host.Dispose();
    }

    [Theory]
    [InlineData(1000, 2000, 1000, 2000)]
    [InlineData(2100, 2200, 2050, 2200)]
    [InlineData(0, 800, 0, 901)]
    public void An_active_booking_whose_blocked_time_overlaps_is_refused(long start, long end, long blockedStart, long blockedEnd)
    {
        var error = Assert.Throws<PostgresException>(() => Insert("b2", "ana", start, end, blockedStart, blockedEnd));

        Assert.Contains(error.SqlState, new[] { PostgresErrorCodes.ExclusionViolation, PostgresErrorCodes.UniqueViolation });
    }

    [Fact]
    public void Blocked_times_that_only_touch_are_allowed_and_other_owners_are_independent()
    {
        Insert("b2", "ana", 2100, 2200, 2100, 2200);
        Insert("b3", "ben", 1000, 2000, 900, 2100);
    }

    [Fact]
    public void A_cancelled_booking_does_not_block()
    {
        Execute("UPDATE bookings SET status = 'cancelled', holds_time = false WHERE id = 'b1';");

        Insert("b2", "ana", 1000, 2000, 1000, 2000);
    }

    [Fact]
    public void Moving_a_booking_onto_another_is_refused()
    {
        Insert("b2", "ana", 3000, 4000, 3000, 4000);

        Assert.Throws<PostgresException>(() => Execute("UPDATE bookings SET start_utc = 1500, end_utc = 2500, blocked_start_utc = 1500, blocked_end_utc = 2500 WHERE id = 'b2';"));
    }

    [Fact]
    public async Task Nodes_starting_together_migrate_once_without_error()
    {
        var migrations = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            using var node = new PostgresDatabase(host.ConnectionString);
            node.Migrate();
        }));

        await Task.WhenAll(migrations);

        // Each script recorded once, however many nodes ran the migration.
        using var count = new NpgsqlCommand("SELECT count(*) - count(DISTINCT scriptname) FROM schemaversions;", connection);
        Assert.Equal(0L, count.ExecuteScalar());
    }

    [Fact]
    public void A_one_slot_read_of_a_busy_owner_finds_the_overlapping_bookings_through_the_exclusion_index()
    {
        InsertBusyOwner();
        using var database = new PostgresDatabase(host.ConnectionString);

        // The store's own query for one slot, with its parameters bound.
        using var plan = Explain(
            ScheduleReads.NearbyBookingsQuery(database.BlockedTimeOverlapsOneSlot),
            ("@owner", "ben"), ("@exclude", ""), ("@from", 2800000L), ("@to", 2801800L));

        // The exclusion constraint's index hands out only the overlapping bookings (here, one).
        var scan = Nodes(plan.RootElement[0].GetProperty("Plan")).Single(node => node.TryGetProperty("Index Name", out var name) && name.GetString() == "bookings_no_overlap");
        Assert.Equal(1, scan.GetProperty("Actual Rows").GetInt64());
    }

    [Fact]
    public void The_schedule_read_of_whole_dates_reads_the_covering_index_alone()
    {
        InsertBusyOwner();

        // The store's own query for dates (a day here), with its parameters bound.
        using var plan = Explain(
            ScheduleReads.NearbyBookingsQuery(ScheduleReads.BlockedStartsInRange),
            ("@owner", "ben"), ("@exclude", ""), ("@to", 2800000L + 86400), ("@from", 2800000L));

        // The other index scans are the seat slot's capacity, looked up for seats only (none here), and the owner's
        // longest blocked time, looked up once, which starts the range.
        var scan = Nodes(plan.RootElement[0].GetProperty("Plan")).Single(node => node.TryGetProperty("Index Name", out var name)
            && !name.GetString()!.StartsWith("seat_slots", StringComparison.Ordinal) && !name.GetString()!.StartsWith("owners", StringComparison.Ordinal));
        Assert.Equal("ix_bookings_owner_holding_blocked", scan.GetProperty("Index Name").GetString());
        Assert.Equal("Index Only Scan", scan.GetProperty("Node Type").GetString());
        Assert.Equal(0, scan.GetProperty("Heap Fetches").GetInt64());
        Assert.Equal(48, scan.GetProperty("Actual Rows").GetInt64());
    }

    [Fact]
    public async Task Active_and_cancelled_bookings_keep_every_column_and_their_meaning_through_the_status_table_migration()
    {
        var connectionString = server.CreateDatabase();
        var upTo12 = DeployChanges.To.PostgresqlDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(typeof(PostgresDatabase).Assembly,
                name => name.Contains(".Postgres.Migrations.", StringComparison.Ordinal) && string.CompareOrdinal(name[(name.IndexOf(".Migrations.", StringComparison.Ordinal) + 12)..], "0013") < 0)
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        Assert.True(upTo12.Successful);
        var start = Utc(Date(2027, 3, 1), 9);
        await using (var old = new NpgsqlConnection(connectionString))
        {
            old.Open();
            Execute(old, $"""
                INSERT INTO owners (id, created_at) VALUES ('ana', 0);
                INSERT INTO availability_rules (owner_id, start_date, end_date, start_time, end_time) VALUES ('ana', '2027-03-01', '2027-03-01', '09:00', '12:00');
                INSERT INTO bookings (id, owner_id, meeting_type, invitee, invitee_email, note, start_utc, end_utc, blocked_start_utc, blocked_end_utc,
                                      status, created_at, sequence, manage_token_hash, invitee_key, invitee_language, invitee_time_zone)
                VALUES ('kept', 'ana', '', 'ben', 'ben@example.com', 'hi', {start.ToUnixTimeSeconds()}, {start.ToUnixTimeSeconds() + 3600},
                        {start.ToUnixTimeSeconds()}, {start.ToUnixTimeSeconds() + 3600}, 'active', 7, 1, 'hash', 'email:ben@example.com', 'de', 'Europe/Berlin');
                INSERT INTO bookings (id, owner_id, invitee, start_utc, end_utc, blocked_start_utc, blocked_end_utc, created_at)
                VALUES ('gone', 'ana', 'cy', {start.ToUnixTimeSeconds() + 3600}, {start.ToUnixTimeSeconds() + 7200}, {start.ToUnixTimeSeconds() + 3600}, {start.ToUnixTimeSeconds() + 7200}, 8);
                UPDATE bookings SET status = 'cancelled', cancelled_at = 9, cancelled_by = 'invitee', cancel_reason = 'ill' WHERE id = 'gone';
                INSERT INTO booking_history (booking_id, sequence, start_utc, end_utc, changed_at) VALUES ('kept', 0, 100, 200, 5);
                """);
        }

        var before = Rows(connectionString, "SELECT * FROM bookings ORDER BY id;");
        using (var database = new PostgresDatabase(connectionString))
        {
            database.Migrate();
        }

        // Every column of every row is kept, and holds_time says what each status means.
        Assert.Equal(before, Rows(connectionString, "SELECT * FROM bookings ORDER BY id;", "holds_time", "location", "answers", "seat_slot_id", "expires_at", "series_id", "series_index", "no_show_at", "private_note", "erased_at"));
        Assert.Equal(["id=gone holds_time=False", "id=kept holds_time=True"], Rows(connectionString, "SELECT id, holds_time FROM bookings ORDER BY id;").Select(r => string.Join(' ', r)));
        Assert.Equal([["booking_id=kept", "sequence=0", "start_utc=100", "end_utc=200", "changed_at=5"]], Rows(connectionString, "SELECT * FROM booking_history;"));
        Assert.Equal(
            ["bookings_no_overlap WHERE holds_time", "bookings_pkey", "ix_bookings_awaiting_expiry WHERE (status = ANY (ARRAY['pending'::text, 'requested'::text]))", "ix_bookings_owner_end", "ix_bookings_owner_holding_blocked WHERE holds_time",
             "ix_bookings_owner_invitee_end WHERE holds_time", "ix_bookings_owner_start_id", "ix_bookings_seat_slot WHERE (seat_slot_id IS NOT NULL)",
             "ix_bookings_team_booking WHERE (team_booking_id IS NOT NULL)", "ix_bookings_team_type_created WHERE (team_id IS NOT NULL)",
             "ux_bookings_owner_start_holding WHERE (holds_time AND (seat_slot_id IS NULL))", "ux_bookings_series_index WHERE (series_id IS NOT NULL)"],
            Rows(connectionString, "SELECT indexname || coalesce(' WHERE ' || pg_get_expr(i.indpred, i.indrelid), '') AS index FROM pg_indexes x JOIN pg_index i ON i.indexrelid = (x.schemaname || '.' || x.indexname)::regclass WHERE x.tablename = 'bookings' ORDER BY indexname;")
                .Select(r => r[0][6..]));

        // The active booking still holds its time, the cancelled one's is free.
        using var upgraded = new PostgresDatabase(connectionString);
        var stores = new Stores(upgraded);
        var taken = await stores.Bookings.BookAsync("ana", new BookingRequest("dee", new Slot(start, start + Duration.FromHours(1))), MeetingType.Default, "", Now, CancellationToken.None);
        Assert.Equal(BookingOutcome.Taken, Assert.IsType<BookingAttempt.Refused>(taken).Reason);
        Assert.IsType<BookingAttempt.Booked>(await stores.Bookings.BookAsync(
            "ana", new BookingRequest("dee", new Slot(start + Duration.FromHours(1), start + Duration.FromHours(2))), MeetingType.Default, "", Now, CancellationToken.None));
        Assert.Equal(BookingStatus.Cancelled, (await stores.Bookings.GetBookingAsync("gone", CancellationToken.None))!.Status);
    }

    /// <summary>3,000 back-to-back bookings of ben: a range of blocked starts three days long would read hundreds of them.</summary>
    private void InsertBusyOwner()
    {
        // The test server commits asynchronously, and VACUUM marks a page all-visible (which an index-only scan needs) only
        // once the commits of its rows are flushed: these are committed synchronously, as a production server commits.
        Execute("SET synchronous_commit = on;");
        Execute("INSERT INTO bookings (id, owner_id, invitee, start_utc, end_utc, blocked_start_utc, blocked_end_utc, created_at) " +
                "SELECT 'n' || i, 'ben', 'x', 100000 + i * 1800, 101800 + i * 1800, 100000 + i * 1800, 101800 + i * 1800, 0 FROM generate_series(0, 2999) AS i;");
        Execute("VACUUM ANALYZE bookings;");
    }

    private System.Text.Json.JsonDocument Explain(string query, params (string Name, object Value)[] parameters)
    {
        using var explain = new NpgsqlCommand("EXPLAIN (ANALYZE, FORMAT JSON) " + query, connection);
        foreach (var (name, value) in parameters)
        {
            explain.Parameters.AddWithValue(name, value);
        }

        return System.Text.Json.JsonDocument.Parse((string)explain.ExecuteScalar()!);
    }

    private static List<List<string>> Rows(string connectionString, string sql, params string[] except)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var rows = new List<List<string>>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount)
                .Where(i => !except.Contains(reader.GetName(i)))
                .Select(i => $"{reader.GetName(i)}={Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)}")]);
        }

        return rows;
    }

    private static IEnumerable<System.Text.Json.JsonElement> Nodes(System.Text.Json.JsonElement node) =>
        node.TryGetProperty("Plans", out var children) ? [node, .. children.EnumerateArray().SelectMany(Nodes)] : [node];

    private void Insert(string id, string owner, long start, long end, long blockedStart, long blockedEnd) =>
        Execute($"INSERT INTO bookings (id, owner_id, invitee, start_utc, end_utc, blocked_start_utc, blocked_end_utc, created_at) VALUES ('{id}', '{owner}', 'x', {start}, {end}, {blockedStart}, {blockedEnd}, 0);");

    private void Execute(string sql) => Execute(connection, sql);

    private static void Execute(NpgsqlConnection on, string sql)
    {
        using var command = new NpgsqlCommand(sql, on);
        command.ExecuteNonQuery();
    }
}
