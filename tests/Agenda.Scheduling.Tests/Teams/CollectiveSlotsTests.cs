using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Scheduling.Teams;
using NodaTime;
using static Agenda.Scheduling.Tests.Planning.Build;
using static Agenda.Scheduling.Tests.Teams.Team;

namespace Agenda.Scheduling.Tests.Teams;

/// <summary>Collective teams on fixed examples: the offer is where every required host is free, and Decide names the hosts.</summary>
public sealed class CollectiveSlotsTests
{
    private static readonly DateTimeZone Berlin = Zone("Europe/Berlin");
    private static readonly MeetingType Hour = MeetingType.Default;

    // Wednesday 2027-06-09; "now" is the Monday before, so nothing is in the past.
    private static readonly Interval Wednesday = Day("2027-06-09", Berlin);
    private static readonly Instant Now = LocalInstant("2027-06-07", "08:00", Berlin);

    private static Slot At(string time) => Hour.SlotAt(LocalInstant("2027-06-09", time, Berlin));

    [Fact]
    public void Slots_are_where_every_host_is_free()
    {
        var team = new CollectiveSlots([Host("ana", "Europe/Berlin", "09:00", "13:00"), Host("ben", "Europe/Berlin", "11:00", "17:00")]);

        Assert.Equal(["11:00", "12:00"], Starts(team.FreeSlots(Wednesday, Hour, "t", Now), Berlin));
    }

    [Fact]
    public void A_booking_of_one_host_removes_the_slot_for_the_team()
    {
        var ana = Host("ana", "Europe/Berlin", "09:00", "13:00", [ExistingBooking.Plain(new Interval(At("11:00").Start, At("11:00").End))]);
        var team = new CollectiveSlots([ana, Host("ben", "Europe/Berlin", "11:00", "17:00")]);

        Assert.Equal(["12:00"], Starts(team.FreeSlots(Wednesday, Hour, "t", Now), Berlin));
        Assert.Equal(BookingOutcome.Taken, team.Decide(At("11:00"), Hour, "t", Now).Outcome);
    }

    [Fact]
    public void An_accepted_collective_booking_takes_every_host_in_team_order()
    {
        var team = new CollectiveSlots([Host("ana", "Europe/Berlin", "09:00", "13:00"), Host("ben", "Europe/Berlin", "11:00", "17:00")]);

        var outcome = team.Decide(At("12:00"), Hour, "t", Now);

        Assert.True(outcome.IsAccepted);
        Assert.Equal(["ana", "ben"], outcome.HostIds);
    }

    [Theory]
    [InlineData("10:00", BookingOutcome.OutsideAvailability)] // ben starts at 11:00
    [InlineData("11:30", BookingOutcome.NotOnSlotGrid)] // inside both hosts' hours, between hourly starts
    public void A_refusal_is_the_first_refusing_hosts_reason(string time, BookingOutcome expected)
    {
        var team = new CollectiveSlots([Host("ana", "Europe/Berlin", "09:00", "13:00"), Host("ben", "Europe/Berlin", "11:00", "17:00")]);

        var start = LocalInstant("2027-06-09", time, Berlin);
        var outcome = team.Decide(new Slot(start, start + Duration.FromHours(1)), Hour, "t", Now);

        Assert.Equal(expected, outcome.Outcome);
        Assert.Empty(outcome.HostIds);
    }

    [Fact]
    public void A_slot_before_now_is_in_the_past_for_the_team()
    {
        var team = new CollectiveSlots([Host("ana", "Europe/Berlin", "09:00", "13:00"), Host("ben", "Europe/Berlin", "11:00", "17:00")]);

        Assert.Equal(BookingOutcome.InThePast, team.Decide(At("11:00"), Hour, "t", LocalInstant("2027-06-09", "11:30", Berlin)).Outcome);
    }

    [Fact]
    public void The_offer_does_not_depend_on_the_order_of_the_hosts()
    {
        var ana = Host("ana", "Europe/Berlin", "09:00", "13:00");
        var ben = Host("ben", "America/New_York", "05:00", "12:00");

        Assert.Equal(
            new CollectiveSlots([ana, ben]).FreeSlots(Wednesday, Hour, "t", Now),
            new CollectiveSlots([ben, ana]).FreeSlots(Wednesday, Hour, "t", Now));
    }

