using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;
using static Agenda.Storage.Tests.Values;

namespace Agenda.Storage.Tests;

public sealed class BookingLimitsStoreOnSqliteTests() : BookingLimitsStoreTests(new SqliteFile());

[Collection(PostgresCollection.Name)]
public sealed class BookingLimitsStoreOnPostgresTests(Agenda.Testing.PostgresServer server) : BookingLimitsStoreTests(new PostgresStoreHost(server));

/// <summary>
/// Limits per week, month and year on a real database: kept with the owner and the type, counted under the owner's lock
/// over every booking of their period however far from the slot, so racing writers on several nodes never pass them.
/// </summary>
public abstract class BookingLimitsStoreTests : IDisposable
{
    /// <summary>A Monday; the owner is in UTC.</summary>
    private static readonly LocalDate Monday = Date(2024, 12, 2);
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly IStoreHost file;
    private readonly Stores stores;

    protected BookingLimitsStoreTests(IStoreHost host)
    {
        file = host;
        stores = file.NewStores();
    }

    public void Dispose()
    {
        file.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task The_owners_limits_and_first_day_of_the_week_are_kept_and_raise_the_version()
    {
        await stores.Availability.AddRulesAsync("ana", [Rule(Monday, Monday.PlusDays(30), 9, 17)], Now, None);
        var before = (await stores.Owners.FindOwnerAsync("ana", None))!.ScheduleVersion;

        var saved = await stores.Owners.SetBookingLimitsAsync("ana", new BookingLimits(perWeek: 3, minutesPerDay: 240), IsoDayOfWeek.Sunday, None);

        var found = (await stores.Owners.FindOwnerAsync("ana", None))!;
        Assert.Equal((new BookingLimits(perWeek: 3, minutesPerDay: 240), IsoDayOfWeek.Sunday), (found.Limits, found.FirstDayOfWeek));
        Assert.Equal(saved, found);
        Assert.True(found.ScheduleVersion > before);
        Assert.Null(await stores.Owners.SetBookingLimitsAsync("nobody", BookingLimits.None, IsoDayOfWeek.Monday, None));
    }

    [Fact]
    public async Task Racing_bookings_of_several_types_on_several_nodes_never_pass_the_owners_weekly_limit()
    {
        await stores.Availability.AddRulesAsync("ana", [Rule(Monday, Monday.PlusDays(13), 9, 17)], Now, None);
        await stores.Owners.SetBookingLimitsAsync("ana", new BookingLimits(perWeek: 3), IsoDayOfWeek.Monday, None);
        var nodes = Enumerable.Range(0, 4).Select(_ => file.NewStores()).ToList();

        // Sixteen invitees want sixteen different times of that week, in two types.
        var attempts = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => nodes[i % nodes.Count].Bookings.BookAsync(
                "ana", Request($"guest{i}", Monday.PlusDays(i % 5), 9 + (i / 5)), MeetingType.Default, i % 2 == 0 ? "call" : "visit", Now, None))));

        Assert.Equal(3, attempts.OfType<BookingAttempt.Booked>().Count());
        Assert.All(attempts.OfType<BookingAttempt.Refused>(), r => Assert.Equal(BookingOutcome.LimitReached, r.Reason));
        Assert.Equal(3, (await stores.Bookings.ListUpcomingAsync("ana", Now, None))!.Count);
        // The next week starts afresh.
        Assert.IsType<BookingAttempt.Booked>(await stores.Bookings.BookAsync("ana", Request("next", Monday.PlusDays(7), 9), MeetingType.Default, "call", Now, None));
    }

    [Fact]
    public async Task A_types_monthly_limit_counts_a_booking_weeks_away_and_a_search_sees_it()
    {
        var first = Date(2024, 12, 2);
        var last = Date(2024, 12, 30);
        await stores.Availability.AddRulesAsync("ana", [Rule(first, Date(2025, 1, 6), 9, 17)], Now, None);
        var monthly = new MeetingType(Duration.FromHours(1), limits: new BookingLimits(perMonth: 1));
        Assert.IsType<BookingAttempt.Booked>(await stores.Bookings.BookAsync("ana", Request("ben", first, 9), monthly, "call", Now, None));

        var refused = await stores.Bookings.BookAsync("ana", Request("cy", last, 9), monthly, "call", Now, None);

        Assert.Equal(BookingOutcome.LimitReached, Assert.IsType<BookingAttempt.Refused>(refused).Reason);
        var read = await stores.Bookings.LoadScheduleAsync("ana", new DateInterval(last, Date(2024, 12, 31)), Now, None, monthly);
        Assert.Empty(read!.Schedule.FreeSlotsOn(last, monthly, "call"));
        Assert.NotEmpty(read.Schedule.FreeSlotsOn(Date(2024, 12, 31), monthly with { }, "other"));
        // January is another month.
        Assert.IsType<BookingAttempt.Booked>(await stores.Bookings.BookAsync("ana", Request("cy", Date(2025, 1, 2), 9), monthly, "call", Now, None));
    }

    [Fact]
    public async Task A_series_past_a_monthly_limit_writes_nothing_and_names_the_meetings_beyond_it()
    {
        await stores.Availability.AddRulesAsync("ana", [Rule(Monday, Monday.PlusDays(60), 9, 17)], Now, None);
        var monthly = new MeetingType(Duration.FromHours(1), limits: new BookingLimits(perMonth: 3));

        var attempt = await stores.Series.BookSeriesAsync("ana", Request("ben", Monday, 10), new SeriesRule(1, 5), monthly, "call", Now, null, null, None);

        // 2, 9, 16 December are booked in the decision; 23 and 30 December go beyond three a month.
        var refused = Assert.IsType<SeriesAttempt.Refused>(attempt);
        Assert.Equal([3, 4], refused.Meetings.Select(m => m.Occurrence.Index));
        Assert.Empty((await stores.Bookings.ListUpcomingAsync("ana", Now, None))!);
    }

    private static BookingRequest Request(string invitee, LocalDate date, int hour) => new(invitee, new Slot(Utc(date, hour), Utc(date, hour + 1)));
}
