using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;
using static Agenda.Storage.Tests.Values;

namespace Agenda.Storage.Tests;

public sealed class SeriesStoreOnSqliteTests() : SeriesStoreTests(new SqliteFile());

[Collection(PostgresCollection.Name)]
public sealed class SeriesStoreOnPostgresTests(Agenda.Testing.PostgresServer server) : SeriesStoreTests(new PostgresStoreHost(server));

/// <summary>
/// A recurring series is booked all or nothing, keeps the owner's wall-clock time across a clock change, is cancelled or
/// moved from one meeting on in one write, and races single bookings on several nodes without ever both taking a time.
/// </summary>
public abstract class SeriesStoreTests(IStoreHost host) : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    /// <summary>The documented API's type (key ""): an hour, on the hour of the owner's hours; moving a meeting reads its type by key.</summary>
    private static readonly MeetingType Hour = MeetingType.Default;
    private static readonly Instant Before = Instant.FromUtc(2027, 2, 1, 8, 0);

    /// <summary>Monday 2027-03-15 09:00 in Berlin; the clocks go forward on the 28th.</summary>
    private static readonly LocalDateTime FirstMonday = new(2027, 3, 15, 9, 0);

    public void Dispose()
    {
        host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_weekly_series_is_booked_at_the_owners_wall_clock_time_across_the_clock_change()
    {
        var stores = await OwnerAsync();

        var booked = Assert.IsType<SeriesAttempt.Booked>(await BookSeriesAsync(stores, "Cy", At(FirstMonday), new SeriesRule(1, 4)));

        var series = (await stores.Series.GetSeriesAsync(booked.Series.Id, None))!;
        Assert.Equal([0, 1, 2, 3], series.Bookings.Select(b => b.SeriesIndex!.Value));
        Assert.All(series.Bookings, b => Assert.Equal(new LocalTime(9, 0), b.Slot.Start.InZone(Berlin).TimeOfDay));
        Assert.Equal([Instant.FromUtc(2027, 3, 22, 8, 0), Instant.FromUtc(2027, 3, 29, 7, 0)], series.Bookings.Skip(1).Take(2).Select(b => b.Slot.Start));
        Assert.Equal((FirstMonday, 1, 4, Berlin), (series.FirstLocalStart, series.IntervalWeeks, series.Count, series.Zone));
        Assert.Equal(series.Bookings[3].Slot, series.OriginalSlot(3));
        // One event per meeting; only the first sends e-mail, for the whole series.
        Assert.Equal([0, 1, 1, 1], await host.QueryAsync(
            $"SELECT e.quiet FROM booking_events e JOIN bookings b ON b.id = e.booking_id WHERE b.series_id = '{series.Id}' ORDER BY b.series_index;", r => Convert.ToInt32(r.GetValue(0))));
    }

    [Fact]
    public async Task A_series_with_a_taken_meeting_is_refused_whole_naming_that_meeting()
    {
        var stores = await OwnerAsync();
        Assert.IsType<BookingAttempt.Booked>(await stores.Bookings.BookAsync("ana", new BookingRequest("Bo", At(FirstMonday.PlusWeeks(2))), Hour, "", Before, None));

        var refused = Assert.IsType<SeriesAttempt.Refused>(await BookSeriesAsync(stores, "Cy", At(FirstMonday), new SeriesRule(1, 4)));

        Assert.Equal([(2, BookingOutcome.Taken)], refused.Meetings.Select(m => (m.Occurrence.Index, m.Reason)));
        Assert.Equal([1L], await host.QueryAsync("SELECT COUNT(*) FROM bookings;", r => Convert.ToInt64(r.GetValue(0))));
        Assert.Equal([0L], await host.QueryAsync("SELECT COUNT(*) FROM booking_series;", r => Convert.ToInt64(r.GetValue(0))));
        Assert.Equal([1L], await host.QueryAsync("SELECT COUNT(*) FROM booking_events;", r => Convert.ToInt64(r.GetValue(0))));
    }

    [Fact]
    public async Task Cancelling_from_a_meeting_on_cancels_it_and_every_later_one_in_one_write()
    {
        var stores = await OwnerAsync();
        var series = Assert.IsType<SeriesAttempt.Booked>(await BookSeriesAsync(stores, "Cy", At(FirstMonday), new SeriesRule(1, 5))).Series;

        var change = (await stores.Series.CancelFollowingAsync(series.Bookings[2].Id, "invitee", "moving away", Before, None))!;

        Assert.True(change.Done);
        Assert.Equal([2, 3, 4], change.Changed.Select(b => b.SeriesIndex!.Value));
        var after = (await stores.Series.GetSeriesAsync(series.Id, None))!;
        Assert.Equal([BookingStatus.Active, BookingStatus.Active, BookingStatus.Cancelled, BookingStatus.Cancelled, BookingStatus.Cancelled], after.Bookings.Select(b => b.Status));
        Assert.Equal([0, 1, 1], await host.QueryAsync(
            $"SELECT e.quiet FROM booking_events e JOIN bookings b ON b.id = e.booking_id WHERE b.series_id = '{series.Id}' AND e.event_type = 'booking.cancelled' ORDER BY b.series_index;",
            r => Convert.ToInt32(r.GetValue(0))));
        // The freed times are offered again at once.
        Assert.IsType<BookingAttempt.Booked>(await stores.Bookings.BookAsync("ana", new BookingRequest("Bo", At(FirstMonday.PlusWeeks(3))), Hour, "", Before, None));
    }

    [Fact]
    public async Task Moving_the_rest_of_a_series_moves_every_later_meeting_or_none()
    {
        var stores = await OwnerAsync();
        var series = Assert.IsType<SeriesAttempt.Booked>(await BookSeriesAsync(stores, "Cy", At(FirstMonday), new SeriesRule(1, 4))).Series;
        // Tuesday 14:00 four weeks on is taken: moving meetings 1 to 3 to Tuesdays 14:00 is refused, naming meeting 3.
        var tuesday = FirstMonday.Date.PlusDays(1).At(new LocalTime(14, 0));
        Assert.IsType<BookingAttempt.Booked>(await stores.Bookings.BookAsync("ana", new BookingRequest("Bo", At(tuesday.PlusWeeks(3))), Hour, "", Before, None));

        var refused = (await stores.Series.RescheduleFollowingAsync(series.Bookings[1].Id, At(tuesday.PlusWeeks(1)).Start, Before, None))!;
        Assert.Equal([(3, BookingOutcome.Taken)], refused.Refused.Select(r => (r.Occurrence.Index, r.Reason)));
        Assert.Equal(series.Bookings.Select(b => b.Slot), (await stores.Series.GetSeriesAsync(series.Id, None))!.Bookings.Select(b => b.Slot));

        // One week later instead: each of meetings 1 to 3 moves onto the time the next one leaves, at 09:00 on its Monday.
        var moved = (await stores.Series.RescheduleFollowingAsync(series.Bookings[1].Id, At(FirstMonday.PlusWeeks(2)).Start, Before, None))!;

        Assert.True(moved.Done);
        var after = (await stores.Series.GetSeriesAsync(series.Id, None))!;
        Assert.Equal([FirstMonday, FirstMonday.PlusWeeks(2), FirstMonday.PlusWeeks(3), FirstMonday.PlusWeeks(4)], after.Bookings.Select(b => b.Slot.Start.InZone(Berlin).LocalDateTime));
        Assert.Equal([0, 1, 1, 1], after.Bookings.Select(b => b.Sequence));
        Assert.Equal([series.Bookings[1].Slot], after.Bookings[1].PreviousTimes);
    }

    [Fact]
    public async Task The_invitees_allowance_counts_a_series_once()
    {
        var stores = await OwnerAsync(new OwnerLimits(1000, 50, 20, 1000, 2));

        Assert.IsType<SeriesAttempt.Booked>(await BookSeriesAsync(stores, "Cy", At(FirstMonday), new SeriesRule(1, 4)));
        Assert.IsType<BookingAttempt.Booked>(await stores.Bookings.BookAsync("ana", new BookingRequest("Cy", At(FirstMonday.PlusHours(2))), Hour, "", Before, None));

        var third = Assert.IsType<SeriesAttempt.Refused>(await BookSeriesAsync(stores, "Cy", At(FirstMonday.PlusHours(4)), new SeriesRule(1, 2)));
        Assert.Equal(BookingOutcome.InviteeLimitReached, Assert.Single(third.Meetings).Reason);
    }

    /// <summary>
    /// Four nodes: each round, one client books a weekly series of 6 while six others book, each, a single booking
    /// overlapping one of its meetings. Either the series is stored whole and no single overlaps it, or it is refused and
    /// stores nothing; every answer booked is stored and nothing else is.
    /// </summary>
    [Fact]
    public async Task Series_racing_single_bookings_over_four_nodes_never_share_a_time()
    {
        var nodes = Enumerable.Range(0, 4).Select(_ => host.NewStores()).ToList();
        await OwnerAsync(stores: nodes[0]);
        var seriesBooked = 0;
        var singlesBooked = 0;
        for (var round = 0; round < 6; round++)
        {
            var start = FirstMonday.Date.At(new LocalTime(8, 0)).PlusHours(2 * round);
            using var go = new SemaphoreSlim(0);
            var series = Task.Run(async () =>
            {
                await go.WaitAsync();
                return await BookSeriesAsync(nodes[round % 4], $"series{round}", At(start), new SeriesRule(1, 6));
            });
            var singles = Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
            {
                await go.WaitAsync();
                // Half an hour into meeting i: overlapping it, on its own slot grid of half hours.
                var slot = At(start.PlusWeeks(i).PlusMinutes(30));
                return await nodes[(round + i + 1) % 4].Bookings.BookAsync("ana", new BookingRequest($"single{round}-{i}", slot), HalfHourSteps, "steps", Before, None);
            })).ToList();
            go.Release(7);
            var seriesResult = await series;
            var singleResults = await Task.WhenAll(singles);

            var won = singleResults.OfType<BookingAttempt.Booked>().Count();
            if (seriesResult is SeriesAttempt.Booked)
            {
                seriesBooked++;
                Assert.Equal(0, won);
            }
            else
            {
                Assert.NotEmpty(Assert.IsType<SeriesAttempt.Refused>(seriesResult).Meetings);
                Assert.True(won > 0);
            }

            singlesBooked += won;
            Assert.All(singleResults.OfType<BookingAttempt.Refused>(), r => Assert.Equal(BookingOutcome.Taken, r.Reason));
        }

        Assert.Equal([(long)((seriesBooked * 6) + singlesBooked)], await host.QueryAsync("SELECT COUNT(*) FROM bookings WHERE holds_time;", r => Convert.ToInt64(r.GetValue(0))));
        Assert.Equal([(long)seriesBooked], await host.QueryAsync("SELECT COUNT(*) FROM booking_series;", r => Convert.ToInt64(r.GetValue(0))));
    }

    /// <summary>An hour long on a half-hour grid: its slots overlap the series' hours by half.</summary>
    private static readonly MeetingType HalfHourSteps = new(Duration.FromHours(1), step: Duration.FromMinutes(30));

    private static Task<SeriesAttempt> BookSeriesAsync(Stores stores, string invitee, Slot first, SeriesRule rule) =>
        stores.Series.BookSeriesAsync("ana", new BookingRequest(invitee, first), rule, Hour, "", Before, null, null, None);

    private async Task<Stores> OwnerAsync(OwnerLimits? limits = null, Stores? stores = null)
    {
        stores ??= host.NewStores(limits);
        await stores.Owners.CreateOwnerAsync("ana", "Ana", Berlin, Before, None);
        await stores.Availability.AddRulesAsync("ana", [Rule(Date(2027, 3, 1), Date(2027, 6, 30), 7, 21)], Before, None);
        return stores;
    }

    private static Slot At(LocalDateTime local)
    {
        var start = local.InZoneStrictly(Berlin).ToInstant();
        return new Slot(start, start + Duration.FromHours(1));
    }
}
