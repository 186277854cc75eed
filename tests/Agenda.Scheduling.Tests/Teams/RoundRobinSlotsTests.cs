using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Scheduling.Teams;
using NodaTime;
using static Agenda.Scheduling.Tests.Planning.Build;
using static Agenda.Scheduling.Tests.Teams.Team;

namespace Agenda.Scheduling.Tests.Teams;

/// <summary>Round-robin teams on fixed examples: a slot needs one free rotating host and every fixed host.</summary>
public sealed class RoundRobinSlotsTests
{
    private static readonly DateTimeZone Berlin = Zone("Europe/Berlin");
    private static readonly MeetingType Hour = MeetingType.Default;
    private static readonly Interval Wednesday = Day("2027-06-09", Berlin);
    private static readonly Instant Now = LocalInstant("2027-06-07", "08:00", Berlin);
    private static readonly Dictionary<string, HostHistory> NoHistory = [];

    private static Slot At(string time) => Hour.SlotAt(LocalInstant("2027-06-09", time, Berlin));

    private static ExistingBooking BookedAt(string time) => ExistingBooking.Plain(new Interval(At(time).Start, At(time).End));

    [Fact]
    public void A_slot_is_offered_when_any_rotating_host_is_free()
    {
        var team = new RoundRobinSlots([Host("ana", "Europe/Berlin", "09:00", "11:00"), Host("ben", "Europe/Berlin", "10:00", "13:00")], RoundRobinAssignment.Default);

        Assert.Equal(["09:00", "10:00", "11:00", "12:00"], Starts(team.FreeSlots(Wednesday, Hour, "t", Now), Berlin));
    }

    [Fact]
    public void The_booking_goes_to_a_host_who_is_free_even_when_another_is_further_below_their_share()
    {
        var ana = Host("ana", "Europe/Berlin", "09:00", "13:00", [BookedAt("10:00")]);
        var team = new RoundRobinSlots([ana, Host("ben", "Europe/Berlin", "09:00", "13:00")], RoundRobinAssignment.Default);
        var history = new Dictionary<string, HostHistory> { ["ben"] = new(Instant.MinValue, [Now - Duration.FromHours(1), Now - Duration.FromHours(2)]) };

        Assert.Equal(["ben"], team.Decide(At("10:00"), Hour, "t", Now, history, new Random(1)).HostIds);
        Assert.Equal(["ana"], team.Decide(At("11:00"), Hour, "t", Now, history, new Random(1)).HostIds);
    }

    [Fact]
    public void A_host_whose_own_weekly_limit_is_reached_is_passed_over_and_when_every_host_is_the_slot_names_the_limit()
    {
        // Ana is due (Ben had two bookings lately), but her week across her own types is full: one booking on Monday.
        var monday = ExistingBooking.Plain(new Interval(LocalInstant("2027-06-07", "09:00", Berlin), LocalInstant("2027-06-07", "10:00", Berlin)), "own");
        var ana = Host("ana", "Europe/Berlin", "09:00", "13:00", [monday]);
        var limited = new TeamMember(ana.OwnerId, ana.Schedule with { Limits = new BookingLimits(perWeek: 1) });
        var ben = Host("ben", "Europe/Berlin", "09:00", "13:00");
        var history = new Dictionary<string, HostHistory> { ["ben"] = new(Instant.MinValue, [Now - Duration.FromHours(1), Now - Duration.FromHours(2)]) };

        Assert.Equal(["ben"], new RoundRobinSlots([limited, ben], RoundRobinAssignment.Default).Decide(At("10:00"), Hour, "t", Now, history, new Random(1)).HostIds);
        var alone = new RoundRobinSlots([limited], RoundRobinAssignment.Default);
        Assert.Equal(BookingOutcome.LimitReached, alone.Decide(At("10:00"), Hour, "t", Now, history, new Random(1)).Outcome);
        Assert.Empty(alone.FreeSlots(Wednesday, Hour, "t", Now));
    }

    [Fact]
    public void Fixed_hosts_join_every_booking_and_must_be_free()
    {
        var lead = Host("lead", "Europe/Berlin", "09:00", "13:00", [BookedAt("11:00")], isFixed: true);
        var team = new RoundRobinSlots([Host("ana", "Europe/Berlin", "09:00", "13:00"), lead], RoundRobinAssignment.Default);

        Assert.Equal(["09:00", "10:00", "12:00"], Starts(team.FreeSlots(Wednesday, Hour, "t", Now), Berlin));
        Assert.Equal(["lead", "ana"], team.Decide(At("09:00"), Hour, "t", Now, NoHistory, new Random(1)).HostIds);
        Assert.Equal(BookingOutcome.Taken, team.Decide(At("11:00"), Hour, "t", Now, NoHistory, new Random(1)).Outcome);
    }

    [Fact]
    public void When_no_host_is_free_the_slot_is_taken()
    {
        var team = new RoundRobinSlots(
            [Host("ana", "Europe/Berlin", "09:00", "13:00", [BookedAt("10:00")]), Host("ben", "Europe/Berlin", "10:00", "13:00", [BookedAt("10:00")]), Host("cay", "Europe/Berlin", "12:00", "13:00")],
            RoundRobinAssignment.Default);

        var outcome = team.Decide(At("10:00"), Hour, "t", Now, NoHistory, new Random(1));

        Assert.Equal(BookingOutcome.Taken, outcome.Outcome);
        Assert.Empty(outcome.HostIds);
    }

    [Fact]
    public void A_slot_nobody_works_is_outside_availability()
    {
        var team = new RoundRobinSlots([Host("ana", "Europe/Berlin", "09:00", "13:00"), Host("ben", "Europe/Berlin", "10:00", "13:00")], RoundRobinAssignment.Default);

        Assert.Equal(BookingOutcome.OutsideAvailability, team.Decide(At("15:00"), Hour, "t", Now, NoHistory, new Random(1)).Outcome);
    }

    [Fact]
    public void A_host_out_of_office_is_not_offered_nor_assigned()
    {
        var away = new Interval(At("09:00").Start, At("11:00").Start);
        var team = new RoundRobinSlots([Host("ana", "Europe/Berlin", "09:00", "13:00", outOfOffice: [away]), Host("ben", "Europe/Berlin", "10:00", "13:00")], RoundRobinAssignment.Default);

        Assert.Equal(["10:00", "11:00", "12:00"], Starts(team.FreeSlots(Wednesday, Hour, "t", Now), Berlin));
        Assert.Equal(["ben"], team.Decide(At("10:00"), Hour, "t", Now, NoHistory, new Random(1)).HostIds);
    }

    [Fact]
    public void A_team_of_fixed_hosts_only_is_not_a_round_robin() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RoundRobinSlots([Host("lead", "UTC", "09:00", "12:00", isFixed: true)], RoundRobinAssignment.Default));
}
