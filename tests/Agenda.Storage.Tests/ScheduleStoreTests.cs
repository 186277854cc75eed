using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;
using static Agenda.Storage.Tests.Values;

namespace Agenda.Storage.Tests;

public sealed class ScheduleStoreOnSqliteTests() : ScheduleStoreTests(new SqliteFile());

[Collection(PostgresCollection.Name)]
public sealed class ScheduleStoreOnPostgresTests(Agenda.Testing.PostgresServer server) : ScheduleStoreTests(new PostgresStoreHost(server));

/// <summary>The store on a real database, SQLite and PostgreSQL alike: what it keeps, what it reads back, and what it refuses.</summary>
public abstract class ScheduleStoreTests : IDisposable
{
    private static readonly LocalDate Day = Date(2024, 12, 2);
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly IStoreHost file;
    private readonly Stores stores;

    protected ScheduleStoreTests(IStoreHost host)
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
    public async Task Adding_rules_creates_the_owner_in_utc()
    {
        await stores.Availability.AddRulesAsync("ana", [Rule(Day, Day, 9, 12)], Now, None);

        var owner = await stores.Owners.FindOwnerAsync("ana", None);

        Assert.NotNull(owner);
        Assert.Equal(DateTimeZone.Utc, owner.Zone);
    }

    [Fact]
    public async Task An_owner_who_never_set_availability_is_unknown_everywhere()
    {
        Assert.Null(await stores.Owners.FindOwnerAsync("nobody", None));
        Assert.Null(await stores.Bookings.LoadScheduleAsync("nobody", new DateInterval(Day, Day), Now, None));
        Assert.Null(await stores.Bookings.ListUpcomingAsync("nobody", Now, None));
        Assert.IsType<BookingAttempt.UnknownOwner>(await stores.Bookings.BookAsync("nobody", Request("ana", 9), MeetingType.Default, "", Now, None));
    }

    [Fact]
    public async Task A_rule_the_owner_already_has_is_not_added_again_and_does_not_change_the_version()
    {
        Assert.Equal(new OwnerWrite.Written(1), await stores.Availability.AddRulesAsync("ana", [Rule(Day, Day, 9, 12)], Now, None));
        var version = (await stores.Owners.FindOwnerAsync("ana", None))!.ScheduleVersion;

        Assert.Equal(new OwnerWrite.Written(0), await stores.Availability.AddRulesAsync("ana", [Rule(Day, Day, 9, 12)], Now, None));

        Assert.Equal(version, (await stores.Owners.FindOwnerAsync("ana", None))!.ScheduleVersion);
        Assert.Single((await stores.Bookings.LoadScheduleAsync("ana", new DateInterval(Day, Day), Now, None))!.Schedule.Plan.Rules);
    }

    [Fact]
    public async Task New_rules_and_bookings_each_raise_the_schedule_version()
    {
        await stores.Availability.AddRulesAsync("ana", [Rule(Day, Day, 9, 12)], Now, None);
        var afterRules = (await stores.Owners.FindOwnerAsync("ana", None))!.ScheduleVersion;

        await stores.Bookings.BookAsync("ana", Request("ben", 9), MeetingType.Default, "", Now, None);
        var afterBooking = (await stores.Owners.FindOwnerAsync("ana", None))!.ScheduleVersion;

        await stores.Availability.AddRulesAsync("ana", [Rule(Day, Day, 13, 14)], Now, None);
        var afterMoreRules = (await stores.Owners.FindOwnerAsync("ana", None))!.ScheduleVersion;

        Assert.True(afterRules < afterBooking && afterBooking < afterMoreRules);
    }

    [Fact]
    public async Task Loading_a_day_reads_only_the_rules_that_cover_it_or_the_next_day()
    {
        // The next day's rules count too: availability through midnight goes on into the next day's first hours.
        await stores.Availability.AddRulesAsync("ana", [
            Rule(Day.PlusDays(-3), Day.PlusDays(-1), 9, 12), Rule(Day, Day.PlusDays(2), 9, 12), Rule(Day.PlusDays(1), Day.PlusDays(1), 13, 14),
            Rule(Day.PlusDays(2), Day.PlusDays(4), 9, 12)], Now, None);

        var read = await stores.Bookings.LoadScheduleAsync("ana", new DateInterval(Day, Day), Now, None);

        Assert.Equal([new DateInterval(Day, Day.PlusDays(2)), new DateInterval(Day.PlusDays(1), Day.PlusDays(1))], read!.Schedule.Plan.Rules.Select(r => r.Dates).OrderBy(d => d.Start));
    }

