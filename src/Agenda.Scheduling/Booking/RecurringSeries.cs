using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Scheduling.Zones;
using NodaTime;

namespace Agenda.Scheduling.Booking;

/// <summary>
/// How often a series of bookings repeats: every <see cref="IntervalWeeks"/> weeks, <see cref="Count"/> meetings in all
/// (the first included). A series repeats at least twice and at most <see cref="MaxCount"/> times, at most every
/// <see cref="MaxIntervalWeeks"/> weeks; the constructor refuses anything else.
/// </summary>
public sealed record SeriesRule
{
    public const int MaxCount = 52;

    public const int MaxIntervalWeeks = 12;

    public SeriesRule(int intervalWeeks, int count)
    {
        IntervalWeeks = intervalWeeks is >= 1 and <= MaxIntervalWeeks
            ? intervalWeeks
            : throw new ArgumentOutOfRangeException(nameof(intervalWeeks), intervalWeeks, $"A series repeats every 1 to {MaxIntervalWeeks} weeks.");
        Count = count is >= 2 and <= MaxCount
            ? count
            : throw new ArgumentOutOfRangeException(nameof(count), count, $"A series has 2 to {MaxCount} meetings.");
    }

    public int IntervalWeeks { get; }

    public int Count { get; }
}

/// <summary>
/// One meeting of a series: its position (0 for the first), the owner's wall-clock time it starts at, and its slot, or
/// null when that wall-clock time does not exist on its date (the clocks skip it, as at 02:30 on a spring-forward
/// night in Berlin); such a series cannot be booked as asked, and the answer names that meeting.
/// </summary>
public sealed record SeriesOccurrence(int Index, LocalDateTime LocalStart, Slot? Slot);

/// <summary>
/// A meeting of a series that cannot be booked (or moved) as asked, and why: the engine's reason for its slot, or
/// <see cref="BookingOutcome.OutsideAvailability"/> when its wall-clock time does not exist on its date.
/// </summary>
public sealed record SeriesRefusal(SeriesOccurrence Occurrence, BookingOutcome Reason);

/// <summary>
/// The meetings of a weekly series. A series keeps the owner's wall-clock time: a meeting at 09:00 in Berlin stays at
/// 09:00 after the clocks change, so its instant moves by the change (as RFC 5545's RRULE with a TZID reads). Each
/// meeting lasts as long as the first. A wall-clock time that occurs twice (fall back) means its earlier instant, as
/// RFC 5545 says; one that does not occur gives no slot (<see cref="SeriesOccurrence.Slot"/>).
/// </summary>
public static class RecurringSeries
{
    /// <summary>The series' meetings in order, the first being <paramref name="first"/>, in the owner's <paramref name="zone"/>.</summary>
    public static IReadOnlyList<SeriesOccurrence> Expand(Slot first, DateTimeZone zone, SeriesRule rule)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(rule);
        var occurrences = At(first.Start.InZone(zone).LocalDateTime, 0, first.End - first.Start, zone, rule.IntervalWeeks, Enumerable.Range(1, rule.Count - 1));
        return [new SeriesOccurrence(0, first.Start.InZone(zone).LocalDateTime, first), .. occurrences];
    }

    /// <summary>
    /// The meetings numbered <paramref name="indices"/> of a series that repeats every <paramref name="intervalWeeks"/> weeks
    /// and whose meeting <paramref name="fromIndex"/> starts at the wall-clock time <paramref name="start"/>: meeting
    /// <c>i</c> starts <c>(i - fromIndex) × intervalWeeks</c> weeks from it, at the same wall-clock time, and lasts
    /// <paramref name="length"/>. With <paramref name="fromIndex"/> 0 and the first meeting's start, these are the series'
    /// meetings as first booked (what RFC 5545's RECURRENCE-ID names); with a later meeting moved, the times the rest of
    /// the series moves to.
    /// </summary>
    public static IReadOnlyList<SeriesOccurrence> At(LocalDateTime start, int fromIndex, Duration length, DateTimeZone zone, int intervalWeeks, IEnumerable<int> indices)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(indices);
        return [.. indices.Select(index =>
        {
            var local = start.PlusWeeks((index - fromIndex) * intervalWeeks);
            Slot? slot = ZoneMapping.Candidates(local, zone) is [var earliest, ..] ? new Slot(earliest, earliest + length) : null;
            return new SeriesOccurrence(index, local, slot);
        })];
    }

    /// <summary>
    /// Decides the meetings of a series together, over one read of the owner's <paramref name="schedule"/>: each is
    /// decided as a booking of <paramref name="type"/> on its own would be (<see cref="OwnerSchedule.Decide"/>), and a
    /// meeting whose wall-clock time does not exist is <see cref="BookingOutcome.OutsideAvailability"/>. The series is
    /// booked exactly when the answer is empty; otherwise it names every meeting that cannot be, in order. Meetings of
    /// one series are a week apart or more, and one booking blocks at most <see cref="MeetingType.MaxBlockedSpan"/>, so
    /// they never collide with each other; a limit over a week, month or year counts the earlier meetings accepted.
    /// </summary>
    public static IReadOnlyList<SeriesRefusal> Decide(OwnerSchedule schedule, IReadOnlyList<SeriesOccurrence> occurrences, MeetingType type, string typeKey, Instant now)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(occurrences);
        var refused = new List<SeriesRefusal>();
        var counting = schedule.CountsAcrossDates(type);
        foreach (var occurrence in occurrences)
        {
            var outcome = occurrence.Slot is { } slot ? schedule.Decide(slot, type, typeKey, now) : BookingOutcome.OutsideAvailability;
            if (outcome != BookingOutcome.Accepted)
            {
                refused.Add(new SeriesRefusal(occurrence, outcome));
            }
            else if (counting)
            {
                // A weekly, monthly or yearly limit counts the series' earlier meetings too.
                schedule = schedule.With(new ExistingBooking(new Interval(occurrence.Slot!.Value.Start, occurrence.Slot.Value.End), type.Blocks(occurrence.Slot.Value), typeKey));
            }
        }

        return refused;
    }
}
