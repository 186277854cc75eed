using NodaTime;

namespace Agenda.Scheduling.Availability;

/// <summary>
/// A stretch of wall-clock time in the owner's zone, half-open [Start, End), so that two windows
/// that touch (09:00-12:00 and 12:00-14:00) share no instant. Start is strictly before End.
/// <see cref="StartsBefore"/> bounds where slots cut from it may start: its End for a window of one date, and the
/// next midnight for a date's window that runs on into the next date's availability (slots that start there belong
/// to the next date).
/// </summary>
public readonly record struct LocalWindow
{
    public LocalWindow(LocalDateTime start, LocalDateTime end)
        : this(start, end, end)
    {
    }

    public LocalWindow(LocalDateTime start, LocalDateTime end, LocalDateTime startsBefore)
    {
        if (end <= start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, "The end of a window must be after its start.");
        }

        if (startsBefore <= start || startsBefore > end)
        {
            throw new ArgumentOutOfRangeException(nameof(startsBefore), startsBefore, "Slots must be able to start in a window, and only inside it.");
        }

        Start = start;
        End = end;
        StartsBefore = startsBefore;
    }

    public LocalDateTime Start { get; }

    public LocalDateTime End { get; }

    /// <summary>Slots cut from this window start before this wall-clock time (exclusive); at most <see cref="End"/>.</summary>
    public LocalDateTime StartsBefore { get; }
}
