using NodaTime;

namespace Agenda.Scheduling.Booking;

/// <summary>The stretch of the owner's calendar a limit counts over.</summary>
public enum LimitPeriod
{
    Day,
    Week,
    Month,
    Year,
}

/// <summary>One limit: at most <paramref name="Max"/> bookings (or, when <paramref name="Minutes"/>, minutes of meetings) per <paramref name="Period"/>.</summary>
public readonly record struct BookingLimit(LimitPeriod Period, bool Minutes, int Max);

/// <summary>
/// How much may be booked per day, week, month and year: a count of bookings, and minutes of meetings per day or week.
/// A meeting type has its own (counting its own bookings); an owner has one set across all their types (counting
/// every booking of theirs, team bookings included). Null: no limit. A booking counts on the owner's calendar date its
/// meeting starts; a class with seats counts once. A count is reached when that many bookings are there; minutes are
/// reached when the next meeting would take the period's booked minutes beyond the limit.
/// </summary>
public sealed record BookingLimits
{
    /// <summary>No limit at all.</summary>
    public static readonly BookingLimits None = new();

    /// <summary>The largest count any period may allow.</summary>
    public const int MaxCount = 100_000;

    public BookingLimits(int? perDay = null, int? perWeek = null, int? perMonth = null, int? perYear = null, int? minutesPerDay = null, int? minutesPerWeek = null)
    {
        PerDay = Between(perDay, MaxCount, nameof(perDay));
        PerWeek = Between(perWeek, MaxCount, nameof(perWeek));
        PerMonth = Between(perMonth, MaxCount, nameof(perMonth));
        PerYear = Between(perYear, MaxCount, nameof(perYear));
        MinutesPerDay = Between(minutesPerDay, 24 * 60, nameof(minutesPerDay));
        MinutesPerWeek = Between(minutesPerWeek, 7 * 24 * 60, nameof(minutesPerWeek));
        BookingLimit?[] all =
        [
            Limit(LimitPeriod.Day, false, PerDay), Limit(LimitPeriod.Day, true, MinutesPerDay), Limit(LimitPeriod.Week, false, PerWeek),
            Limit(LimitPeriod.Week, true, MinutesPerWeek), Limit(LimitPeriod.Month, false, PerMonth), Limit(LimitPeriod.Year, false, PerYear),
        ];
        All = [.. all.OfType<BookingLimit>()];

        static BookingLimit? Limit(LimitPeriod period, bool minutes, int? max) => max is { } value ? new BookingLimit(period, minutes, value) : null;
    }

    public int? PerDay { get; }

    public int? PerWeek { get; }

    public int? PerMonth { get; }

    public int? PerYear { get; }

    /// <summary>Minutes of meetings per day, at most a day's 1,440.</summary>
    public int? MinutesPerDay { get; }

    /// <summary>Minutes of meetings per week, at most a week's 10,080.</summary>
    public int? MinutesPerWeek { get; }

    /// <summary>Every limit set, shortest period first, a count before minutes: the order they are checked and explained in.</summary>
    public IReadOnlyList<BookingLimit> All { get; }

    public bool IsNone => All.Count == 0;

    /// <summary>The longest period any limit counts over; null when there is none.</summary>
    public LimitPeriod? Longest => All.Count == 0 ? null : All.Max(l => l.Period);

    /// <summary>These limits with <see cref="PerDay"/> replaced.</summary>
    public BookingLimits WithPerDay(int? perDay) => new(perDay, PerWeek, PerMonth, PerYear, MinutesPerDay, MinutesPerWeek);

    public bool Equals(BookingLimits? other) =>
        other is not null && PerDay == other.PerDay && PerWeek == other.PerWeek && PerMonth == other.PerMonth && PerYear == other.PerYear
        && MinutesPerDay == other.MinutesPerDay && MinutesPerWeek == other.MinutesPerWeek;

    public override int GetHashCode() => HashCode.Combine(PerDay, PerWeek, PerMonth, PerYear, MinutesPerDay, MinutesPerWeek);

    private static int? Between(int? value, int max, string name) =>
        value is null || (value >= 1 && value <= max) ? value : throw new ArgumentOutOfRangeException(name, value, $"A limit must be between 1 and {max}.");
}

/// <summary>The dates of the owner's calendar a limit's period spans.</summary>
public static class LimitPeriods
{
    /// <summary>
    /// The day, week (from <paramref name="firstDayOfWeek"/>, seven dates), month or year of <paramref name="date"/>.
    /// </summary>
    public static DateInterval Containing(LocalDate date, LimitPeriod period, IsoDayOfWeek firstDayOfWeek) => period switch
    {
        LimitPeriod.Day => new DateInterval(date, date),
        LimitPeriod.Week => Week(date, firstDayOfWeek),
        LimitPeriod.Month => new DateInterval(
            new LocalDate(date.Year, date.Month, 1), new LocalDate(date.Year, date.Month, date.Calendar.GetDaysInMonth(date.Year, date.Month))),
        _ => new DateInterval(new LocalDate(date.Year, 1, 1), new LocalDate(date.Year, 12, 31)),
    };

    /// <summary>The dates of every <paramref name="period"/> that contains one of <paramref name="dates"/>: what counting for them reads.</summary>
    public static DateInterval Covering(DateInterval dates, LimitPeriod period, IsoDayOfWeek firstDayOfWeek)
    {
        ArgumentNullException.ThrowIfNull(dates);
        return new DateInterval(Containing(dates.Start, period, firstDayOfWeek).Start, Containing(dates.End, period, firstDayOfWeek).End);
    }

    /// <summary>
    /// The dates whose bookings <paramref name="limits"/> count when deciding <paramref name="dates"/>: every week, month
    /// or year that contains one of them; null when no limit counts beyond a date's own bookings.
    /// </summary>
    public static DateInterval? Counted(DateInterval dates, IsoDayOfWeek firstDayOfWeek, params BookingLimits?[] limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return limits.Max(l => l?.Longest) is { } longest ? Covering(dates, longest, firstDayOfWeek) : null;
    }

    private static DateInterval Week(LocalDate date, IsoDayOfWeek first)
    {
        var start = date.PlusDays(-(((int)date.DayOfWeek - (int)first + 7) % 7));
        return new DateInterval(start, start.PlusDays(6));
    }
}
