using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;
using static Agenda.Scheduling.Tests.Planning.Build;

namespace Agenda.Scheduling.Tests.Planning;

public sealed class OwnerScheduleTests
{
    private static readonly DateTimeZone Berlin = Zone("Europe/Berlin");
    private static readonly Duration HalfHour = Duration.FromMinutes(30);
    private static readonly Instant LongBefore = Instant.FromUtc(2027, 1, 1, 0, 0);

    // Monday 2027-03-01 to Friday 2027-03-05, 09:00-12:00 in Berlin (UTC+1 in March before the 28th).
    private static readonly AvailabilityPlan Mornings = new(
        Weekly(
            (IsoDayOfWeek.Monday, Hours("09:00", "12:00")),
            (IsoDayOfWeek.Tuesday, Hours("09:00", "12:00")),
            (IsoDayOfWeek.Wednesday, Hours("09:00", "12:00")),
            (IsoDayOfWeek.Thursday, Hours("09:00", "12:00")),
            (IsoDayOfWeek.Friday, Hours("09:00", "12:00"))),
        [],
        []);

    [Fact]
    public void A_range_search_returns_the_slots_of_every_date_in_the_range_sorted()
    {
        var schedule = new OwnerSchedule(Berlin, Mornings, []);
        var range = new Interval(Day("2027-03-01", Berlin).Start, Day("2027-03-07", Berlin).End);

        var slots = schedule.FreeSlots(range, new MeetingType(HalfHour), "call", LongBefore);

        Assert.Equal(5 * 6, slots.Count);
        Assert.Equal(slots.OrderBy(s => s.Start), slots);
    }

    [Fact]
    public void A_range_in_another_zone_keeps_only_slots_starting_inside_it()
    {
        var schedule = new OwnerSchedule(Berlin, Mornings, []);
        var newYork = Zone("America/New_York");
        // 2027-03-01 in New York is 06:00 Berlin on 1 March to 06:00 Berlin on 2 March.
        var range = Day("2027-03-01", newYork);

        var slots = schedule.FreeSlots(range, new MeetingType(HalfHour), "call", LongBefore);

        Assert.Equal(["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"], Starts(slots, Berlin));
        Assert.All(slots, s => Assert.Equal(On("2027-03-01"), s.Start.InZone(Berlin).Date));
    }

    [Fact]
    public void A_booking_blocks_its_buffers_so_the_next_slot_starts_after_them()
    {
        var type = new MeetingType(HalfHour, step: Duration.FromMinutes(10), bufferAfter: Duration.FromMinutes(10));
        var existing = Booked(LocalInstant("2027-03-01", "09:00", Berlin), HalfHour, after: Duration.FromMinutes(10));
        var schedule = new OwnerSchedule(Berlin, Mornings, [existing]);

        var slots = schedule.FreeSlotsOn(On("2027-03-01"), type, "call");

        Assert.Equal("09:40", Starts(slots, Berlin)[0]);
    }

    [Fact]
    public void Buffers_before_and_after_add_up_between_two_meetings()
    {
        var type = new MeetingType(HalfHour, step: Duration.FromMinutes(10), bufferBefore: Duration.FromMinutes(10), bufferAfter: Duration.FromMinutes(10));
        var existing = Booked(LocalInstant("2027-03-01", "09:00", Berlin), HalfHour, before: Duration.FromMinutes(10), after: Duration.FromMinutes(10));
        var schedule = new OwnerSchedule(Berlin, Mornings, [existing]);

        var slots = schedule.FreeSlotsOn(On("2027-03-01"), type, "call");

        Assert.Equal("09:50", Starts(slots, Berlin)[0]);
    }

    [Fact]
    public void Blocked_times_that_only_touch_do_not_collide()
    {
        var type = new MeetingType(HalfHour, bufferBefore: Duration.FromMinutes(10));
        var existing = Booked(LocalInstant("2027-03-01", "09:00", Berlin), Duration.FromMinutes(20));
        var schedule = new OwnerSchedule(Berlin, Mornings, [existing]);

        var requested = new Slot(LocalInstant("2027-03-01", "09:30", Berlin), LocalInstant("2027-03-01", "10:00", Berlin));

        Assert.Equal(BookingOutcome.Accepted, schedule.Decide(requested, type, "call", LongBefore));
    }

