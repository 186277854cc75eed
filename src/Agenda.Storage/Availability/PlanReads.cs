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
    /// that runs through midnight goes on into the next date's (<see cref="AvailabilityPlan.WindowsOn"/>), and, for an
    /// owner who travels, two more (<see cref="PlanStart"/>).
    /// </summary>
    public static LocalDate PlanEnd(DateInterval dates, bool travelling = false) =>
        dates.End == LocalDate.MaxIsoValue ? dates.End : dates.End.PlusDays(travelling ? TravelReach + 1 : 1);

    /// <summary>
    /// The first date whose plan the slots of <paramref name="dates"/> depend on: the first of them, or, for an owner who
    /// travels, two dates before it, since the hours of two dates either side can then start on an owner's date
    /// (<see cref="Scheduling.OwnerSchedule.HoursIn"/>).
    /// </summary>
    public static LocalDate PlanStart(DateInterval dates, bool travelling = false) => travelling ? dates.Start.PlusDays(-TravelReach) : dates.Start;

    /// <summary>How many dates either side of an owner's date the hours in another zone may start on it from.</summary>
    private const int TravelReach = 2;

    /// <summary>Weekly hours, and the rules and overrides of @first to @last (<see cref="PlanEnd"/> of the dates asked for).</summary>
    public const string PlanReadsSql =
        $"""

        SELECT weekday, start_time, end_time FROM weekly_hours WHERE owner_id = @owner ORDER BY weekday, start_time, end_time;
        SELECT start_date, end_date, start_time, end_time FROM availability_rules
        WHERE owner_id = @owner AND start_date <= @last AND end_date >= @first;
        {OverridesQuery}
        """;

    /// <summary>
    /// The plan of the owner's named schedule @schedule (<see cref="ISchedulesStore"/>): one row, or none when the
    /// schedule is gone (then no hours at all).
    /// </summary>
    public const string NamedPlanSql =
        """

        SELECT id, name, weekly_hours, overrides, time_zone, travel FROM schedules WHERE owner_id = @owner AND id = @schedule;
        """;

    /// <summary>What reads the plan of <paramref name="schedule"/>'s hours: <see cref="NamedPlanSql"/>, or the default <see cref="PlanReadsSql"/> for none.</summary>
    public static string PlanSql(string? schedule) => schedule is null ? PlanReadsSql : NamedPlanSql;

    /// <summary>
    /// Reads what <see cref="PlanSql"/> selects for <paramref name="schedule"/>, from the reader's current result set on:
    /// the plan, and the zones of its hours when they are not those of the owner's <paramref name="ownerZone"/> on every
    /// date (a named schedule's own zone or travel).
    /// </summary>
    public static async Task<(AvailabilityPlan Plan, HoursZones? Zones)> ReadPlanAsync(DbDataReader reader, string? schedule, DateTimeZone ownerZone, CancellationToken cancellationToken)
    {
        if (schedule is null)
        {
            return (await ReadPlanResultsAsync(reader, cancellationToken), null);
        }

        return await reader.ReadAsync(cancellationToken)
            ? ScheduleColumns.Plan(reader, ownerZone)
            : (new AvailabilityPlan(WeeklyHours.None, [], []), null);
    }

    /// <summary>Reads what <see cref="PlanReadsSql"/> selects, from the reader's current result set to the overrides.</summary>
    public static async Task<AvailabilityPlan> ReadPlanResultsAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var weekly = await ReadWeeklyHoursAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var rules = await ReadRulesAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var overrides = await ReadOverridesAsync(reader, cancellationToken);
        return new AvailabilityPlan(weekly, rules, overrides);
    }

    /// <summary>The rules of the reader's current result set (<c>start_date</c>, <c>end_date</c>, <c>start_time</c>, <c>end_time</c>).</summary>
    public static Task<List<DateRangeRule>> ReadRulesAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        int startDate = reader.GetOrdinal("start_date"), endDate = reader.GetOrdinal("end_date");
        int startTime = reader.GetOrdinal("start_time"), endTime = reader.GetOrdinal("end_time");
        return ReadAllAsync(
            reader,
            r => new DateRangeRule(new DateInterval(ToDate(r.GetString(startDate)), ToDate(r.GetString(endDate))), ToHours(r.GetString(startTime), r.GetString(endTime))),
            cancellationToken);
    }

    public static Task<WeeklyHours> ReadWeeklyHoursAsync(DbConnection connection, DbTransaction transaction, string ownerId, CancellationToken cancellationToken) =>
        QueryResultAsync(connection, transaction, cancellationToken, ReadWeeklyHoursAsync,
            "SELECT weekday, start_time, end_time FROM weekly_hours WHERE owner_id = @owner ORDER BY weekday, start_time, end_time;",
            ("@owner", ownerId));

    /// <summary>The weekly hours of the reader's current result set (<c>weekday</c>, <c>start_time</c>, <c>end_time</c>).</summary>
    private static async Task<WeeklyHours> ReadWeeklyHoursAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        int weekday = reader.GetOrdinal("weekday"), start = reader.GetOrdinal("start_time"), end = reader.GetOrdinal("end_time");
        var rows = await ReadAllAsync(reader, r => (Day: (IsoDayOfWeek)r.GetInt32(weekday), Hours: ToHours(r.GetString(start), r.GetString(end))), cancellationToken);
        return new(rows.GroupBy(r => r.Day).ToDictionary(g => g.Key, g => (IReadOnlyList<TimeOfDayRange>)g.Select(r => r.Hours).ToList()));
    }

    /// <summary>The overrides whose date lies in @first to @last, with their hours, in date order.</summary>
    private const string OverridesQuery =
        """
        SELECT o.date AS date, h.start_time AS start_time, h.end_time AS end_time
        FROM date_overrides o LEFT JOIN date_override_hours h ON h.owner_id = o.owner_id AND h.date = o.date
        WHERE o.owner_id = @owner AND o.date >= @first AND o.date <= @last
        ORDER BY o.date, h.start_time, h.end_time;
        """;

    /// <summary>The owner's overrides, all of them or those whose date lies in <paramref name="dates"/>.</summary>
    public static Task<List<DateOverride>> ReadOverridesAsync(DbConnection connection, DbTransaction transaction, string ownerId, DateInterval? dates, CancellationToken cancellationToken) =>
        QueryResultAsync(connection, transaction, cancellationToken, ReadOverridesAsync, OverridesQuery,
            ("@owner", ownerId), ("@first", dates is null ? "0000-01-01" : ToColumn(dates.Start)), ("@last", dates is null ? "9999-12-31" : ToColumn(dates.End)));

    /// <summary>The overrides of the reader's current result set (<see cref="OverridesQuery"/>): a row per date and range of hours, none for a day off.</summary>
    private static async Task<List<DateOverride>> ReadOverridesAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        int date = reader.GetOrdinal("date"), start = reader.GetOrdinal("start_time"), end = reader.GetOrdinal("end_time");
        var rows = await ReadAllAsync(reader, r => (Date: ToDate(r.GetString(date)), Hours: r.IsDBNull(start) ? (TimeOfDayRange?)null : ToHours(r.GetString(start), r.GetString(end))), cancellationToken);
        return rows.GroupBy(r => r.Date)
            .Select(g => new DateOverride(g.Key, g.Where(r => r.Hours is not null).Select(r => r.Hours!.Value).ToList()))
            .ToList();
    }
}
