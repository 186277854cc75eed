using Agenda.Scheduling.Availability;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;
using NodaTime.Text;
using static Agenda.Scheduling.Tests.Planning.Build;

namespace Agenda.Scheduling.Tests.Planning;

/// <summary>
/// Slots on the days clocks change, on real tz zones. Expected values are written out from the tz rules:
/// a start that does not exist is skipped, a repeated start is offered once per instant, and every slot
/// lasts its length in elapsed time.
/// </summary>
public sealed class DaylightSavingTests
{
    private static readonly OffsetDateTimePattern Offset = OffsetDateTimePattern.CreateWithInvariantCulture("HH':'mmo<+HH:mm>");

    [Theory]
    // Berlin, 2027-03-28: 02:00 CET becomes 03:00 CEST.
    [InlineData("Europe/Berlin", "2027-03-28", "00:00", "05:00", 60, "00:00+01:00 01:00+01:00 03:00+02:00 04:00+02:00")]
    // Berlin, 2027-10-31: 03:00 CEST becomes 02:00 CET; 02:00 happens twice.
    [InlineData("Europe/Berlin", "2027-10-31", "00:00", "04:00", 60, "00:00+02:00 01:00+02:00 02:00+02:00 02:00+01:00 03:00+01:00")]
    // New York, 2027-03-14: 02:00 EST becomes 03:00 EDT.
    [InlineData("America/New_York", "2027-03-14", "00:00", "05:00", 60, "00:00-05:00 01:00-05:00 03:00-04:00 04:00-04:00")]
    // New York, 2027-11-07: 02:00 EDT becomes 01:00 EST; 01:00 happens twice.
    [InlineData("America/New_York", "2027-11-07", "00:00", "03:00", 60, "00:00-04:00 01:00-04:00 01:00-05:00 02:00-05:00")]
    // Half-hour slots through the Berlin spring gap: 02:00 and 02:30 do not exist.
    [InlineData("Europe/Berlin", "2027-03-28", "01:00", "04:00", 30, "01:00+01:00 01:30+01:00 03:00+02:00 03:30+02:00")]
    // Kolkata has no DST and a +05:30 offset.
    [InlineData("Asia/Kolkata", "2027-03-28", "09:00", "11:00", 60, "09:00+05:30 10:00+05:30")]
    // Lord Howe, 2027-10-03: 02:00 (+10:30) becomes 02:30 (+11:00), a 30-minute shift.
    [InlineData("Australia/Lord_Howe", "2027-10-03", "00:00", "05:00", 60, "00:00+10:30 01:00+10:30 03:00+11:00 04:00+11:00")]
    // Lord Howe, 2027-04-04: 02:00 (+11:00) becomes 01:30 (+10:30); 01:30 to 02:00 happens twice.
    [InlineData("Australia/Lord_Howe", "2027-04-04", "00:00", "04:00", 60, "00:00+11:00 01:00+11:00 02:00+10:30 03:00+10:30")]
    public void Slots_on_a_transition_day(string zoneId, string date, string from, string to, int minutes, string expected)
    {
        var zone = Zone(zoneId);
        var plan = new AvailabilityPlan(WeeklyHours.None, [new DateRangeRule(new DateInterval(On(date), On(date)), Hours(from, to))], []);
        var schedule = new OwnerSchedule(zone, plan, []);
        var length = Duration.FromMinutes(minutes);

        var slots = schedule.FreeSlotsOn(On(date), new MeetingType(length), "t");

        Assert.Equal(expected, string.Join(' ', slots.Select(s => Offset.Format(s.Start.InZone(zone).ToOffsetDateTime()))));
        Assert.All(slots, s => Assert.Equal(length, s.End - s.Start));
        Assert.All(slots.Zip(slots.Skip(1)), pair => Assert.True(pair.First.End <= pair.Second.Start));
    }

    [Theory]
    // Berlin, Sunday 2027-10-31, hours 00:00-02:30 and 02:45-06:00: the second window's 02:45+02:00 comes, in real
    // time, between the two passes of 02:00-02:30, and must be offered in its place in the order.
    [InlineData(15, 15, "02:00+02:00 02:15+02:00 02:45+02:00 02:00+01:00 02:15+01:00 02:45+01:00")]
    [InlineData(30, 15, "02:00+02:00 02:15+02:00 02:45+02:00 02:00+01:00 02:45+01:00")]
    public void Windows_around_a_repeated_hour_give_every_slot_in_real_time_order(int minutes, int step, string expected)
    {
        var zone = Zone("Europe/Berlin");
        var weekly = Weekly((IsoDayOfWeek.Sunday, Hours("00:00", "02:30")), (IsoDayOfWeek.Sunday, Hours("02:45", "06:00")));
        var schedule = new OwnerSchedule(zone, new AvailabilityPlan(weekly, [], []), []);
        var type = new MeetingType(Duration.FromMinutes(minutes), step: Duration.FromMinutes(step));

        var slots = schedule.FreeSlotsOn(On("2027-10-31"), type, "t");

        Assert.Equal(slots.OrderBy(s => s.Start), slots);
        var around = slots
            .Select(s => Offset.Format(s.Start.InZone(zone).ToOffsetDateTime()))
            .Where(t => t.StartsWith("02:", StringComparison.Ordinal) && t[3..5] is "00" or "15" or "45")
            .ToList();
        Assert.Equal(expected, string.Join(' ', around));
        foreach (var slot in slots)
        {
            Assert.Equal(Scheduling.Booking.BookingOutcome.Accepted, schedule.Decide(slot, type, "t", Instant.MinValue));
        }
    }

    [Fact]
    public void A_window_across_the_repeated_hour_lasts_an_hour_longer_in_elapsed_time()
    {
        var zone = Zone("Europe/Berlin");
        var window = Hours("00:00", "06:00").On(On("2027-10-31"));

        var interval = Scheduling.Zones.ZoneMapping.ToInterval(window, zone);

        Assert.Equal(Duration.FromHours(7), interval.Duration);
    }

    [Fact]
    public void A_window_starting_in_the_gap_starts_when_the_clocks_resume()
    {
        var zone = Zone("Europe/Berlin");
        var window = Hours("02:30", "04:00").On(On("2027-03-28"));

        var slots = SlotGrid.Cut([window], zone, new SlotShape(Duration.FromMinutes(30), Duration.FromMinutes(30)));

        Assert.Equal(["03:00", "03:30"], Starts(slots, zone));
    }
}
