using NodaTime;

namespace Agenda.Scheduling.Availability;

/// <summary>
/// A stretch of wall-clock time in the owner's zone, half-open [Start, End), so that two windows
/// that touch (09:00-12:00 and 12:00-14:00) share no instant. Start is strictly before End.
/// </summary>
public readonly record struct LocalWindow
{
    public LocalWindow(LocalDateTime start, LocalDateTime end)
    {
        if (end <= start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, "The end of a window must be after its start.");
        }

        Start = start;
        End = end;
    }

    public LocalDateTime Start { get; }

    public LocalDateTime End { get; }
}
