using System.Globalization;
using Agenda.Scheduling.Booking;

namespace Agenda.Storage;

/// <summary>
/// How <see cref="BookingLimits"/> are kept in one text column (<c>owners.booking_limits</c>, <c>meeting_types.limits</c>,
/// <c>team_meeting_types.limits</c>): name=value pairs joined by commas, such as <c>per_week=5,minutes_per_day=240</c>;
/// NULL for none. A meeting type's count per day stays in its own column (<c>max_per_day</c>).
/// </summary>
internal static class BookingLimitsColumn
{
    private static readonly (string Name, Func<BookingLimits, int?> Value)[] Names =
    [
        ("per_day", l => l.PerDay), ("per_week", l => l.PerWeek), ("per_month", l => l.PerMonth), ("per_year", l => l.PerYear),
        ("minutes_per_day", l => l.MinutesPerDay), ("minutes_per_week", l => l.MinutesPerWeek),
    ];

    /// <summary>The column's value; <paramref name="withPerDay"/> false leaves the count per day out (a meeting type keeps it apart).</summary>
    public static object ToColumn(BookingLimits limits, bool withPerDay = true)
    {
        var pairs = Names.Where(n => withPerDay || n.Name != "per_day")
            .Select(n => (n.Name, Value: n.Value(limits)))
            .Where(p => p.Value is not null)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name}={p.Value}"))
            .ToList();
        return pairs.Count == 0 ? DBNull.Value : string.Join(',', pairs);
    }

    /// <summary>The limits a column holds, with <paramref name="perDay"/> when given.</summary>
    public static BookingLimits FromColumn(string? column, int? perDay = null)
    {
        var values = (column ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .ToDictionary(p => p[0], p => (int?)int.Parse(p[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        int? Of(string name) => values.GetValueOrDefault(name);
        return new BookingLimits(perDay ?? Of("per_day"), Of("per_week"), Of("per_month"), Of("per_year"), Of("minutes_per_day"), Of("minutes_per_week"));
    }
}
