using Agenda.Storage.Postgres;
using Agenda.Testing;
using Npgsql;

namespace Agenda.Storage.Tests;

/// <summary>
/// On PostgreSQL the exclusion constraint itself refuses two active bookings of one owner whose blocked times
/// overlap, whatever code writes them; and migrations are safe when several nodes start at once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSchemaTests : IDisposable
{
    private readonly PostgresStoreHost host;
    private readonly NpgsqlConnection connection;

    public PostgresSchemaTests(PostgresServer server)
    {
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
        Execute("UPDATE bookings SET status = 'cancelled' WHERE id = 'b1';");

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
        // 3,000 back-to-back bookings: a range of blocked starts three days long would read hundreds of them.
        Execute("INSERT INTO bookings (id, owner_id, invitee, start_utc, end_utc, blocked_start_utc, blocked_end_utc, created_at) " +
                "SELECT 'n' || i, 'ben', 'x', 100000 + i * 1800, 101800 + i * 1800, 100000 + i * 1800, 101800 + i * 1800, 0 FROM generate_series(0, 2999) AS i;");
        Execute("ANALYZE bookings;");
        using var database = new PostgresDatabase(host.ConnectionString);
        var condition = database.BlockedTimeOverlapsOneSlot.Replace("@from", "2800000", StringComparison.Ordinal).Replace("@to", "2801800", StringComparison.Ordinal);

        using var explain = new NpgsqlCommand(
            $"EXPLAIN (ANALYZE, FORMAT JSON) SELECT start_utc FROM bookings WHERE owner_id = 'ben' AND status = 'active' AND {condition};", connection);
        using var plan = System.Text.Json.JsonDocument.Parse((string)explain.ExecuteScalar()!);

        // The exclusion constraint's index hands out only the overlapping bookings (here, one).
        var scan = Nodes(plan.RootElement[0].GetProperty("Plan")).Single(node => node.TryGetProperty("Index Name", out var name) && name.GetString() == "bookings_no_overlap");
        Assert.Equal(1, scan.GetProperty("Actual Rows").GetInt64());
    }

    private static IEnumerable<System.Text.Json.JsonElement> Nodes(System.Text.Json.JsonElement node) =>
        node.TryGetProperty("Plans", out var children) ? [node, .. children.EnumerateArray().SelectMany(Nodes)] : [node];

    private void Insert(string id, string owner, long start, long end, long blockedStart, long blockedEnd) =>
        Execute($"INSERT INTO bookings (id, owner_id, invitee, start_utc, end_utc, blocked_start_utc, blocked_end_utc, created_at) VALUES ('{id}', '{owner}', 'x', {start}, {end}, {blockedStart}, {blockedEnd}, 0);");

    private void Execute(string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
