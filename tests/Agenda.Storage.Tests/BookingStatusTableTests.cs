using System.Data.Common;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Storage.Bookings;
using NodaTime;
using static Agenda.Storage.Tests.Values;

namespace Agenda.Storage.Tests;

public sealed class BookingStatusTableOnSqliteTests() : BookingStatusTableTests(new SqliteFile());

[Collection(PostgresCollection.Name)]
public sealed class BookingStatusTableOnPostgresTests(Agenda.Testing.PostgresServer server) : BookingStatusTableTests(new PostgresStoreHost(server));

/// <summary>
/// The statuses a booking may have are rows of <c>booking_statuses</c>, each saying whether a booking in it holds its
/// time, and the database holds every booking to one of those pairs. So a new status is data: written with plain SQL
/// here, with no change to the schema, the overlap guard and the schedule reads follow it at once.
/// </summary>
public abstract class BookingStatusTableTests : IDisposable
{
    private static readonly Instant Nine = Utc(Date(2027, 3, 1), 9);

    private readonly IStoreHost host;

    protected BookingStatusTableTests(IStoreHost host)
    {
        this.host = host;
        ExecuteAsync("INSERT INTO owners (id, created_at) VALUES ('ana', 0), ('ben', 0);").GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Every_status_of_the_engine_is_a_row_with_the_engines_answer_and_there_is_no_other()
    {
        var expected = Enum.GetValues<BookingStatus>()
            .Select(status => $"{BookingStatusColumn.ToColumn(status)} {status.HoldsTime()}")
            .Order(StringComparer.Ordinal);

        var rows = await QueryAsync("SELECT status, holds_time FROM booking_statuses;", r => $"{r.GetString(0)} {Convert.ToBoolean(r.GetValue(1))}");

        Assert.Equal(expected, rows.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("tentative", true)]
    [InlineData("withdrawn", false)]
    public async Task A_new_status_blocks_an_overlapping_booking_exactly_when_it_holds_time(string status, bool holdsTime)
    {
        await ExecuteAsync($"INSERT INTO booking_statuses (status, holds_time) VALUES ('{status}', {Sql(holdsTime)});");
        await InsertBookingAsync("new", "ana", 1000, 2000, status, holdsTime);

        var error = await Record.ExceptionAsync(() => InsertBookingAsync("overlapping", "ana", 1500, 2500, "active", holdsTime: true));

        if (holdsTime)
        {
            Assert.True(host.IsConflict(Assert.IsAssignableFrom<DbException>(error)), error.Message);
            Assert.Equal(["new"], await BookingIdsAsync());
        }
        else
        {
            Assert.Null(error);
            Assert.Equal(["new", "overlapping"], await BookingIdsAsync());
        }
    }

    [Theory]
    [InlineData("tentative", true)]
    [InlineData("withdrawn", false)]
    public async Task A_booking_of_a_new_status_is_busy_time_in_the_schedule_read_exactly_when_it_holds_time(string status, bool holdsTime)
    {
        await ExecuteAsync($"INSERT INTO booking_statuses (status, holds_time) VALUES ('{status}', {Sql(holdsTime)});");
        var meeting = new Interval(Nine, Nine + Duration.FromHours(1));
        await InsertBookingAsync("new", "ana", meeting.Start.ToUnixTimeSeconds(), meeting.End.ToUnixTimeSeconds(), status, holdsTime);

        var read = await host.NewStores().Bookings.LoadScheduleAsync("ana", new DateInterval(Date(2027, 3, 1), Date(2027, 3, 1)), Now, CancellationToken.None);

        Assert.Equal(holdsTime ? [meeting] : [], read!.Schedule.Bookings.Select(b => b.Meeting));
    }

    [Theory]
    [InlineData("cancelled", true)]
    [InlineData("active", false)]
    [InlineData("pending", false)]
    public async Task A_booking_whose_status_and_holds_time_are_no_row_of_booking_statuses_is_refused(string status, bool holdsTime)
    {
        var error = await Record.ExceptionAsync(() => InsertBookingAsync("odd", "ana", 1000, 2000, status, holdsTime));

        // Refused as a broken write, never taken for another booking holding the time.
        Assert.False(host.IsConflict(Assert.IsAssignableFrom<DbException>(error)), error.Message);
        Assert.Empty(await BookingIdsAsync());
    }

    [Fact]
    public async Task A_bookings_holds_time_cannot_change_without_its_status()
    {
        await InsertBookingAsync("b1", "ana", 1000, 2000, "active", holdsTime: true);

        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync($"UPDATE bookings SET holds_time = {Sql(false)} WHERE id = 'b1';"));

        Assert.Equal(["active True"], await QueryAsync("SELECT status, holds_time FROM bookings;", r => $"{r.GetString(0)} {Convert.ToBoolean(r.GetValue(1))}"));
    }

    [Fact]
    public async Task Whether_a_status_holds_time_cannot_change_while_bookings_have_it()
    {
        await InsertBookingAsync("b1", "ana", 1000, 2000, "active", holdsTime: true);

        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync($"UPDATE booking_statuses SET holds_time = {Sql(false)} WHERE status = 'active';"));
        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync("DELETE FROM booking_statuses WHERE status = 'active';"));
    }

    [Fact]
    public async Task The_store_writes_the_engines_answer_beside_each_status()
    {
        var stores = host.NewStores();
        await stores.Availability.AddRulesAsync("ana", [Rule(Date(2027, 3, 1), Date(2027, 3, 1), 9, 12)], Now, CancellationToken.None);
        var booked = Assert.IsType<BookingAttempt.Booked>(await stores.Bookings.BookAsync(
            "ana", new BookingRequest("cy", new Slot(Nine, Nine + Duration.FromHours(1))), MeetingType.Default, "", Now, CancellationToken.None));
        var active = await StatusOfAsync(booked.Booking.Id);

        await stores.Bookings.CancelAsync(booked.Booking.Id, "owner", null, Now, CancellationToken.None);

        Assert.Equal($"active {BookingStatus.Active.HoldsTime()}", active);
        Assert.Equal($"cancelled {BookingStatus.Cancelled.HoldsTime()}", await StatusOfAsync(booked.Booking.Id));
    }

    private async Task<string> StatusOfAsync(string bookingId) =>
        Assert.Single(await QueryAsync($"SELECT status, holds_time FROM bookings WHERE id = '{bookingId}';", r => $"{r.GetString(0)} {Convert.ToBoolean(r.GetValue(1))}"));

    private static string Sql(bool value) => StoreHostSql.Sql(value);

    private Task InsertBookingAsync(string id, string owner, long start, long end, string status, bool holdsTime) =>
        ExecuteAsync(
            "INSERT INTO bookings (id, owner_id, invitee, start_utc, end_utc, blocked_start_utc, blocked_end_utc, status, holds_time, created_at) " +
            $"VALUES ('{id}', '{owner}', 'x', {start}, {end}, {start}, {end}, '{status}', {Sql(holdsTime)}, 0);");

    private Task<List<string>> BookingIdsAsync() => QueryAsync("SELECT id FROM bookings ORDER BY id;", r => r.GetString(0));

    private Task ExecuteAsync(string sql) => host.ExecuteAsync(sql);

    private Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> read) => host.QueryAsync(sql, read);
}
