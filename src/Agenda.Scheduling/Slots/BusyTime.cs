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
    public static IReadOnlyList<Slot> FreeOf(IReadOnlyList<Slot> slots, IEnumerable<Interval> busy) =>
        FreeOf(slots, Merge(busy), slot => new Interval(slot.Start, slot.End));

    /// <summary>
    /// The slots whose <paramref name="blocks"/> (the slot, or the slot with its buffers) overlap none of
    /// <paramref name="merged"/>, which must be sorted and disjoint as <see cref="Merge"/> returns it. Slots must be
    /// sorted by start, and <paramref name="blocks"/> must keep that order (buffers are the same for every slot).
    /// Only the busy intervals near the slots are looked at: the first is found by binary search, the rest in one sweep.
    /// </summary>
    public static IReadOnlyList<Slot> FreeOf(IReadOnlyList<Slot> slots, IReadOnlyList<Interval> merged, Func<Slot, Interval> blocks)
    {
        if (slots.Count == 0)
        {
            return [];
        }

        var free = new List<Slot>(slots.Count);
        var next = FirstEndingAfter(merged, blocks(slots[0]).Start);
        foreach (var slot in slots)
        {
            var blocked = blocks(slot);

            // Busy intervals that end before this slot's blocked time starts end before every later slot's too.
            while (next < merged.Count && merged[next].End <= blocked.Start)
            {
                next++;
            }

            if (next == merged.Count || !(merged[next].Start < blocked.End))
            {
                free.Add(slot);
            }
        }

        return free;
    }

    /// <summary>Whether <paramref name="interval"/> overlaps any of <paramref name="merged"/> (sorted and disjoint); touching is not overlapping.</summary>
    public static bool Overlaps(IReadOnlyList<Interval> merged, Interval interval)
    {
        var at = FirstEndingAfter(merged, interval.Start);
        return at < merged.Count && merged[at].Start < interval.End;
    }

    /// <summary>The union of <paramref name="busy"/> as disjoint intervals sorted by start; intervals that overlap or touch are joined.</summary>
    public static IReadOnlyList<Interval> Merge(IEnumerable<Interval> busy)
    {
        var sorted = busy.ToArray();
        if (!IsSortedByStart(sorted))
        {
            // Storage reads bookings in order of their blocked start, so this is rarely needed.
            Array.Sort(sorted, (a, b) => a.Start.CompareTo(b.Start));
        }

        var merged = new List<Interval>(sorted.Length);
        foreach (var interval in sorted)
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

    private static bool IsSortedByStart(Interval[] intervals)
    {
        for (var i = 1; i < intervals.Length; i++)
        {
            if (intervals[i].Start < intervals[i - 1].Start)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The index of the first interval of <paramref name="merged"/> that ends after <paramref name="instant"/> (its count if none).</summary>
    private static int FirstEndingAfter(IReadOnlyList<Interval> merged, Instant instant)
    {
        // Disjoint and sorted by start, so sorted by end too.
        int low = 0, high = merged.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (merged[middle].End <= instant)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
