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
        var length = first.End - first.Start;
        var start = first.Start.InZone(zone).LocalDateTime;
        var occurrences = new List<SeriesOccurrence>(rule.Count) { new(0, start, first) };
        for (var index = 1; index < rule.Count; index++)
        {
            var local = start.PlusWeeks(index * rule.IntervalWeeks);
            Slot? slot = ZoneMapping.Candidates(local, zone) is [var earliest, ..] ? new Slot(earliest, earliest + length) : null;
            occurrences.Add(new SeriesOccurrence(index, local, slot));
        }

        return occurrences;
    }
}
