using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;
using static Agenda.Scheduling.Tests.Planning.Build;

namespace Agenda.Scheduling.Tests.Planning;

/// <summary>
/// Limits per week, month and year, and minutes per day and week, of a type and of the owner across types, on fixed
/// examples at their edges. (That they agree with a recount everywhere is <see cref="BookingLimitsPropertyTests"/>.)
/// </summary>
public sealed class BookingLimitsTests
{
    private static readonly DateTimeZone Berlin = Zone("Europe/Berlin");
    private static readonly Instant LongBefore = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly Duration Hour = Duration.FromHours(1);

    /// <summary>Every day 08:00-18:00.</summary>
    private static readonly AvailabilityPlan EveryDay = new(
        Weekly([.. Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).Select(d => (d, Hours("08:00", "18:00")))]), [], []);

    private static Slot At(string date, string time) => MeetingType.Default.SlotAt(LocalInstant(date, time, Berlin));

    [Fact]
    public void A_weekly_count_closes_the_rest_of_the_week_and_opens_the_next_on_its_first_day()
    {
        var type = new MeetingType(Hour, limits: new BookingLimits(perWeek: 2));
        // Monday 2027-03-01 and Tuesday: two calls that week.
        var schedule = new OwnerSchedule(Berlin, EveryDay, [Booked(At("2027-03-01", "09:00").Start, Hour), Booked(At("2027-03-02", "09:00").Start, Hour)]);

        Assert.Equal(BookingOutcome.LimitReached, schedule.Decide(At("2027-03-07", "10:00"), type, "call", LongBefore));
        Assert.Empty(schedule.FreeSlotsOn(On("2027-03-05"), type, "call"));
        Assert.Equal(BookingOutcome.Accepted, schedule.Decide(At("2027-03-08", "10:00"), type, "call", LongBefore));
        // Weeks from Sunday: the Saturday before is another week, and the Sunday after starts one.
        var fromSunday = schedule with { FirstDayOfWeek = IsoDayOfWeek.Sunday };
        Assert.Equal(BookingOutcome.Accepted, fromSunday.Decide(At("2027-02-27", "10:00"), type, "call", LongBefore));
        Assert.Equal(BookingOutcome.LimitReached, fromSunday.Decide(At("2027-02-28", "10:00"), type, "call", LongBefore));
        Assert.Equal(BookingOutcome.LimitReached, fromSunday.Decide(At("2027-03-06", "10:00"), type, "call", LongBefore));
        Assert.Equal(BookingOutcome.Accepted, fromSunday.Decide(At("2027-03-07", "10:00"), type, "call", LongBefore));
    }

    [Fact]
    public void A_type_counts_its_own_bookings_and_the_owner_counts_every_type_but_never_calendar_busy_times()
    {
        var busy = new Interval(At("2027-03-03", "09:00").Start, At("2027-03-03", "17:00").End);
        var schedule = new OwnerSchedule(Berlin, EveryDay, [Booked(At("2027-03-01", "09:00").Start, Hour, "other"), ExternalBusy.Blocking(busy)]);
        var type = new MeetingType(Hour, limits: new BookingLimits(perWeek: 1));

        Assert.Equal(BookingOutcome.Accepted, schedule.Decide(At("2027-03-02", "10:00"), type, "call", LongBefore));
        var owner = schedule with { Limits = new BookingLimits(perWeek: 1) };
        Assert.Equal(BookingOutcome.LimitReached, owner.Decide(At("2027-03-02", "10:00"), MeetingType.Default, "call", LongBefore));
        var reason = Assert.IsType<Unavailable.LimitReached>(Assert.Single(owner.Explain(At("2027-03-02", "10:00"), MeetingType.Default, "call", LongBefore)));
        Assert.Equal((true, 1, On("2027-03-01"), On("2027-03-07")), (reason.AcrossTypes, reason.Count, reason.Period.Start, reason.Period.End));
    }

    [Fact]
    public void A_month_and_a_year_end_at_the_owners_midnight_not_at_utc()
    {
        // 2027-12-31 23:30 in Berlin is 22:30 UTC: still December and 2027 for the owner.
        var late = new AvailabilityPlan(WeeklyHours.None, [new DateRangeRule(new DateInterval(On("2027-12-31"), On("2028-01-01")), Hours("00:00", "24:00"))], []);
        var lastOfYear = LocalInstant("2027-12-31", "23:00", Berlin);
        var schedule = new OwnerSchedule(Berlin, late, [Booked(lastOfYear, Hour)]);
        var monthly = new MeetingType(Hour, limits: new BookingLimits(perMonth: 1));
        var yearly = new MeetingType(Hour, limits: new BookingLimits(perYear: 1));

        Assert.Equal(BookingOutcome.LimitReached, schedule.Decide(MeetingType.Default.SlotAt(LocalInstant("2027-12-31", "08:00", Berlin)), monthly, "call", LongBefore));
        Assert.Equal(BookingOutcome.Accepted, schedule.Decide(MeetingType.Default.SlotAt(LocalInstant("2028-01-01", "00:00", Berlin)), monthly, "call", LongBefore));
        Assert.Equal(BookingOutcome.Accepted, schedule.Decide(MeetingType.Default.SlotAt(LocalInstant("2028-01-01", "00:00", Berlin)), yearly, "call", LongBefore));
        Assert.Equal(BookingOutcome.LimitReached, schedule.Decide(MeetingType.Default.SlotAt(LocalInstant("2027-12-31", "02:00", Berlin)), yearly, "call", LongBefore));
    }

    [Fact]
    public void Minutes_per_day_allow_a_meeting_that_fits_exactly_and_refuse_one_minute_more()
    {
        var schedule = new OwnerSchedule(Berlin, EveryDay, [Booked(At("2027-03-01", "09:00").Start, Duration.FromMinutes(90))]);
        var fits = new MeetingType(Duration.FromMinutes(30), Hour, limits: new BookingLimits(minutesPerDay: 120));
        var tooLong = new MeetingType(Duration.FromMinutes(31), Hour, limits: new BookingLimits(minutesPerDay: 120));

        Assert.Equal(BookingOutcome.Accepted, schedule.Decide(fits.SlotAt(At("2027-03-01", "14:00").Start), fits, "call", LongBefore));
        Assert.Equal(BookingOutcome.LimitReached, schedule.Decide(tooLong.SlotAt(At("2027-03-01", "14:00").Start), tooLong, "call", LongBefore));
    }

    [Fact]
    public void A_week_across_the_autumn_clock_change_counts_its_seven_dates()
    {
        // Berlin's clocks go back on Sunday 2027-10-31: that week has a 25-hour Sunday and still seven dates.
        var schedule = new OwnerSchedule(Berlin, EveryDay, [Booked(At("2027-10-25", "09:00").Start, Hour), Booked(At("2027-10-31", "17:00").Start, Hour)]) { Limits = new BookingLimits(perWeek: 3) };

        Assert.Equal(BookingOutcome.Accepted, schedule.Decide(At("2027-10-31", "08:00"), MeetingType.Default, "call", LongBefore));
        var filled = schedule.With(Booked(At("2027-10-31", "08:00").Start, Hour));
        Assert.Equal(BookingOutcome.LimitReached, filled.Decide(At("2027-10-29", "08:00"), MeetingType.Default, "call", LongBefore));
        Assert.Equal(BookingOutcome.Accepted, filled.Decide(At("2027-11-01", "08:00"), MeetingType.Default, "call", LongBefore));
    }

    [Fact]
    public void Every_limit_reached_is_explained_after_the_daily_cap_type_first_then_the_owners()
    {
        var type = new MeetingType(Hour, maxPerDay: 1, limits: new BookingLimits(perWeek: 1, minutesPerWeek: 60));
        var schedule = new OwnerSchedule(Berlin, EveryDay, [Booked(At("2027-03-01", "09:00").Start, Hour)]) { Limits = new BookingLimits(perDay: 1, perMonth: 1) };

        var reasons = schedule.Explain(At("2027-03-01", "11:00"), type, "call", LongBefore);

        Assert.IsType<Unavailable.DailyCap>(reasons[0]);
        Assert.Equal(
            [(LimitPeriod.Week, false, false), (LimitPeriod.Week, true, false), (LimitPeriod.Day, false, true), (LimitPeriod.Month, false, true)],
            reasons.Skip(1).Cast<Unavailable.LimitReached>().Select(r => (r.Limit.Period, r.Limit.Minutes, r.AcrossTypes)));
    }

    [Fact]
    public void A_series_counts_its_own_earlier_meetings_against_a_monthly_limit()
    {
        var type = new MeetingType(Hour, limits: new BookingLimits(perMonth: 2));
        var schedule = new OwnerSchedule(Berlin, EveryDay, []);
        var occurrences = RecurringSeries.Expand(At("2027-03-01", "10:00"), Berlin, new SeriesRule(1, 4));

        var refused = RecurringSeries.Decide(schedule, occurrences, type, "call", LongBefore);

        Assert.Equal([2, 3], refused.Select(r => r.Occurrence.Index));
        Assert.All(refused, r => Assert.Equal(BookingOutcome.LimitReached, r.Reason));
    }

    [Fact]
    public void A_limit_must_allow_something_and_minutes_fit_their_period()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BookingLimits(perWeek: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BookingLimits(minutesPerDay: 1441));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BookingLimits(minutesPerWeek: 10081));
        Assert.Equal(new BookingLimits(perWeek: 3), new BookingLimits(perWeek: 3));
        Assert.True(BookingLimits.None.IsNone);
    }
}
