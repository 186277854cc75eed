using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using CsCheck;
using NodaTime;

namespace Agenda.Scheduling.Tests.Booking;

/// <summary>A weekly series keeps the owner's wall-clock time across clock changes, and says which meeting's time does not exist.</summary>
public sealed class RecurringSeriesTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static Slot At(LocalDateTime local, DateTimeZone zone, int minutes = 60)
    {
        var start = local.InZoneStrictly(zone).ToInstant();
        return new Slot(start, start + Duration.FromMinutes(minutes));
    }

    [Fact]
    public void A_weekly_meeting_at_nine_in_Berlin_stays_at_nine_when_the_clocks_go_forward()
    {
        var first = At(new LocalDateTime(2027, 3, 15, 9, 0), Berlin);

        var series = RecurringSeries.Expand(first, Berlin, new SeriesRule(1, 4));

        Assert.Equal(
            [Instant.FromUtc(2027, 3, 15, 8, 0), Instant.FromUtc(2027, 3, 22, 8, 0), Instant.FromUtc(2027, 3, 29, 7, 0), Instant.FromUtc(2027, 4, 5, 7, 0)],
            series.Select(o => o.Slot!.Value.Start));
        Assert.All(series, o => Assert.Equal(new LocalTime(9, 0), o.LocalStart.TimeOfDay));
        Assert.All(series, o => Assert.Equal(Duration.FromHours(1), o.Slot!.Value.End - o.Slot.Value.Start));
    }

    [Fact]
    public void Every_second_week_skips_a_week()
    {
        var series = RecurringSeries.Expand(At(new LocalDateTime(2027, 1, 4, 14, 30), Berlin, 45), Berlin, new SeriesRule(2, 3));

        Assert.Equal([new LocalDate(2027, 1, 4), new LocalDate(2027, 1, 18), new LocalDate(2027, 2, 1)], series.Select(o => o.LocalStart.Date));
        Assert.Equal([0, 1, 2], series.Select(o => o.Index));
    }

    [Fact]
    public void A_time_the_clocks_skip_gives_that_meeting_no_slot()
    {
        // Sunday 2027-03-28 02:30 does not exist in Berlin: the clocks go from 02:00 to 03:00.
        var series = RecurringSeries.Expand(At(new LocalDateTime(2027, 3, 21, 2, 30), Berlin, 30), Berlin, new SeriesRule(1, 3));

        Assert.NotNull(series[0].Slot);
        Assert.Null(series[1].Slot);
        Assert.Equal(new LocalDateTime(2027, 3, 28, 2, 30), series[1].LocalStart);
        Assert.Equal(Instant.FromUtc(2027, 4, 4, 0, 30), series[2].Slot!.Value.Start);
    }

    [Fact]
    public void A_time_that_occurs_twice_means_its_earlier_instant()
    {
        // Sunday 2027-10-31 02:30 occurs twice in Berlin (first at +02:00, then at +01:00).
        var series = RecurringSeries.Expand(At(new LocalDateTime(2027, 10, 24, 2, 30), Berlin, 30), Berlin, new SeriesRule(1, 2));

        Assert.Equal(Instant.FromUtc(2027, 10, 31, 0, 30), series[1].Slot!.Value.Start);
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(13, 2)]
    [InlineData(1, 1)]
    [InlineData(1, 53)]
    public void A_rule_outside_its_bounds_is_refused(int intervalWeeks, int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SeriesRule(intervalWeeks, count));

    /// <summary>In any zone, from any start: each meeting that exists starts at the first's wall-clock time, N weeks on, and lasts as long.</summary>
    [Fact]
    public void Every_meeting_keeps_the_wall_clock_time_and_the_length_of_the_first()
    {
        var zones = DateTimeZoneProviders.Tzdb.Ids.Where(id => id.Contains('/')).ToArray();
        Gen.Select(Gen.OneOf(zones), Gen.Int[0, 3 * 365 * 24 * 4], Gen.Int[1, 32], Gen.Int[1, SeriesRule.MaxIntervalWeeks], Gen.Int[2, SeriesRule.MaxCount])
            .Sample((zoneId, quarterHours, lengthUnits, interval, count) =>
            {
                var zone = DateTimeZoneProviders.Tzdb[zoneId];
                var start = Instant.FromUtc(2026, 1, 1, 0, 0) + Duration.FromMinutes(15L * quarterHours);
                var first = new Slot(start, start + Duration.FromMinutes(15 * lengthUnits));

                var series = RecurringSeries.Expand(first, zone, new SeriesRule(interval, count));

                Assert.Equal(count, series.Count);
                var local = start.InZone(zone).LocalDateTime;
                for (var i = 0; i < series.Count; i++)
                {
                    Assert.Equal(local.PlusWeeks(i * interval), series[i].LocalStart);
                    if (series[i].Slot is { } slot)
                    {
                        Assert.Equal(series[i].LocalStart, slot.Start.InZone(zone).LocalDateTime);
                        Assert.Equal(first.End - first.Start, slot.End - slot.Start);
                    }
                }

                var starts = series.Where(o => o.Slot is not null).Select(o => o.Slot!.Value.Start).ToList();
                Assert.Equal(starts.Order(), starts);
            }, iter: 300);
    }

    private static readonly MeetingType Hour = new(Duration.FromHours(1));

    /// <summary>Berlin, available 09:00 to 17:00 every day from March to May 2027.</summary>
    private static OwnerSchedule BerlinDays(params ExistingBooking[] bookings) =>
        new(Berlin, AvailabilityPlan.FromRules([new DateRangeRule(new DateInterval(new LocalDate(2027, 3, 1), new LocalDate(2027, 5, 31)), new TimeOfDayRange(new LocalTime(9, 0), new LocalTime(17, 0)))]), bookings);

    private static readonly Instant February = Instant.FromUtc(2027, 2, 1, 0, 0);

    [Fact]
    public void A_series_across_the_spring_change_is_accepted_at_the_same_wall_clock_time()
    {
        var series = RecurringSeries.Expand(At(new LocalDateTime(2027, 3, 15, 9, 0), Berlin), Berlin, new SeriesRule(1, 4));

        Assert.Empty(RecurringSeries.Decide(BerlinDays(), series, Hour, "hour", February));
    }

    [Fact]
    public void The_answer_names_every_meeting_that_cannot_be_booked_and_why()
    {
        var taken = At(new LocalDateTime(2027, 3, 29, 9, 30), Berlin);
        var series = RecurringSeries.Expand(At(new LocalDateTime(2027, 3, 15, 9, 0), Berlin), Berlin, new SeriesRule(1, 6));

        var refused = RecurringSeries.Decide(BerlinDays(ExistingBooking.Plain(new Interval(taken.Start, taken.End))), series, new MeetingType(Duration.FromHours(1), horizon: Duration.FromDays(71)), "hour", February);

        Assert.Equal([(2, BookingOutcome.Taken), (5, BookingOutcome.BeyondHorizon)], refused.Select(r => (r.Occurrence.Index, r.Reason)));
    }

    [Fact]
    public void A_meeting_whose_wall_clock_time_does_not_exist_is_outside_availability()
    {
        // Sunday 2027-03-28 02:30 does not exist in Berlin; the hours there are all day.
        var allDay = new OwnerSchedule(Berlin, AvailabilityPlan.FromRules([new DateRangeRule(new DateInterval(new LocalDate(2027, 3, 1), new LocalDate(2027, 4, 30)), new TimeOfDayRange(new LocalTime(0, 0), new LocalTime(23, 0)))]), []);
        var series = RecurringSeries.Expand(At(new LocalDateTime(2027, 3, 21, 2, 30), Berlin, 30), Berlin, new SeriesRule(1, 3));

        var refused = Assert.Single(RecurringSeries.Decide(allDay, series, new MeetingType(Duration.FromMinutes(30)), "half", February));

        Assert.Equal((1, BookingOutcome.OutsideAvailability), (refused.Occurrence.Index, refused.Reason));
    }

    [Fact]
    public void The_rest_of_a_series_moves_from_the_meeting_moved_at_its_new_wall_clock_time()
    {
        // Meetings 2 to 4 of a weekly series move from Mondays 09:00 to Tuesdays 14:00, across the spring change.
        var moved = RecurringSeries.At(new LocalDateTime(2027, 3, 23, 14, 0), 2, Duration.FromHours(1), Berlin, 1, [2, 3, 4]);

        Assert.Equal([new LocalDateTime(2027, 3, 23, 14, 0), new LocalDateTime(2027, 3, 30, 14, 0), new LocalDateTime(2027, 4, 6, 14, 0)], moved.Select(o => o.LocalStart));
        Assert.Equal([Instant.FromUtc(2027, 3, 23, 13, 0), Instant.FromUtc(2027, 3, 30, 12, 0)], moved.Take(2).Select(o => o.Slot!.Value.Start));
    }

    [Fact]
    public void A_schedule_without_the_meetings_being_moved_lets_them_move_onto_each_other()
    {
        var first = At(new LocalDateTime(2027, 3, 15, 9, 0), Berlin);
        var second = At(new LocalDateTime(2027, 3, 22, 9, 0), Berlin);
        var schedule = BerlinDays(ExistingBooking.Plain(new Interval(first.Start, first.End)), ExistingBooking.Plain(new Interval(second.Start, second.End)));
        var onto = RecurringSeries.At(new LocalDateTime(2027, 3, 22, 9, 0), 0, Duration.FromHours(1), Berlin, 1, [0]);

        Assert.Equal(BookingOutcome.Taken, Assert.Single(RecurringSeries.Decide(schedule, onto, Hour, "hour", February)).Reason);
        Assert.Empty(RecurringSeries.Decide(schedule.Without([new Interval(second.Start, second.End)]), onto, Hour, "hour", February));
    }
}
