using Microsoft.Data.Sqlite;

namespace Agenda.Storage.Tests;

/// <summary>
/// The schema itself refuses two overlapping active bookings of one owner, whatever code writes them:
/// the second guard behind the check in the booking transaction.
/// </summary>
public sealed class SchemaGuardTests : IDisposable
{
    private readonly SqliteFile file = new();
    private readonly SqliteConnection connection;

    public SchemaGuardTests()
    {
        connection = new SqliteConnection(file.ConnectionString);
        connection.Open();
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
        Execute("UPDATE bookings SET status = 'cancelled' WHERE id = 'b1';");

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
    public void An_empty_booking_is_refused()
    {
        Assert.Throws<SqliteException>(() => Insert("b2", "ana", 5000, 5000));
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
