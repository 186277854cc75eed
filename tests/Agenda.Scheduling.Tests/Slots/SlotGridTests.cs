using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Slots;
using NodaTime;
using NodaTime.Testing.TimeZones;

namespace Agenda.Scheduling.Tests.Slots;

public sealed class SlotGridTests
{
    private static readonly LocalDate Day = new(2027, 3, 1);
    private static readonly DateTimeZone Utc = DateTimeZone.Utc;

    private static LocalWindow Window(int fromHour, int toHour, int fromMinute = 0, int toMinute = 0) =>
        new(Day.At(new LocalTime(fromHour, fromMinute)), Day.At(new LocalTime(toHour, toMinute)));

    private static SlotShape Shape(int lengthMinutes, int stepMinutes) => new(Duration.FromMinutes(lengthMinutes), Duration.FromMinutes(stepMinutes));

    private static IReadOnlyList<string> Starts(IEnumerable<Slot> slots, DateTimeZone zone) =>
        slots.Select(s => s.Start.InZone(zone).ToString("HH:mm", null)).ToList();

    [Fact]
    public void Cut_WindowOfWholeSlots_CutsFromItsStart() =>
        Assert.Equal(["09:00", "10:00", "11:00"], Starts(SlotGrid.Cut([Window(9, 12)], Utc, SlotShape.OneHour), Utc));

    [Fact]
    public void Cut_ShortLastPiece_IsDropped() =>
        Assert.Equal(["09:00", "10:00"], Starts(SlotGrid.Cut([Window(9, 11, toMinute: 59)], Utc, SlotShape.OneHour), Utc));

    [Fact]
    public void Cut_WindowShorterThanASlot_GivesNothing() =>
        Assert.Empty(SlotGrid.Cut([Window(9, 9, toMinute: 59)], Utc, SlotShape.OneHour));

    [Fact]
    public void Cut_StepShorterThanLength_GivesOverlappingSlotsSortedByStart() =>
        Assert.Equal(["09:00", "09:15", "09:30", "09:45", "10:00"], Starts(SlotGrid.Cut([Window(9, 11)], Utc, Shape(60, 15)), Utc));

    [Fact]
    public void Cut_StepLongerThanLength_LeavesGaps() =>
        Assert.Equal(["09:00", "09:45", "10:30"], Starts(SlotGrid.Cut([Window(9, 11)], Utc, Shape(30, 45)), Utc));

    [Fact]
    public void Cut_EachWindow_HasItsOwnGrid() =>
        Assert.Equal(["09:00", "13:30"], Starts(SlotGrid.Cut([Window(9, 10), Window(13, 14, fromMinute: 30, toMinute: 30)], Utc, SlotShape.OneHour), Utc));

    [Fact]
    public void Cut_StartsInASpringForwardGap_AreSkipped()
    {
        // Local 01:00 to 02:00 does not exist.
        var zone = new SingleTransitionDateTimeZone(Instant.FromUtc(2027, 3, 1, 1, 0), 0, 1);

        Assert.Equal(["00:00", "00:30", "02:00", "02:30"], Starts(SlotGrid.Cut([Window(0, 3)], zone, Shape(30, 30)), zone));
    }

    [Fact]
    public void Cut_StartsInARepeatedHour_AreOfferedOncePerInstant()
    {
        // Local 01:00 to 02:00 happens twice.
        var zone = new SingleTransitionDateTimeZone(Instant.FromUtc(2027, 3, 1, 1, 0), 1, 0);

        var slots = SlotGrid.Cut([Window(1, 2)], zone, Shape(30, 30));

        Assert.Equal(
            [Instant.FromUtc(2027, 3, 1, 0, 0), Instant.FromUtc(2027, 3, 1, 0, 30), Instant.FromUtc(2027, 3, 1, 1, 0), Instant.FromUtc(2027, 3, 1, 1, 30)],
            slots.Select(s => s.Start));
    }
}
