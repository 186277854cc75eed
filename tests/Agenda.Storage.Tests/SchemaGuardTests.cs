using Agenda.Storage.Bookings;
using Agenda.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace Agenda.Storage.Tests;

/// <summary>
/// The schema itself refuses two overlapping bookings of one owner that hold their time, whatever code writes them:
/// the second guard behind the check in the booking transaction.
/// </summary>
public sealed class SchemaGuardTests : IDisposable
{
    private readonly SqliteFile file = new();
    private readonly SqliteConnection connection;

    public SchemaGuardTests()
    {
        // As the store opens its connections: with foreign keys on.
        connection = (SqliteConnection)file.Database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        Execute("INSERT INTO owners (id, created_at) VALUES ('ana', 0), ('ben', 0);");
        Insert("b1", "ana", 1000, 2000);
    }

    public void Dispose()
    {
        connection.Dispose();
        file.Dispose();
    }

    [Theory]
    [InlineData(1000, 2000)]
    [InlineData(1500, 2500)]
    [InlineData(500, 1001)]
    [InlineData(1200, 1300)]
    [InlineData(0, 3000)]
    public void An_overlapping_active_booking_of_the_same_owner_is_refused(long start, long end)
    {
        var error = Assert.Throws<SqliteException>(() => Insert("b2", "ana", start, end));

        Assert.Equal(19, error.SqliteErrorCode);
        Assert.Equal(1L, Count());
    }

    [Theory]
    [InlineData(0, 1000)]
    [InlineData(2000, 3000)]
    public void A_booking_that_only_touches_another_is_allowed(long start, long end)
    {
        Insert("b2", "ana", start, end);

        Assert.Equal(2L, Count());
    }

    [Fact]
    public void Another_owner_may_be_booked_at_the_same_time()
    {
        Insert("b2", "ben", 1000, 2000);

        Assert.Equal(2L, Count());
    }

    [Fact]
    public void A_cancelled_booking_does_not_block_its_time()
    {
        Execute("UPDATE bookings SET status = 'cancelled', holds_time = FALSE WHERE id = 'b1';");

        Insert("b2", "ana", 1000, 2000);

        Assert.Equal(2L, Count());
    }

    [Fact]
    public void Moving_a_booking_onto_another_is_refused()
    {
        Insert("b2", "ana", 3000, 4000);

        var error = Assert.Throws<SqliteException>(() => Execute("UPDATE bookings SET start_utc = 1500, end_utc = 2500, blocked_start_utc = 1500, blocked_end_utc = 2500 WHERE id = 'b2';"));

        Assert.Equal(19, error.SqliteErrorCode);
    }

    [Fact]
    public void A_booking_blocking_more_than_three_days_is_refused()
    {
        Assert.Throws<SqliteException>(() => Insert("b2", "ana", 1_000_000, 1_000_000 + 259_201));
        Insert("b3", "ana", 2_000_000, 2_000_000 + 259_200);

        Assert.Equal(2L, Count());
    }

    [Fact]
    public void A_booking_overlapping_the_far_end_of_a_three_day_block_is_refused()
    {
        // The guard only looks three days back from the new booking's start: the longest a booking can block.
        Insert("long", "ana", 1_000_000, 1_000_000 + 259_200);

        var error = Assert.Throws<SqliteException>(() => Insert("b2", "ana", 1_000_000 + 259_199, 1_000_000 + 262_800));

        Assert.Equal(19, error.SqliteErrorCode);
        Assert.Equal(2L, Count());
    }

