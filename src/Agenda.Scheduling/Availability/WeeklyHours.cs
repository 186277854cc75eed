using NodaTime;

namespace Agenda.Scheduling.Availability;

/// <summary>
/// The hours an owner works each weekday, in their own zone: any number of ranges per day
/// (Monday 09:00-12:00 and 13:00-17:00). A weekday with no ranges is a day off.
/// </summary>
public sealed record WeeklyHours
{
    public static readonly WeeklyHours None = new(new Dictionary<IsoDayOfWeek, IReadOnlyList<TimeOfDayRange>>());

    public WeeklyHours(IReadOnlyDictionary<IsoDayOfWeek, IReadOnlyList<TimeOfDayRange>> days)
    {
        if (days.Keys.Any(d => d == IsoDayOfWeek.None))
        {
            throw new ArgumentOutOfRangeException(nameof(days), "Weekly hours are keyed by real weekdays.");
        }

        Days = days;
    }

    public IReadOnlyDictionary<IsoDayOfWeek, IReadOnlyList<TimeOfDayRange>> Days { get; }

    public IReadOnlyList<TimeOfDayRange> On(IsoDayOfWeek day) => Days.TryGetValue(day, out var ranges) ? ranges : [];

    public bool IsEmpty => Days.Values.All(r => r.Count == 0);

    public bool Equals(WeeklyHours? other) =>
        other is not null
        && Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).All(d => On(d).SequenceEqual(other.On(d)));

    public override int GetHashCode() => Days.Values.Sum(r => r.Count);
}
