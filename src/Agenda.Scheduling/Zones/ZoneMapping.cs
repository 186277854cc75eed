using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Slots;
using NodaTime;
using NodaTime.TimeZones;

namespace Agenda.Scheduling.Zones;

/// <summary>
/// The one place where wall-clock times become instants. Daylight-saving bugs hide in this step,
/// so every rule for gaps (spring forward) and overlaps (fall back) is stated here.
/// </summary>
public static class ZoneMapping
{
    private static readonly ZoneLocalMappingResolver WindowStart =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    private static readonly ZoneLocalMappingResolver WindowEnd =
        Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnStartOfIntervalAfter);

    /// <summary>
    /// Every instant at which the zone's clocks show <paramref name="local"/>, earliest first:
    /// none in a spring-forward gap, two in the repeated hour of a fall-back, one otherwise.
    /// Slot starts use this, so a start that does not exist is never offered and a repeated
    /// start is offered once for each instant.
    /// </summary>
    public static IReadOnlyList<Instant> Candidates(LocalDateTime local, DateTimeZone zone)
    {
        var mapping = zone.MapLocal(local);
        return mapping.Count switch
        {
            0 => [],
            1 => [mapping.Single().ToInstant()],
            _ => [mapping.First().ToInstant(), mapping.Last().ToInstant()],
        };
    }

    /// <summary>
    /// The slot that a client names by two wall-clock times, as the documented API does, or null when there is none:
    /// when the zone skips <paramref name="start"/> (spring forward), or when no instant of <paramref name="end"/>
    /// comes after it. When a time occurs twice (fall back), the wall-clock form cannot say which occurrence is meant:
    /// the pair means the slot lasting <paramref name="length"/> if one of its readings does (so New York's
    /// 01:00-01:00 on a fall-back night is 01:00 EDT to 01:00 EST, and 01:00-02:00 is 01:00 EST to 02:00 EST, each
    /// one hour, as a one-hour search shows them); otherwise the earliest start and the first end after it.
    /// </summary>
    public static Slot? SlotBetween(LocalDateTime start, LocalDateTime end, DateTimeZone zone, Duration length)
    {
        var readings = Candidates(start, zone)
            .SelectMany(from => Candidates(end, zone).Where(to => to > from).Select(to => new Slot(from, to)))
            .ToList();
        return readings.Where(s => s.End - s.Start == length).Select(s => (Slot?)s).FirstOrDefault()
            ?? readings.Select(s => (Slot?)s).FirstOrDefault();
    }

    /// <summary>
    /// The zone's offset throughout <paramref name="instants"/> when its clocks do not change anywhere in it, or null.
    /// Inside such a stretch every wall-clock time maps to exactly one instant by that offset: a time skipped or repeated
    /// by a change next to it maps outside the stretch.
    /// </summary>
    public static Offset? SingleOffset(Interval instants, DateTimeZone zone)
    {
        var interval = zone.GetZoneInterval(instants.Start);
        return !interval.HasEnd || instants.End <= interval.End ? interval.WallOffset : null;
    }

    /// <summary>
    /// The instants a local window covers. A bound in a gap maps to the first instant after the gap;
    /// an ambiguous start maps to its earlier instant and an ambiguous end to its later one, so a
    /// window covers the whole of a repeated hour that it names. An end at midnight (a range ending at 24:00)
    /// is where the next date starts, even when midnight is repeated (Havana, Santiago): the repeated hour then
    /// belongs to the next date, whose window starts at that same instant, so availability through midnight is one
    /// unbroken stretch of instants (<see cref="AvailabilityPlan.WindowsOn"/>).
    /// </summary>
    public static Interval ToInterval(LocalWindow window, DateTimeZone zone)
    {
        var start = zone.ResolveLocal(window.Start, WindowStart).ToInstant();
        var end = window.End.TimeOfDay == LocalTime.Midnight
            ? window.End.Date.AtStartOfDayInZone(zone).ToInstant()
            : zone.ResolveLocal(window.End, WindowEnd).ToInstant();
        return new Interval(start, end);
    }
}
