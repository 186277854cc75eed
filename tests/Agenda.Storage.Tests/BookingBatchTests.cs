using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;
using static Agenda.Storage.Tests.Values;

namespace Agenda.Storage.Tests;

public sealed class BookingBatchOnSqliteTests() : BookingBatchTests(new SqliteFile());

[Collection(PostgresCollection.Name)]
public sealed class BookingBatchOnPostgresTests(Agenda.Testing.PostgresServer server) : BookingBatchTests(new PostgresStoreHost(server));

/// <summary>
/// Bookings that arrive together. On PostgreSQL the store decides them in batches (one read, one write); every booking
/// must get the answer it would get alone, and what is stored must be exactly what was answered.
/// </summary>
public abstract class BookingBatchTests(IStoreHost host) : IDisposable
{
    private static readonly LocalDate Day = Date(2024, 12, 2);
    private static readonly CancellationToken None = CancellationToken.None;

    public void Dispose()
    {
        host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Of_many_bookings_for_the_same_slots_of_several_owners_exactly_one_per_slot_wins()
    {
        var stores = host.NewStores();
        foreach (var owner in new[] { "ana", "bo", "cy" })
        {
            await stores.Availability.AddRulesAsync(owner, [Rule(Day, Day, 9, 17)], Now, None);
        }

        var before = await VersionsAsync(stores, "ana", "bo", "cy");
        // Three invitees for every hour of three owners, one owner nobody knows, and hours outside availability.
        var requests = (
            from round in Enumerable.Range(0, 3)
            from owner in new[] { "ana", "bo", "cy", "zed" }
            from hour in Enumerable.Range(7, 12)
            select (Owner: owner, Hour: hour, Invitee: $"{owner}-{hour}-{round}")).ToList();

        var attempts = await Task.WhenAll(requests.Select(r => stores.Bookings.BookAsync(r.Owner, Request(r.Invitee, r.Hour), MeetingType.Default, "", Now, None)));

        var answered = requests.Zip(attempts).ToList();
        foreach (var slot in answered.GroupBy(a => (a.First.Owner, a.First.Hour)))
        {
            var (owner, hour) = slot.Key;
            var outcomes = slot.Select(a => a.Second).ToList();
            if (owner == "zed")
            {
                Assert.All(outcomes, o => Assert.IsType<BookingAttempt.UnknownOwner>(o));
            }
            else if (hour is < 9 or >= 17)
            {
                Assert.All(outcomes, o => Assert.Equal(BookingOutcome.OutsideAvailability, Assert.IsType<BookingAttempt.Refused>(o).Reason));
            }
            else
            {
                Assert.Single(outcomes.OfType<BookingAttempt.Booked>());
                Assert.All(outcomes.OfType<BookingAttempt.Refused>(), r => Assert.Equal(BookingOutcome.Taken, r.Reason));
                Assert.Equal(3, outcomes.Count);
            }
        }

        // Stored is exactly what was answered 201, and every booking raised its owner's version once.
        var after = await VersionsAsync(stores, "ana", "bo", "cy");
        foreach (var owner in new[] { "ana", "bo", "cy" })
        {
            var booked = answered.Where(a => a.First.Owner == owner).Select(a => a.Second).OfType<BookingAttempt.Booked>().Select(b => b.Booking).OrderBy(b => b.Slot.Start);
            Assert.Equal(booked, (await stores.Bookings.ListUpcomingAsync(owner, Now, None))!);
            Assert.Equal(before[owner] + 8, after[owner]);
        }
    }

    [Fact]
    public async Task An_invitee_booking_many_slots_at_once_gets_no_more_than_the_allowance()
    {
        var stores = host.NewStores(new OwnerLimits(1000, 50, 20, 1000, maxActiveBookingsPerInvitee: 2));
        await stores.Availability.AddRulesAsync("ana", [Rule(Day, Day, 9, 17)], Now, None);

        var attempts = await Task.WhenAll(Enumerable.Range(9, 8).Select(hour => stores.Bookings.BookAsync("ana", Request("Dee", hour), MeetingType.Default, "", Now, None)));

        Assert.Equal(2, attempts.OfType<BookingAttempt.Booked>().Count());
        Assert.All(attempts.OfType<BookingAttempt.Refused>(), r => Assert.Equal(BookingOutcome.InviteeLimitReached, r.Reason));
        Assert.Equal(2, (await stores.Bookings.ListUpcomingAsync("ana", Now, None))!.Count);
    }

    [Fact]
    public async Task Bookings_decided_together_keep_their_buffers_apart()
    {
        var stores = host.NewStores();
        await stores.Availability.AddRulesAsync("ana", [Rule(Day, Day, 9, 17)], Now, None);
        // 30-minute meetings every 15 minutes with 15 minutes after each: of two starts 45 minutes apart or closer, one loses.
        var type = new MeetingType(Duration.FromMinutes(30), Duration.FromMinutes(15), bufferAfter: Duration.FromMinutes(15));
        var starts = Enumerable.Range(0, 24).Select(i => Utc(Day, 9) + Duration.FromMinutes(15 * i)).ToList();

        var attempts = await Task.WhenAll(starts.Select((start, i) =>
            stores.Bookings.BookAsync("ana", new BookingRequest($"guest{i}", new Slot(start, start + Duration.FromMinutes(30))), type, "call", Now, None)));

        var blocked = attempts.OfType<BookingAttempt.Booked>().Select(b => type.Blocks(b.Booking.Slot)).OrderBy(i => i.Start).ToList();
        Assert.NotEmpty(blocked);
        Assert.All(blocked.Zip(blocked.Skip(1)), pair => Assert.True(pair.First.End <= pair.Second.Start, $"{pair.First} overlaps {pair.Second}"));
        Assert.All(attempts.OfType<BookingAttempt.Refused>(), r => Assert.Equal(BookingOutcome.Taken, r.Reason));
        Assert.Equal(blocked.Count, (await stores.Bookings.ListUpcomingAsync("ana", Now, None))!.Count);
    }

    private static async Task<Dictionary<string, long>> VersionsAsync(Stores stores, params string[] owners)
    {
        var versions = new Dictionary<string, long>();
        foreach (var owner in owners)
        {
            versions[owner] = (await stores.Owners.FindOwnerAsync(owner, None))!.ScheduleVersion;
        }

        return versions;
    }

    private static BookingRequest Request(string invitee, int hour) => new(invitee, new Slot(Utc(Day, hour), Utc(Day, hour + 1)));
}
