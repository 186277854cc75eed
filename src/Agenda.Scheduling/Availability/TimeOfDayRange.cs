using NodaTime;

namespace Agenda.Scheduling.Availability;

/// <summary>
/// A daily stretch of wall-clock time, [Start, End), such as 09:00-17:00.
/// An <see cref="End"/> of <see cref="LocalTime.Midnight"/> means the end of the day (24:00),
/// because a range that ends at the midnight that begins its own day would be empty.
/// </summary>
public readonly record struct TimeOfDayRange
{
    public TimeOfDayRange(LocalTime start, LocalTime end)
    {
        if (end != LocalTime.Midnight && end <= start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, "The end of a time range must be after its start.");
        }

        Start = start;
        End = end;
    }

    public LocalTime Start { get; }

    /// <summary>The exclusive end; <see cref="LocalTime.Midnight"/> stands for 24:00.</summary>
    public LocalTime End { get; }

    public bool EndsAtEndOfDay => End == LocalTime.Midnight;

    /// <summary>This range placed on a calendar date, as a window of local date-times.</summary>
    public LocalWindow On(LocalDate date) =>
        new(date.At(Start), EndsAtEndOfDay ? date.PlusDays(1).AtMidnight() : date.At(End));
}
