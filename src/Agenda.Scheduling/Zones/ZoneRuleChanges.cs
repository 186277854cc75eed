using NodaTime;

namespace Agenda.Scheduling.Zones;

/// <summary>What a change of time-zone rules changes: which zones' clocks differ, and whether a meeting's local time moved.</summary>
public static class ZoneRuleChanges
{
    /// <summary>
    /// The ids of the zones whose offsets differ anywhere in <paramref name="within"/> between <paramref name="before"/> and
    /// <paramref name="after"/>, or that only one of them knows.
    /// </summary>
    public static IReadOnlySet<string> ZonesThatDiffer(IDateTimeZoneProvider before, IDateTimeZoneProvider after, Interval within)
    {
        var differ = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in before.Ids.Union(after.Ids, StringComparer.Ordinal))
        {
            var old = before.GetZoneOrNull(id);
            var @new = after.GetZoneOrNull(id);
            if (old is null || @new is null || !SameOffsets(old, @new, within))
            {
                differ.Add(id);
            }
        }

        return differ;
    }

    /// <summary>
    /// The wall-clock start of a meeting at <paramref name="start"/> under each zone; null when it is the same. The
    /// instant is what was agreed with the invitee and stays; what moves is the time the owner's clock shows.
    /// </summary>
    public static (LocalDateTime Before, LocalDateTime After)? LocalTimeMoved(Instant start, DateTimeZone before, DateTimeZone after)
    {
        var was = start.InZone(before).LocalDateTime;
        var now = start.InZone(after).LocalDateTime;
        return was == now ? null : (was, now);
    }

    private static bool SameOffsets(DateTimeZone old, DateTimeZone @new, Interval within)
    {
        // Two zones agree on an interval when their offsets agree at its start and at every transition either has in it.
        var instants = old.GetZoneIntervals(within).Select(z => z.HasStart ? z.Start : within.Start)
            .Concat(@new.GetZoneIntervals(within).Select(z => z.HasStart ? z.Start : within.Start))
            .Append(within.Start)
            .Where(i => i >= within.Start && i < within.End);
        return instants.All(i => old.GetUtcOffset(i) == @new.GetUtcOffset(i));
    }
}
