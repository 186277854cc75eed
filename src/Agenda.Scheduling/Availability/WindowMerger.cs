namespace Agenda.Scheduling.Availability;

/// <summary>
/// Turns possibly overlapping windows into the disjoint windows they cover together.
/// </summary>
public static class WindowMerger
{
    /// <summary>
    /// Merges windows that overlap or touch (09:00-12:00 and 11:00-14:00 become 09:00-14:00;
    /// 09:00-12:00 and 12:00-13:00 become 09:00-13:00), so that a slot may run across the seam.
    /// The result is sorted by start, and no two of its windows overlap or touch.
    /// </summary>
    public static IReadOnlyList<LocalWindow> MergeOverlapping(IEnumerable<LocalWindow> windows)
    {
        var sorted = windows.OrderBy(w => w.Start).ToList();
        var merged = new List<LocalWindow>(sorted.Count);
        foreach (var window in sorted)
        {
            if (merged.Count > 0 && window.Start <= merged[^1].End)
            {
                var last = merged[^1];
                if (window.End > last.End)
                {
                    merged[^1] = new LocalWindow(last.Start, window.End);
                }

                continue;
            }

            merged.Add(window);
        }

        return merged;
    }
}
