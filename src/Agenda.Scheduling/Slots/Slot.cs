using NodaTime;

namespace Agenda.Scheduling.Slots;

/// <summary>
/// A bookable stretch of time, half-open [Start, End) in instants, so back-to-back slots never overlap.
/// Its length is real elapsed time, also across a daylight-saving change.
/// </summary>
public readonly record struct Slot
{
    public Slot(Instant start, Instant end)
    {
        if (end <= start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, "A slot must end after it starts.");
        }

        Start = start;
        End = end;
    }

    public Instant Start { get; }

    public Instant End { get; }

    public bool Overlaps(Interval other) => Start < other.End && other.Start < End;

    public bool LiesWithin(Interval other) => other.Start <= Start && End <= other.End;
}
