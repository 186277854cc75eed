using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;
using static Agenda.Scheduling.Tests.Planning.Build;

namespace Agenda.Scheduling.Tests.Planning;

/// <summary>
/// Why a time is not offered, on fixed examples: every reason, in the order a booking is decided, with the facts behind
/// it. (That the explanation agrees with the decision in general is a property test in <see cref="OwnerSchedulePropertyTests"/>.)
/// </summary>
public sealed class ExplainTests
{
    private static readonly DateTimeZone Berlin = Zone("Europe/Berlin");
    private static readonly Duration HalfHour = Duration.FromMinutes(30);
    private static readonly Instant LongBefore = Instant.FromUtc(2027, 1, 1, 0, 0);

    /// <summary>Monday to Friday 09:00-12:00 in Berlin.</summary>
    private static readonly WeeklyHours Mornings = Weekly(
        (IsoDayOfWeek.Monday, Hours("09:00", "12:00")),
        (IsoDayOfWeek.Tuesday, Hours("09:00", "12:00")),
        (IsoDayOfWeek.Wednesday, Hours("09:00", "12:00")),
        (IsoDayOfWeek.Thursday, Hours("09:00", "12:00")),
        (IsoDayOfWeek.Friday, Hours("09:00", "12:00")));

    private static Slot At(string date, string time, MeetingType type) => type.SlotAt(LocalInstant(date, time, Berlin));

    [Fact]
    public void An_offered_time_has_no_reason()
    {
        var schedule = new OwnerSchedule(Berlin, new AvailabilityPlan(Mornings, [], []), []);

        Assert.Empty(schedule.Explain(At("2027-03-01", "10:00", MeetingType.Default), MeetingType.Default, "call", LongBefore));
    }

    [Fact]
    public void A_time_outside_the_hours_names_the_dates_hours_and_whether_an_override_gives_them()
    {
        var plan = new AvailabilityPlan(Mornings, [], [new DateOverride(On("2027-03-02"), [Hours("14:00", "16:00")]), DateOverride.Unavailable(On("2027-03-03"))]);
        var schedule = new OwnerSchedule(Berlin, plan, []);

        var monday = Assert.IsType<Unavailable.OutsideHours>(Assert.Single(schedule.Explain(At("2027-03-01", "13:00", MeetingType.Default), MeetingType.Default, "call", LongBefore)));
        var tuesday = Assert.IsType<Unavailable.OutsideHours>(Assert.Single(schedule.Explain(At("2027-03-02", "10:00", MeetingType.Default), MeetingType.Default, "call", LongBefore)));
        var wednesday = Assert.IsType<Unavailable.OutsideHours>(Assert.Single(schedule.Explain(At("2027-03-03", "10:00", MeetingType.Default), MeetingType.Default, "call", LongBefore)));

        Assert.Equal((false, "09:00", "12:00"), (monday.FromOverride, monday.Hours[0].Start.TimeOfDay.ToString("HH:mm", null), monday.Hours[0].End.TimeOfDay.ToString("HH:mm", null)));
        Assert.Equal((true, "14:00"), (tuesday.FromOverride, tuesday.Hours[0].Start.TimeOfDay.ToString("HH:mm", null)));
        Assert.Equal((true, 0), (wednesday.FromOverride, wednesday.Hours.Count));
    }

    [Fact]
    public void Every_reason_is_listed_in_the_order_a_booking_is_decided()
    {
        // An hourly type with 15-minute buffers, a day's notice and at most one a day; a hold, a booking and a calendar's
        // busy time all reach into 10:00-11:00 on Monday, which is also too soon.
        var type = new MeetingType(Duration.FromHours(1), Duration.FromHours(1), Duration.FromMinutes(15), Duration.FromMinutes(15), Duration.FromDays(1), null, 1);
        var booking = Booked(LocalInstant("2027-03-01", "09:00", Berlin), Duration.FromHours(1), "call", Duration.FromMinutes(15), Duration.FromMinutes(15));
        var held = new Interval(LocalInstant("2027-03-01", "11:00", Berlin), LocalInstant("2027-03-01", "12:00", Berlin));
        var hold = new SlotHold("h", held, held, "other", Instant.MaxValue).AsBusy();
        var busy = ExternalBusy.Blocking(new Interval(LocalInstant("2027-03-01", "10:30", Berlin), LocalInstant("2027-03-01", "10:45", Berlin)), "cal_1", unreachable: false);
        var schedule = new OwnerSchedule(Berlin, new AvailabilityPlan(Mornings, [], []), [booking, busy, hold]);
        var now = LocalInstant("2027-03-01", "08:00", Berlin);

        var reasons = schedule.Explain(At("2027-03-01", "10:00", type), type, "call", now);

        Assert.Equal(
            [BookingOutcome.TooSoon, BookingOutcome.DailyLimitReached, BookingOutcome.Taken, BookingOutcome.Taken, BookingOutcome.Taken],
            reasons.Select(r => r.Outcome));
        Assert.Equal(now + Duration.FromDays(1), Assert.IsType<Unavailable.Notice>(reasons[0]).Earliest);
        Assert.Equal((1, 1), (((Unavailable.DailyCap)reasons[1]).Limit, ((Unavailable.DailyCap)reasons[1]).Count));
        Assert.Equal(
            [(BlockKind.Booking, (string?)null), (BlockKind.CalendarBusy, "cal_1"), (BlockKind.Hold, null)],
            reasons.OfType<Unavailable.Blocked>().Select(b => (b.By.Kind, b.By.SourceId)));
        Assert.Equal(BookingOutcome.TooSoon, schedule.Decide(At("2027-03-01", "10:00", type), type, "call", now));
    }

    [Fact]
    public void A_time_off_the_grid_in_the_past_and_beyond_the_horizon_say_so()
    {
        var type = new MeetingType(Duration.FromHours(1), Duration.FromHours(1), Duration.Zero, Duration.Zero, Duration.Zero, Duration.FromDays(7), null);
        var schedule = new OwnerSchedule(Berlin, new AvailabilityPlan(Mornings, [], []), []);
        var now = LocalInstant("2027-03-03", "12:00", Berlin);

        Assert.Equal([BookingOutcome.NotOnSlotGrid, BookingOutcome.InThePast], schedule.Explain(At("2027-03-01", "09:30", type), type, "call", now).Select(r => r.Outcome));
        var far = Assert.IsType<Unavailable.BeyondHorizon>(Assert.Single(schedule.Explain(At("2027-03-15", "09:00", type), type, "call", now)));
        Assert.Equal(now + Duration.FromDays(7), far.Latest);
    }

    [Fact]
    public void A_class_with_seats_left_has_no_reason_and_a_full_one_is_in_the_way()
    {
        var type = new MeetingType(HalfHour, HalfHour, Duration.Zero, Duration.Zero, Duration.Zero, null, null, seats: 3);
        var slot = At("2027-03-01", "10:00", type);
        ExistingBooking Class(int taken) => new(new Interval(slot.Start, slot.End), new Interval(slot.Start, slot.End), "class") { Seats = new SeatCount("s1", taken, 3) };

        var open = new OwnerSchedule(Berlin, new AvailabilityPlan(Mornings, [], []), [Class(2)]);
        var full = new OwnerSchedule(Berlin, new AvailabilityPlan(Mornings, [], []), [Class(3)]);

        Assert.Empty(open.Explain(slot, type, "class", LongBefore));
        var inTheWay = Assert.IsType<Unavailable.Blocked>(Assert.Single(full.Explain(slot, type, "class", LongBefore)));
        Assert.Equal(new SeatCount("s1", 3, 3), inTheWay.By.Seats);
    }
}
