using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Zones;
using NodaTime;

namespace Agenda.Scheduling.Slots;

/// <summary>Cuts availability windows into the slots a calendar offers, before bookings and the clock are considered.</summary>
public static class SlotGrid
{
    /// <summary>
    /// Slots cut from the start of each window, <see cref="SlotShape.Step"/> apart in wall-clock time, starting before
    /// the window's <see cref="LocalWindow.StartsBefore"/>.
    /// A slot is kept only if it lies wholly inside its window in real time, so a last piece shorter
    /// than the slot length is not offered. Starts that fall in a spring-forward gap are skipped;
    /// starts in a repeated hour give one slot per instant. Sorted by start, without duplicates.
    /// When slots are meant not to overlap (step at least the length), a clock change can bring two grid
    /// starts closer than a slot length in real time (a two-hour slot at 01:00 before a spring-forward gap
    /// and the next at 03:00 after it); the later of the two is then not offered.
    /// </summary>
    public static IReadOnlyList<Slot> Cut(IReadOnlyList<LocalWindow> windows, DateTimeZone zone, SlotShape shape)
    {
        var candidates = new List<Slot>(EstimateCount(windows, shape));
        var step = Period.FromTicks(shape.Step.BclCompatibleTicks);
        foreach (var window in windows)
        {
            var bounds = ZoneMapping.ToInterval(window, zone);
            if (ZoneMapping.SingleOffset(bounds, zone) is { } offset)
            {
                // No clock change inside the window: wall-clock steps are real-time steps, and every start maps by the
                // one offset, so the grid is walked in instants without the zone's lookups or local-time arithmetic.
                var startsBefore = window.StartsBefore.WithOffset(offset).ToInstant();
                for (var start = window.Start.WithOffset(offset).ToInstant(); start < startsBefore; start += shape.Step)
                {
                    var slot = new Slot(start, start + shape.Length);
                    if (slot.LiesWithin(bounds))
                    {
                        candidates.Add(slot);
                    }
                }

                continue;
            }

            for (var local = window.Start; local < window.StartsBefore; local = local.Plus(step))
            {
                foreach (var start in ZoneMapping.Candidates(local, zone))
                {
                    var slot = new Slot(start, start + shape.Length);
                    if (slot.LiesWithin(bounds))
                    {
                        candidates.Add(slot);
                    }
                }
            }
        }

        // Windows are ordered by wall-clock time, but across a fall-back a later window can start (in real time)
        // before an earlier one ends: order all starts in real time before deciding which slots overlap.
        if (!IsSortedByStart(candidates))
        {
            candidates.Sort((a, b) => a.Start.CompareTo(b.Start));
        }

        if (shape.Step < shape.Length || !AnyOverlap(candidates))
        {
            return candidates;
        }

        var slots = new List<Slot>(candidates.Count);
        foreach (var slot in candidates)
        {
            if (slots.Count == 0 || slots[^1].End <= slot.Start)
            {
                slots.Add(slot);
            }
        }

        return slots;
    }

    private static bool IsSortedByStart(List<Slot> slots)
    {
        for (var i = 1; i < slots.Count; i++)
        {
            if (slots[i].Start < slots[i - 1].Start)
            {
                return false;
            }
        }

        return true;
    }

    private static bool AnyOverlap(List<Slot> sorted)
    {
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].Start < sorted[i - 1].End)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>About how many starts the windows hold (a clock change may add or remove an hour's worth), to size the list once.</summary>
    private static int EstimateCount(IReadOnlyList<LocalWindow> windows, SlotShape shape)
    {
        var count = 0L;
        foreach (var window in windows)
        {
            count += (long)(Period.Between(window.Start, window.End, PeriodUnits.Minutes).Minutes / shape.Step.TotalMinutes) + 1;
        }

        return (int)Math.Min(count, 4096);
    }
}