    [Fact]
    public void Hosts_off_each_others_grid_share_no_slot_until_the_step_lines_them_up()
    {
        var team = new CollectiveSlots([Host("ana", "Europe/Berlin", "09:00", "13:00"), Host("ben", "Europe/Berlin", "09:30", "13:00")]);
        var halfHourSteps = new MeetingType(Duration.FromHours(1), step: Duration.FromMinutes(30));

        Assert.Empty(team.FreeSlots(Wednesday, Hour, "t", Now));
        Assert.Equal(["09:30", "10:00", "10:30", "11:00", "11:30", "12:00"], Starts(team.FreeSlots(Wednesday, halfHourSteps, "t", Now), Berlin));
    }

    [Fact]
    public void A_host_out_of_office_removes_the_slot_and_refuses_it_as_outside_availability()
    {
        var away = new Interval(At("11:00").Start, At("12:00").Start);
        var team = new CollectiveSlots([Host("ana", "Europe/Berlin", "09:00", "13:00"), Host("ben", "Europe/Berlin", "11:00", "17:00", outOfOffice: [away])]);

        Assert.Equal(["12:00"], Starts(team.FreeSlots(Wednesday, Hour, "t", Now), Berlin));
        Assert.Equal(BookingOutcome.OutsideAvailability, team.Decide(At("11:00"), Hour, "t", Now).Outcome);
    }

    [Fact]
    public void With_at_least_n_hosts_a_slot_is_offered_when_enough_are_free()
    {
        var booked = ExistingBooking.Plain(new Interval(At("10:00").Start, At("10:00").End));
        var team = new CollectiveSlots(
            [Host("ana", "Europe/Berlin", "09:00", "12:00", [booked]), Host("ben", "Europe/Berlin", "09:00", "12:00", [booked]), Host("cay", "Europe/Berlin", "09:00", "12:00")],
            hostsPerBooking: 2);

        Assert.Equal(["09:00", "11:00"], Starts(team.FreeSlots(Wednesday, Hour, "t", Now), Berlin));
        Assert.Equal(BookingOutcome.Taken, team.Decide(At("10:00"), Hour, "t", Now).Outcome);
    }

    [Fact]
    public void With_at_least_n_hosts_the_hosts_are_chosen_by_priority_then_least_recently_assigned()
    {
        var team = new CollectiveSlots(
            [Host("ana", "Europe/Berlin", "09:00", "12:00"), Host("ben", "Europe/Berlin", "09:00", "12:00", priority: 1), Host("cay", "Europe/Berlin", "09:00", "12:00"), Host("dan", "Europe/Berlin", "09:00", "12:00")],
            hostsPerBooking: 3);
        var history = new Dictionary<string, HostHistory>
        {
            ["ana"] = new(Instant.MinValue, [Now - Duration.FromDays(1)]),
            ["cay"] = new(Instant.MinValue, [Now - Duration.FromDays(3)]),
            ["dan"] = new(Instant.MinValue, [Now - Duration.FromDays(2)]),
        };

        var outcome = team.Decide(At("10:00"), Hour, "t", Now, history);

        Assert.Equal(["ben", "cay", "dan"], outcome.HostIds);
    }

    [Fact]
    public void With_at_least_n_hosts_the_fixed_hosts_always_join()
    {
        var booked = ExistingBooking.Plain(new Interval(At("10:00").Start, At("10:00").End));
        var team = new CollectiveSlots(
            [Host("ana", "Europe/Berlin", "09:00", "12:00", priority: 5), Host("lead", "Europe/Berlin", "09:00", "12:00", [booked], isFixed: true), Host("cay", "Europe/Berlin", "09:00", "12:00")],
            hostsPerBooking: 2);

        Assert.Equal(["09:00", "11:00"], Starts(team.FreeSlots(Wednesday, Hour, "t", Now), Berlin));
        Assert.Equal(["lead", "ana"], team.Decide(At("09:00"), Hour, "t", Now).HostIds);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void A_team_cannot_ask_for_fewer_hosts_than_one_or_more_than_it_has(int hostsPerBooking) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CollectiveSlots(
            [Host("ana", "UTC", "09:00", "12:00"), Host("ben", "UTC", "09:00", "12:00"), Host("cay", "UTC", "09:00", "12:00")], hostsPerBooking));

    [Fact]
    public void A_host_cannot_be_listed_twice() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CollectiveSlots([Host("ana", "UTC", "09:00", "12:00"), Host("ana", "UTC", "10:00", "12:00")]));
}