    [Fact]
    public void Buffers_may_reach_outside_availability()
    {
        var type = new MeetingType(HalfHour, bufferBefore: Duration.FromMinutes(15), bufferAfter: Duration.FromMinutes(15));
        var schedule = new OwnerSchedule(Berlin, Mornings, []);

        var slots = schedule.FreeSlotsOn(On("2027-03-01"), type, "call");

        Assert.Equal("09:00", Starts(slots, Berlin)[0]);
        Assert.Equal("11:30", Starts(slots, Berlin)[^1]);
    }

    [Fact]
    public void No_slot_starts_sooner_than_the_minimum_notice()
    {
        var type = new MeetingType(HalfHour, minimumNotice: Duration.FromHours(2));
        var schedule = new OwnerSchedule(Berlin, Mornings, []);
        var now = LocalInstant("2027-03-01", "08:15", Berlin);

        var slots = schedule.FreeSlots(Day("2027-03-01", Berlin), type, "call", now);

        Assert.Equal(["10:30", "11:00", "11:30"], Starts(slots, Berlin));
        Assert.Equal(BookingOutcome.TooSoon, schedule.Decide(Slot("2027-03-01", "10:00"), type, "call", now));
        Assert.Equal(BookingOutcome.Accepted, schedule.Decide(Slot("2027-03-01", "10:30"), type, "call", now));
    }

    [Fact]
    public void No_slot_starts_later_than_the_horizon()
    {
        var type = new MeetingType(HalfHour, horizon: Duration.FromDays(2));
        var schedule = new OwnerSchedule(Berlin, Mornings, []);
        var now = LocalInstant("2027-03-01", "10:00", Berlin);
        var week = new Interval(Day("2027-03-01", Berlin).Start, Day("2027-03-05", Berlin).End);

        var slots = schedule.FreeSlots(week, type, "call", now);

        Assert.Equal(LocalInstant("2027-03-03", "10:00", Berlin), slots[^1].Start);
        Assert.Equal(BookingOutcome.BeyondHorizon, schedule.Decide(Slot("2027-03-03", "10:30"), type, "call", now));
    }

    [Fact]
    public void A_reached_daily_cap_closes_the_day_for_that_type_only()
    {
        var capped = new MeetingType(HalfHour, maxPerDay: 2);
        var bookings = new[]
        {
            Booked(LocalInstant("2027-03-01", "09:00", Berlin), HalfHour, "intro"),
            Booked(LocalInstant("2027-03-01", "10:00", Berlin), HalfHour, "intro"),
        };
        var schedule = new OwnerSchedule(Berlin, Mornings, bookings);

        Assert.Empty(schedule.FreeSlotsOn(On("2027-03-01"), capped, "intro"));
        Assert.NotEmpty(schedule.FreeSlotsOn(On("2027-03-01"), capped, "other"));
        Assert.NotEmpty(schedule.FreeSlotsOn(On("2027-03-02"), capped, "intro"));
        Assert.Equal(BookingOutcome.DailyLimitReached, schedule.Decide(Slot("2027-03-01", "11:00"), capped, "intro", LongBefore));
    }

    [Fact]
    public void Every_free_slot_is_accepted_and_nothing_else_is()
    {
        var type = new MeetingType(HalfHour, step: Duration.FromMinutes(15), bufferAfter: Duration.FromMinutes(15));
        var schedule = new OwnerSchedule(Berlin, Mornings, [Booked(LocalInstant("2027-03-01", "10:00", Berlin), HalfHour, after: Duration.FromMinutes(15))]);
        var free = schedule.FreeSlotsOn(On("2027-03-01"), type, "call").ToHashSet();

        for (var minutes = 8 * 60; minutes < 13 * 60; minutes += 15)
        {
            var start = On("2027-03-01").At(LocalTime.Midnight.PlusMinutes(minutes)).InZoneStrictly(Berlin).ToInstant();
            var slot = new Slot(start, start + HalfHour);
            Assert.Equal(free.Contains(slot), schedule.Decide(slot, type, "call", LongBefore) == BookingOutcome.Accepted);
        }
    }

    private static Slot Slot(string date, string time) => new(LocalInstant(date, time, Berlin), LocalInstant(date, time, Berlin) + HalfHour);
}