    [Fact]
    public async Task An_owner_travelling_west_has_the_day_before_read_and_its_override_offered_and_booked_on_their_day()
    {
        // Ana lives in UTC. The day before, she is in Pago Pago (UTC-11), where that date's override (20:00-21:00) is 07:00 UTC
        // on her day: a read of her day must read the day before's override, and a booking there must be decided with it.
        Assert.True(await stores.Owners.CreateOwnerAsync("ana", null, DateTimeZone.Utc, Now, None));
        Assert.NotNull(await stores.Owners.SetTravelAsync("ana", [new TravelPeriod(new DateInterval(Day.PlusDays(-1), Day.PlusDays(-1)), DateTimeZoneProviders.Tzdb["Pacific/Pago_Pago"])], None));
        await stores.Availability.PutOverridesAsync("ana", [new DateOverride(Day.PlusDays(-1), [new TimeOfDayRange(new LocalTime(20, 0), new LocalTime(21, 0))])], None);

        var read = await stores.Bookings.LoadScheduleAsync("ana", new DateInterval(Day, Day), Now, None);
        var day = new Interval(Utc(Day, 0), Utc(Day.PlusDays(1), 0));

        Assert.Equal([Utc(Day, 7)], read!.Schedule.FreeSlots(day, MeetingType.Default, "", Now).Select(s => s.Start));
        Assert.IsType<BookingAttempt.Booked>(await stores.Bookings.BookAsync("ana", Request("ben", 7), MeetingType.Default, "", Now, None));
        Assert.IsNotType<BookingAttempt.Booked>(await stores.Bookings.BookAsync("ana", Request("cy", 9), MeetingType.Default, "", Now, None));
    }

    [Fact]
    public async Task Loading_a_day_reads_the_bookings_near_it_and_not_those_far_away()
    {
        await stores.Availability.AddRulesAsync("ana", [Rule(Day.PlusDays(-5), Day.PlusDays(5), 0, 24)], Now, None);
        await stores.Bookings.BookAsync("ana", Request("far before", 12, Day.PlusDays(-5)), MeetingType.Default, "", Now, None);
        await stores.Bookings.BookAsync("ana", Request("day before", 22, Day.PlusDays(-1)), MeetingType.Default, "", Now, None);
        await stores.Bookings.BookAsync("ana", Request("on the day", 12), MeetingType.Default, "", Now, None);
        await stores.Bookings.BookAsync("ana", Request("far after", 12, Day.PlusDays(5)), MeetingType.Default, "", Now, None);

        var read = await stores.Bookings.LoadScheduleAsync("ana", new DateInterval(Day, Day), Now, None);

        Assert.Equal(
            [Utc(Day.PlusDays(-1), 22), Utc(Day, 12)],
            read!.Schedule.Bookings.Select(b => b.Meeting.Start).Order());
    }

    [Fact]
    public async Task A_booking_is_stored_when_the_engine_accepts_it()
    {
        await stores.Availability.AddRulesAsync("ana", [Rule(Day, Day, 9, 12)], Now, None);

        var attempt = await stores.Bookings.BookAsync("ana", Request("ben", 10), MeetingType.Default, "", Now, None);

        var booked = Assert.IsType<BookingAttempt.Booked>(attempt);
        var listed = Assert.Single((await stores.Bookings.ListUpcomingAsync("ana", Now, None))!);
        Assert.Equal(booked.Booking, listed);
    }

    [Theory]
    [InlineData(13, BookingOutcome.OutsideAvailability)]
    [InlineData(9, BookingOutcome.Taken)]
    public async Task A_refused_booking_writes_nothing(int hour, BookingOutcome reason)
    {
        await stores.Availability.AddRulesAsync("ana", [Rule(Day, Day, 9, 12)], Now, None);
        await stores.Bookings.BookAsync("ana", Request("ben", 9), MeetingType.Default, "", Now, None);
        var version = (await stores.Owners.FindOwnerAsync("ana", None))!.ScheduleVersion;

        var attempt = await stores.Bookings.BookAsync("ana", Request("cy", hour), MeetingType.Default, "", Now, None);

        Assert.Equal(reason, Assert.IsType<BookingAttempt.Refused>(attempt).Reason);
        Assert.Single((await stores.Bookings.ListUpcomingAsync("ana", Now, None))!);
        Assert.Equal(version, (await stores.Owners.FindOwnerAsync("ana", None))!.ScheduleVersion);
    }

    [Fact]
    public async Task Upcoming_bookings_leave_out_ended_ones_and_come_soonest_first()
    {
        await stores.Availability.AddRulesAsync("ana", [Rule(Day, Day, 9, 12)], Now, None);
        foreach (var hour in new[] { 11, 9, 10 })
        {
            await stores.Bookings.BookAsync("ana", Request($"guest{hour}", hour), MeetingType.Default, "", Now, None);
        }

        var upcoming = await stores.Bookings.ListUpcomingAsync("ana", Utc(Day, 10), None);

        Assert.Equal(["guest10", "guest11"], upcoming!.Select(b => b.Invitee));
    }

    [Fact]
    public async Task Stores_on_the_same_file_racing_for_one_slot_book_it_once()
    {
        await stores.Availability.AddRulesAsync("ana", [Rule(Day, Day, 9, 12)], Now, None);
        var nodes = Enumerable.Range(0, 8).Select(_ => file.NewStores()).ToList();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 32).Select(i =>
            Task.Run(() => nodes[i % nodes.Count].Bookings.BookAsync("ana", Request($"guest{i}", 10), MeetingType.Default, "", Now, None))));

        Assert.Single(attempts.OfType<BookingAttempt.Booked>());
        Assert.All(attempts.OfType<BookingAttempt.Refused>(), r => Assert.Equal(BookingOutcome.Taken, r.Reason));
        Assert.Single((await stores.Bookings.ListUpcomingAsync("ana", Now, None))!);
    }

    private static BookingRequest Request(string invitee, int hour, LocalDate? date = null) =>
        new(invitee, new Slot(Utc(date ?? Day, hour), Utc(date ?? Day, hour + 1)));
}