    [Fact]
    public void The_bounded_overlap_query_scans_a_range_of_the_owners_blocked_start_index()
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            EXPLAIN QUERY PLAN SELECT 1 FROM bookings b
            WHERE b.owner_id = 'ana' AND b.blocked_start_utc >= 5000 - 259200 AND b.blocked_start_utc < 6000
              AND b.holds_time AND b.blocked_end_utc > 5000;
            """;
        using var reader = command.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }

        Assert.Contains(plan, step => step.Contains("blocked_start_utc>? AND blocked_start_utc<?", StringComparison.Ordinal) || step.Contains("blocked_start_utc>=? AND blocked_start_utc<?", StringComparison.Ordinal));
    }

    [Fact]
    public void The_read_that_decides_a_series_reads_one_index_range_per_meeting()
    {
        var plan = QueryPlan(
            ScheduleReads.NearbyBookingsQueryEach(ScheduleReads.BlockedStartsInRange, 2),
            ("@owner", "ana"), ("@exclude", ""), ("@to_0", 9000L), ("@from_0", 2000L), ("@to_1", 609000L), ("@from_1", 602000L));

        Assert.Equal(2, plan.Count(step => step.Contains("SEARCH bookings USING COVERING INDEX ix_bookings_owner_holding_blocked (owner_id=? AND blocked_start_utc>? AND blocked_start_utc<?)", StringComparison.Ordinal)));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN bookings", StringComparison.Ordinal));
    }

    [Fact]
    public void The_schedule_read_of_nearby_bookings_reads_one_index_range_and_never_the_table()
    {
        // The store's own query (for dates, and on SQLite for one slot too), with its parameters bound.
        var plan = QueryPlan(
            ScheduleReads.NearbyBookingsQuery(ScheduleReads.BlockedStartsInRange),
            ("@owner", "ana"), ("@exclude", ""), ("@to", 9000L), ("@from", 2000L));

        // The range starts at @from less the owner's longest blocked time, looked up once by the owner's key; a seat's
        // capacity is looked up by its seat slot's key, for seats only (the subquery sits in a CASE).
        Assert.Equal(
            [
                "SEARCH bookings USING COVERING INDEX ix_bookings_owner_holding_blocked (owner_id=? AND blocked_start_utc>? AND blocked_start_utc<?)",
                "SCALAR SUBQUERY 2",
                "SEARCH owners USING INDEX sqlite_autoindex_owners_1 (id=?)",
                "CORRELATED SCALAR SUBQUERY 1",
                "SEARCH s USING INDEX sqlite_autoindex_seat_slots_1 (id=?)",
            ],
            plan);
    }

    [Fact]
    public void Counting_an_invitees_bookings_reads_a_range_of_their_index()
    {
        var plan = QueryPlan(ScheduleReads.InviteeBookingsQuery, ("@owner", "ana"), ("@invitee", "name:x"), ("@now", 1000L));

        // The meetings of a series count once: their series ids are told apart in a small B-tree of the invitee's few rows.
        Assert.Equal(["USE TEMP B-TREE FOR count(DISTINCT)", "SEARCH bookings USING INDEX ix_bookings_owner_invitee_end (owner_id=? AND invitee_key=? AND end_utc>?)"], plan);
    }

    [Fact]
    public async Task Every_connection_the_store_opens_enforces_foreign_keys()
    {
        // The status guard (bookings' (status, holds_time) must be a row of booking_statuses) is a foreign key.
        await using (var read = await file.Database.OpenAsync(CancellationToken.None))
        {
            Assert.Equal(1L, await ForeignKeysAsync(read, null));
        }

        Assert.Equal(1L, await file.Database.WriteAsync(
            async (write, transaction) => new WriteDecision<long>(await ForeignKeysAsync(write, transaction), Commit: false), CancellationToken.None));

        static async Task<long> ForeignKeysAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "PRAGMA foreign_keys;";
            return (long)(await command.ExecuteScalarAsync())!;
        }
    }

    [Fact]
    public void An_empty_booking_is_refused()
    {
        Assert.Throws<SqliteException>(() => Insert("b2", "ana", 5000, 5000));
    }

    private List<string> QueryPlan(string query, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + query;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var plan = new List<string>();
        while (reader.Read())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }

    private void Insert(string id, string owner, long start, long end) =>
        Execute($"INSERT INTO bookings (id, owner_id, invitee, start_utc, end_utc, blocked_start_utc, blocked_end_utc, created_at) VALUES ('{id}', '{owner}', 'x', {start}, {end}, {start}, {end}, 0);");

    private long Count()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM bookings;";
        return (long)command.ExecuteScalar()!;
    }

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
