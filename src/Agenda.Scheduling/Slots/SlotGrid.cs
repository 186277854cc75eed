using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Zones;
using NodaTime;

namespace Agenda.Scheduling.Slots;

/// <summary>Cuts availability windows into the slots a calendar offers, before bookings and the clock are considered.</summary>
public static class SlotGrid
{
    /// <summary>
    /// Slots cut from the start of each window, <see cref="SlotShape.Step"/> apart in wall-clock time.
    /// A slot is kept only if it lies wholly inside its window in real time, so a last piece shorter
    /// than the slot length is not offered. Starts that fall in a spring-forward gap are skipped;
    /// starts in a repeated hour give one slot per instant. Sorted by start, without duplicates.
    /// </summary>
    public static IReadOnlyList<Slot> Cut(IReadOnlyList<LocalWindow> windows, DateTimeZone zone, SlotShape shape)
    {
        var slots = new List<Slot>();
        var step = Period.FromTicks(shape.Step.BclCompatibleTicks);
        foreach (var window in windows)
        {
            var bounds = ZoneMapping.ToInterval(window, zone);
            for (var local = window.Start; local < window.End; local = local.Plus(step))
            {
                foreach (var start in ZoneMapping.Candidates(local, zone))
                {
                    var slot = new Slot(start, start + shape.Length);
                    if (slot.LiesWithin(bounds))
                    {
                        slots.Add(slot);
                    }
                }
            }
        }

        // Windows are disjoint, so only a repeated hour can put slots out of order.
        slots.Sort((a, b) => a.Start.CompareTo(b.Start));
        return slots.Distinct().ToList();
    }
}
