using NodaTime;

namespace Agenda.Api.Calendars.Busy;

/// <summary>
/// A span of time in which the owner is busy in one of their own calendars, half-open [<see cref="Start"/>, <see cref="End"/>)
/// like a slot, so an event ending at 10:00 does not block a slot starting at 10:00. It is never empty: the end lies after the start.
/// </summary>
internal readonly record struct BusyInterval(Instant Start, Instant End)
{
    public Instant Start { get; } = Start;

    public Instant End { get; } = End > Start ? End : throw new ArgumentOutOfRangeException(nameof(End), End, "A busy interval ends after it starts.");

    public Duration Length => End - Start;

    /// <summary>Whether the interval shares time with [<paramref name="from"/>, <paramref name="to"/>); touching at one end does not count.</summary>
    public bool Overlaps(Instant from, Instant to) => Start < to && End > from;

    public override string ToString() => $"[{Start}, {End})";
}
