using Agenda.Scheduling.Availability;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Storage.Postgres;
using Agenda.Testing;
using NodaTime;

namespace Agenda.Storage.Tests;

/// <summary>
/// On PostgreSQL, a node learns of the schedule versions another node commits by LISTEN/NOTIFY, so its in-memory
/// copies stop counting as current without asking the database.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ScheduleChangeListenerTests(PostgresServer server) : IDisposable
{
    private static readonly Instant Now = Instant.FromUtc(2027, 1, 4, 8, 0);
    private readonly PostgresStoreHost host = new(server);

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task A_version_committed_on_another_node_outdates_this_nodes_copies()
    {
        using var database = new PostgresDatabase(host.ConnectionString);
        var changes = new ScheduleChanges();
        using var listener = new ScheduleChangeListener(database, changes);
        var writer = host.NewStores();
        await writer.Owners.CreateOwnerAsync("ana", null, DateTimeZone.Utc, Now, CancellationToken.None);
        await listener.StartAsync(CancellationToken.None);
        try
        {
            await Eventually(() => changes.IsCurrent("ana", 0, changes.Epoch));

            var day = new LocalDate(2027, 1, 5);
            await writer.Availability.AddRulesAsync("ana", [new DateRangeRule(new DateInterval(day, day), new TimeOfDayRange(new LocalTime(9, 0), new LocalTime(12, 0)))], Now, CancellationToken.None);

            // Asked with the current epoch each time, so only the announced version can make version 0 outdated.
            await Eventually(() => !changes.IsCurrent("ana", 0, changes.Epoch));
            Assert.True(changes.IsCurrent("ana", 1, changes.Epoch));
            Assert.False(changes.ProfileIsCurrent("ana", 0, changes.Epoch, out _));

            // A booking is announced with the time it blocks: copies far from it carry over, the owner stays current.
            var nine = Instant.FromUtc(2027, 1, 5, 9, 0);
            var booked = await writer.Bookings.BookAsync("ana", new BookingRequest("ben", new Slot(nine, nine + Duration.FromHours(1))), MeetingType.Default, "", Now, CancellationToken.None);
            Assert.IsType<BookingAttempt.Booked>(booked);
            await Eventually(() => !changes.IsCurrent("ana", 1, changes.Epoch));
            Assert.True(changes.ProfileIsCurrent("ana", 1, changes.Epoch, out var newest));
            Assert.Equal(2, newest);
            Assert.True(changes.UnchangedWithin("ana", 1, 2, new Interval(nine + Duration.FromHours(1), nine + Duration.FromHours(3))));
            Assert.False(changes.UnchangedWithin("ana", 1, 2, new Interval(nine, nine + Duration.FromHours(3))));
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Nothing_is_current_until_the_listener_listens()
    {
        using var database = new PostgresDatabase(host.ConnectionString);
        var changes = new ScheduleChanges();
        var before = changes.Epoch;
        using var listener = new ScheduleChangeListener(database, changes);

        Assert.False(changes.IsCurrent("ana", 0, changes.Epoch));
        await listener.StartAsync(CancellationToken.None);
        try
        {
            await Eventually(() => changes.IsCurrent("ana", 0, changes.Epoch));
            Assert.False(changes.IsCurrent("ana", 0, before));
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
        }
    }

    private static async Task Eventually(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 200 && !condition(); attempt++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition());
    }
}
