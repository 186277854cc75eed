using System.Data.Common;
using Agenda.Scheduling.Availability;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;
using static Agenda.Storage.Relational.StoreCore;

namespace Agenda.Storage.Availability;

/// <summary>
/// How an owner's availability plan is read: weekly hours, date-range rules and date overrides, by the availability
/// store and, within their own commands, by every read of a schedule (<see cref="Bookings.ScheduleReads"/>).
/// </summary>
internal static class PlanReads
{
    /// <summary>
    /// The last date whose plan the slots of <paramref name="dates"/> depend on: the date after them, since availability
    /// that runs through midnight goes on into the next date's (<see cref="AvailabilityPlan.WindowsOn"/>).
    /// </summary>
    public static LocalDate PlanEnd(DateInterval dates) => dates.End == LocalDate.MaxIsoValue ? dates.End : dates.End.PlusDays(1);

    /// <summary>Weekly hours, and the rules and overrides of @first to @last (<see cref="PlanEnd"/> of the dates asked for).</summary>
    public const string PlanReadsSql =
        $"""

        SELECT weekday, start_time, end_time FROM weekly_hours WHERE owner_id = @owner ORDER BY weekday, start_time, end_time;
        SELECT start_date, end_date, start_time, end_time FROM availability_rules
        WHERE owner_id = @owner AND start_date <= @last AND end_date >= @first;
        {OverridesQuery}
        """;

    /// <summary>Reads what <see cref="PlanReadsSql"/> selects, from the reader's current result set to the overrides.</summary>
    public static async Task<AvailabilityPlan> ReadPlanResultsAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var weekly = ToWeeklyHours(await ReadAllAsync(reader, ReadWeeklyHoursRow, cancellationToken));
        await reader.NextResultAsync(cancellationToken);
        var rules = await ReadAllAsync(reader, ReadRule, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var overrides = ToOverrides(await ReadAllAsync(reader, ReadOverrideRow, cancellationToken));
        return new AvailabilityPlan(weekly, rules, overrides);
    }

    public static DateRangeRule ReadRule(DbDataReader reader) =>
        new(new DateInterval(ToDate(reader.GetString(0)), ToDate(reader.GetString(1))), ToHours(reader.GetString(2), reader.GetString(3)));

    public static async Task<WeeklyHours> ReadWeeklyHoursAsync(DbConnection connection, DbTransaction transaction, string ownerId, CancellationToken cancellationToken) =>
        ToWeeklyHours(await QueryAsync(connection, transaction, cancellationToken, ReadWeeklyHoursRow,
            "SELECT weekday, start_time, end_time FROM weekly_hours WHERE owner_id = @owner ORDER BY weekday, start_time, end_time;",
            ("@owner", ownerId)));

    private static (IsoDayOfWeek Day, TimeOfDayRange Hours) ReadWeeklyHoursRow(DbDataReader r) =>
        ((IsoDayOfWeek)r.GetInt32(0), ToHours(r.GetString(1), r.GetString(2)));

    private static WeeklyHours ToWeeklyHours(List<(IsoDayOfWeek Day, TimeOfDayRange Hours)> rows) =>
        new(rows.GroupBy(r => r.Day).ToDictionary(g => g.Key, g => (IReadOnlyList<TimeOfDayRange>)g.Select(r => r.Hours).ToList()));

    /// <summary>The overrides whose date lies in @first to @last, with their hours, in date order.</summary>
    private const string OverridesQuery =
        """
        SELECT o.date, h.start_time, h.end_time
        FROM date_overrides o LEFT JOIN date_override_hours h ON h.owner_id = o.owner_id AND h.date = o.date
        WHERE o.owner_id = @owner AND o.date >= @first AND o.date <= @last
        ORDER BY o.date, h.start_time, h.end_time;
        """;

    /// <summary>The owner's overrides, all of them or those whose date lies in <paramref name="dates"/>.</summary>
    public static async Task<List<DateOverride>> ReadOverridesAsync(DbConnection connection, DbTransaction transaction, string ownerId, DateInterval? dates, CancellationToken cancellationToken) =>
        ToOverrides(await QueryAsync(connection, transaction, cancellationToken, ReadOverrideRow, OverridesQuery,
            ("@owner", ownerId), ("@first", dates is null ? "0000-01-01" : ToColumn(dates.Start)), ("@last", dates is null ? "9999-12-31" : ToColumn(dates.End))));

    private static (LocalDate Date, TimeOfDayRange? Hours) ReadOverrideRow(DbDataReader r) =>
        (ToDate(r.GetString(0)), r.IsDBNull(1) ? null : ToHours(r.GetString(1), r.GetString(2)));

    private static List<DateOverride> ToOverrides(List<(LocalDate Date, TimeOfDayRange? Hours)> rows) =>
        rows.GroupBy(r => r.Date)
            .Select(g => new DateOverride(g.Key, g.Where(r => r.Hours is not null).Select(r => r.Hours!.Value).ToList()))
            .ToList();
}
