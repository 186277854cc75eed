using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using NodaTime;
using NodaTime.TimeZones;

namespace Agenda.Api.Calendars.Busy;

/// <summary>
/// A time zone defined by a VTIMEZONE component of the calendar itself (RFC 5545 §3.6.5), for TZIDs that the time zone
/// database does not know, such as the made-up names some programs write. Each STANDARD and DAYLIGHT observance is expanded
/// (DTSTART, RRULE, RDATE) into transitions up to a horizon; before the first transition the first observance's
/// TZOFFSETFROM applies, after the last one its TZOFFSETTO.
/// </summary>
internal sealed class VTimeZoneRules : DateTimeZone
{
    /// <summary>How many transitions one observance may produce; a yearly rule from 1601 to the horizon makes about 450.</summary>
    private const int MaxTransitionsPerObservance = 2_000;

    private readonly Transition[] transitions;
    private readonly Offset initialOffset;

    private VTimeZoneRules(string id, Transition[] transitions, Offset initialOffset, Offset min, Offset max)
        : base(id, transitions.Length == 0, min, max)
    {
        this.transitions = transitions;
        this.initialOffset = initialOffset;
    }

    /// <summary>The zone the component describes, or null when it has no usable observance.</summary>
    public static VTimeZoneRules? TryCreate(VTimeZone component, Instant horizon)
    {
        var horizonLocal = horizon.InUtc().LocalDateTime.PlusYears(1);
        var found = new List<Transition>();
        foreach (var observance in component.TimeZoneInfos)
        {
            if (observance.DtStart is not { } start || observance.OffsetTo is null)
            {
                continue;
            }

            var before = Offset.FromTimeSpan(observance.OffsetFrom?.Offset ?? observance.OffsetTo.Offset);
            var after = Offset.FromTimeSpan(observance.OffsetTo.Offset);
            var daylight = string.Equals(observance.Name, "DAYLIGHT", StringComparison.OrdinalIgnoreCase);
            var name = observance.TimeZoneName ?? component.TzId ?? "";
            var onsets = new SortedSet<LocalDateTime> { FloatingRecurrence.LocalOf(start) };
            var budget = new OccurrenceBudget(int.MaxValue, MaxTransitionsPerObservance * 50);
#pragma warning disable CS0618 // an observance may carry several RRULEs; Ical.Net marks the list obsolete but still fills it.
            foreach (var rule in observance.RecurrenceRules)
            {
                var untilOffset = before;
                foreach (var onset in FloatingRecurrence.Expand(FloatingRecurrence.LocalOf(start), !start.HasTime, rule, until => until.WithOffset(untilOffset).LocalDateTime, null, horizonLocal, budget))
                {
                    onsets.Add(onset);
                    if (onsets.Count > MaxTransitionsPerObservance)
                    {
                        break;
                    }
                }
            }

#pragma warning restore CS0618
            foreach (var period in observance.RecurrenceDates.GetAllPeriods())
            {
                onsets.Add(FloatingRecurrence.LocalOf(period.StartTime));
            }

            foreach (var onset in onsets.Where(o => o <= horizonLocal).Take(MaxTransitionsPerObservance))
            {
                found.Add(new Transition(onset.WithOffset(before).ToInstant(), before, after, daylight ? after - StandardGuess(component, after) : Offset.Zero, name));
            }
        }

        if (found.Count == 0)
        {
            return null;
        }

        var ordered = found.OrderBy(t => t.At).ToArray();
        var offsets = ordered.Select(t => t.After).Append(ordered[0].Before).ToList();
        return new VTimeZoneRules(component.TzId ?? "", ordered, ordered[0].Before, offsets.Min(), offsets.Max());
    }

    public override ZoneInterval GetZoneInterval(Instant instant)
    {
        var index = Array.BinarySearch(transitions, new Transition(instant, Offset.Zero, Offset.Zero, Offset.Zero, ""), TransitionOrder.Instance);
        var current = index >= 0 ? index : ~index - 1;
        if (current < 0)
        {
            return new ZoneInterval(Id, null, transitions.Length == 0 ? null : transitions[0].At, initialOffset, Offset.Zero);
        }

        var transition = transitions[current];
        Instant? end = current + 1 < transitions.Length ? transitions[current + 1].At : null;
        return new ZoneInterval(transition.Name, transition.At, end, transition.After, transition.Savings);
    }

    /// <summary>The standard offset nearest to a daylight offset, so a daylight interval reports its savings; only names depend on it.</summary>
    private static Offset StandardGuess(VTimeZone component, Offset daylight)
    {
        var standard = component.TimeZoneInfos
            .Where(o => string.Equals(o.Name, "STANDARD", StringComparison.OrdinalIgnoreCase) && o.OffsetTo is not null)
            .Select(o => Offset.FromTimeSpan(o.OffsetTo!.Offset))
            .Where(o => o < daylight)
            .DefaultIfEmpty(daylight);
        return standard.Max();
    }

    private sealed record Transition(Instant At, Offset Before, Offset After, Offset Savings, string Name);

    private sealed class TransitionOrder : IComparer<Transition>
    {
        public static readonly TransitionOrder Instance = new();

        public int Compare(Transition? x, Transition? y) => x!.At.CompareTo(y!.At);
    }
}
