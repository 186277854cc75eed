using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Slots;
using Agenda.Scheduling.Zones;
using NodaTime;
using NodaTime.Testing.TimeZones;

namespace Agenda.Scheduling.Tests.Zones;

/// <summary>
/// Wall-clock times to instants, on synthetic zones with one transition at 2027-03-01T01:00Z: one springs forward
/// from UTC+0 to UTC+1 (local 01:00 to 02:00 does not exist), the other falls back from UTC+1 to UTC+0 (local
/// 01:00 to 02:00 happens twice).
/// </summary>
public sealed class ZoneMappingTests
{
    private static readonly Instant Transition = Instant.FromUtc(2027, 3, 1, 1, 0);
    private static readonly DateTimeZone SpringForward = new SingleTransitionDateTimeZone(Transition, 0, 1);
    private static readonly DateTimeZone FallBack = new SingleTransitionDateTimeZone(Transition, 1, 0);
    private static readonly Duration Hour = Duration.FromHours(1);

    private static LocalDateTime Local(int hour, int minute = 0) => new(2027, 3, 1, hour, minute);

    private static Instant Utc(int hour, int minute = 0) => Instant.FromUtc(2027, 3, 1, hour, minute);

    [Fact]
    public void Candidates_TimeInTheGap_IsEmpty() =>
        Assert.Empty(ZoneMapping.Candidates(Local(1, 30), SpringForward));

    [Fact]
    public void Candidates_TimeInTheRepeatedHour_GivesBothInstantsEarliestFirst() =>
        Assert.Equal([Utc(0, 30), Utc(1, 30)], ZoneMapping.Candidates(Local(1, 30), FallBack));

    [Fact]
    public void Candidates_OrdinaryTime_GivesOneInstant() =>
        Assert.Equal([Utc(2)], ZoneMapping.Candidates(Local(3), SpringForward));

    [Fact]
    public void Candidates_FirstInstantAfterTheGap_Exists() =>
        Assert.Equal([Transition], ZoneMapping.Candidates(Local(2), SpringForward));

    [Fact]
    public void ToInterval_WindowStartingInTheGap_StartsWhenTheClocksResume() =>
        Assert.Equal(new Interval(Transition, Utc(3)), ZoneMapping.ToInterval(new LocalWindow(Local(1, 30), Local(4)), SpringForward));

    [Fact]
    public void ToInterval_WindowEndingInTheGap_EndsWhenTheClocksResume() =>
        Assert.Equal(new Interval(Utc(0), Transition), ZoneMapping.ToInterval(new LocalWindow(Local(0), Local(1, 30)), SpringForward));

    [Fact]
    public void ToInterval_WindowNamingTheRepeatedHour_CoversBothOfItsOccurrences() =>
        Assert.Equal(new Interval(Utc(0), Utc(2)), ZoneMapping.ToInterval(new LocalWindow(Local(1), Local(2)), FallBack));

    [Fact]
    public void ToInterval_WindowEndingAt24BeforeARepeatedMidnight_EndsWhereTheNextDateStarts()
    {
        // Local midnight of 2 March happens twice: at 2027-03-01T23:00Z (UTC+1) and at 2027-03-02T00:00Z (UTC+0).
        var zone = new SingleTransitionDateTimeZone(Instant.FromUtc(2027, 3, 2, 0, 0), 1, 0);
        var lateEvening = new LocalWindow(new LocalDateTime(2027, 3, 1, 22, 0), new LocalDateTime(2027, 3, 2, 0, 0));

        var covered = ZoneMapping.ToInterval(lateEvening, zone);

        Assert.Equal(new Interval(Instant.FromUtc(2027, 3, 1, 21, 0), Instant.FromUtc(2027, 3, 1, 23, 0)), covered);
        Assert.Equal(covered.End, new LocalDate(2027, 3, 2).AtStartOfDayInZone(zone).ToInstant());
    }

    [Fact]
    public void SlotBetween_OrdinaryTimes_IsTheSlotBetweenTheirInstants() =>
        Assert.Equal(new Slot(Utc(2), Utc(3)), ZoneMapping.SlotBetween(Local(3), Local(4), SpringForward, Hour));

    [Fact]
    public void SlotBetween_StartInTheGap_IsNone() =>
        Assert.Null(ZoneMapping.SlotBetween(Local(1, 30), Local(3), SpringForward, Hour));

    [Fact]
    public void SlotBetween_AcrossTheGap_LastsTheElapsedTime() =>
        Assert.Equal(new Slot(Utc(0), Utc(2)), ZoneMapping.SlotBetween(Local(0), Local(3), SpringForward, Hour));

    [Fact]
    public void SlotBetween_RepeatedStart_TakesTheReadingThatLastsTheLength() =>
        Assert.Equal(new Slot(Utc(1, 30), Utc(2, 30)), ZoneMapping.SlotBetween(Local(1, 30), Local(2, 30), FallBack, Hour));

    [Fact]
    public void SlotBetween_SameRepeatedTimeTwice_IsTheHourBetweenItsTwoOccurrences() =>
        Assert.Equal(new Slot(Utc(0, 30), Utc(1, 30)), ZoneMapping.SlotBetween(Local(1, 30), Local(1, 30), FallBack, Hour));

    [Fact]
    public void SlotBetween_NoReadingLastsTheLength_TakesTheEarliestStartAndFirstEndAfterIt() =>
        Assert.Equal(new Slot(Utc(0), Utc(0, 30)), ZoneMapping.SlotBetween(Local(1), Local(1, 30), FallBack, Duration.FromMinutes(45)));

    [Fact]
    public void SlotBetween_EndBeforeStart_IsNone() =>
        Assert.Null(ZoneMapping.SlotBetween(Local(4), Local(3), SpringForward, Hour));
}
