using NodaTime;

namespace Agenda.Scheduling.Slots;

/// <summary>Time that is already taken, such as booked meetings, and the slots it leaves free.</summary>
public static class BusyTime
{
    /// <summary>
    /// The slots that overlap none of <paramref name="busy"/>. A slot that merely touches a busy
    /// interval (ends when a meeting starts) stays free. <paramref name="slots"/> must be sorted by start
    /// (as <see cref="SlotGrid.Cut"/> returns them); the order is kept.
    /// </summary>
    public static IReadOnlyList<Slot> FreeOf(IReadOnlyList<Slot> slots, IEnumerable<Interval> busy)
    {
        var merged = Merge(busy);
        var free = new List<Slot>(slots.Count);
        var next = 0;
        foreach (var slot in slots)
        {
            // Busy intervals that end before this slot starts end before every later slot starts too.
            while (next < merged.Count && merged[next].End <= slot.Start)
            {
                next++;
            }

            if (next == merged.Count || !slot.Overlaps(merged[next]))
            {
                free.Add(slot);
            }
        }

        return free;
    }

    private static List<Interval> Merge(IEnumerable<Interval> busy)
    {
        var merged = new List<Interval>();
        foreach (var interval in busy.OrderBy(i => i.Start))
        {
            if (merged.Count > 0 && interval.Start <= merged[^1].End)
            {
                var last = merged[^1];
                merged[^1] = new Interval(last.Start, Instant.Max(last.End, interval.End));
                continue;
            }

            merged.Add(interval);
        }

        return merged;
    }
}
