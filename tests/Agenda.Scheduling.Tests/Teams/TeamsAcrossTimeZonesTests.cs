using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Teams;
using NodaTime;
using NodaTime.Text;
using static Agenda.Scheduling.Tests.Planning.Build;
using static Agenda.Scheduling.Tests.Teams.Team;

namespace Agenda.Scheduling.Tests.Teams;

/// <summary>
/// A Berlin host and a New York host, both working 09:00-17:00 on weekdays, in March 2027: New York moves its clocks
/// on March 14, Berlin on March 28, so for two weeks they are five hours apart instead of six. The expected UTC
/// starts are written out from the tz rules.
/// </summary>
public sealed class TeamsAcrossTimeZonesTests
{
    private static readonly InstantPattern UtcTime = InstantPattern.CreateWithInvariantCulture("HH':'mm");

    private static readonly CollectiveSlots BerlinAndNewYork =
        new([Host("berlin", "Europe/Berlin", "09:00", "17:00"), Host("newyork", "America/New_York", "09:00", "17:00")]);

    [Theory]
    // Both on winter time: Berlin 08:00-16:00 UTC, New York 14:00-22:00 UTC.
    [InlineData("2027-03-11", "14:00 15:00")]
    // New York on summer time, Berlin not yet: New York 13:00-21:00 UTC, one more shared hour.
    [InlineData("2027-03-18", "13:00 14:00 15:00")]
    // Both on summer time: Berlin 07:00-15:00 UTC, New York 13:00-21:00 UTC.
    [InlineData("2027-04-01", "13:00 14:00")]
    public void Collective_slots_are_the_intersection_of_both_hosts_hours_at_the_right_instants(string date, string expectedUtcStarts)
    {
        var day = Day(date, DateTimeZone.Utc);

        var slots = BerlinAndNewYork.FreeSlots(day, MeetingType.Default, "t", Instant.FromUtc(2027, 3, 1, 0, 0));

        Assert.Equal(expectedUtcStarts, string.Join(' ', slots.Select(s => UtcTime.Format(s.Start))));
    }

    [Fact]
    public void Across_both_changes_every_collective_slot_is_inside_both_hosts_local_hours()
    {
        var march = new Interval(Instant.FromUtc(2027, 3, 8, 0, 0), Instant.FromUtc(2027, 4, 3, 0, 0));

        var slots = BerlinAndNewYork.FreeSlots(march, MeetingType.Default, "t", Instant.FromUtc(2027, 3, 1, 0, 0));

        // 2 shared hours a day in the weeks of Mar 8 and Mar 29, 3 in the two weeks between: 5*2 + 10*3 + 5*2.
        Assert.Equal(50, slots.Count);
        Assert.All(slots, s =>
        {
            Assert.InRange(s.Start.InZone(Zone("Europe/Berlin")).TimeOfDay, At("09:00"), At("16:00"));
            Assert.InRange(s.Start.InZone(Zone("America/New_York")).TimeOfDay, At("09:00"), At("16:00"));
        });
    }
}
