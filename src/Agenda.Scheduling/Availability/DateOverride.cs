using NodaTime;

namespace Agenda.Scheduling.Availability;

/// <summary>
/// What applies on one date instead of weekly hours and date-range rules: either replacement
/// <see cref="Hours"/>, or nothing at all when <see cref="Hours"/> is empty (a day off).
/// </summary>
public sealed record DateOverride(LocalDate Date, IReadOnlyList<TimeOfDayRange> Hours)
{
    public static DateOverride Unavailable(LocalDate date) => new(date, []);

    public bool IsUnavailable => Hours.Count == 0;

    public bool Equals(DateOverride? other) => other is not null && Date == other.Date && Hours.SequenceEqual(other.Hours);

    public override int GetHashCode() => HashCode.Combine(Date, Hours.Count);
}
