using System.Data.Common;
using Agenda.Scheduling.Availability;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;

namespace Agenda.Storage.Relational;

public sealed partial class ScheduleStore
{
    public Task<OwnerWrite> AddRulesAsync(string ownerId, IReadOnlyList<DateRangeRule> rules, Instant now, CancellationToken cancellationToken) =>
        WriteAsync<OwnerWrite>(async (connection, transaction, raised) =>
        {
            await ExecuteAsync(connection, transaction, cancellationToken,
                "INSERT INTO owners (id, created_at) VALUES (@owner, @now) ON CONFLICT (id) DO NOTHING;",
                ("@owner", ownerId), ("@now", ToColumn(now)));
            await ReadOwnerAsync(connection, transaction, ownerId, cancellationToken, forUpdate: true);

            // Counting after the insert counts exactly the rules that were new; past the cap, the transaction rolls back.
            var added = await InsertRulesAsync(connection, transaction, ownerId, rules, cancellationToken);
            var result = WithinLimit(OwnerLimit.Rules, await CountAsync(connection, transaction, "availability_rules", ownerId, cancellationToken), added);
            if (result is not OwnerWrite.Written)
            {
                return Rollback(result);
            }

            if (added > 0)
            {
                await RaiseScheduleVersionAsync(connection, transaction, raised, ownerId, cancellationToken);
            }

            return Commit(result);
        }, cancellationToken);

    public Task<IReadOnlyList<DateRangeRule>?> GetRulesAsync(string ownerId, CancellationToken cancellationToken) =>
        ReadForOwnerAsync<IReadOnlyList<DateRangeRule>>(ownerId, cancellationToken, async (connection, transaction, _) =>
            await QueryAsync(connection, transaction, cancellationToken, ReadRule,
                "SELECT start_date, end_date, start_time, end_time FROM availability_rules WHERE owner_id = @owner ORDER BY start_date, start_time, end_date, end_time;",
                ("@owner", ownerId)));

    public Task<OwnerWrite> ReplaceRulesAsync(string ownerId, IReadOnlyList<DateRangeRule> rules, CancellationToken cancellationToken) =>
        WriteCappedAsync(ownerId, cancellationToken, async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction, cancellationToken, "DELETE FROM availability_rules WHERE owner_id = @owner;", ("@owner", ownerId));
            var inserted = await InsertRulesAsync(connection, transaction, ownerId, rules, cancellationToken);
            return inserted > limits.MaxRules ? new OwnerWrite.LimitReached(OwnerLimit.Rules, limits.MaxRules) : new OwnerWrite.Written(inserted);
        });

    public Task<WeeklyHours?> GetWeeklyHoursAsync(string ownerId, CancellationToken cancellationToken) =>
        ReadForOwnerAsync<WeeklyHours>(ownerId, cancellationToken, async (connection, transaction, _) => await ReadWeeklyHoursAsync(connection, transaction, ownerId, cancellationToken));

    public async Task<bool> ReplaceWeeklyHoursAsync(string ownerId, WeeklyHours hours, CancellationToken cancellationToken)
    {
        var (found, _) = await WriteForOwnerAsync(ownerId, cancellationToken, async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction, cancellationToken, "DELETE FROM weekly_hours WHERE owner_id = @owner;", ("@owner", ownerId));
            foreach (var (day, ranges) in hours.Days)
            {
                foreach (var range in ranges.Distinct())
                {
                    await ExecuteAsync(connection, transaction, cancellationToken,
                        "INSERT INTO weekly_hours (owner_id, weekday, start_time, end_time) VALUES (@owner, @weekday, @start, @end);",
                        ("@owner", ownerId), ("@weekday", (int)day), ("@start", StartToColumn(range)), ("@end", EndToColumn(range)));
                }
            }

            return true;
        });
        return found;
    }

    public Task<IReadOnlyList<DateOverride>?> GetOverridesAsync(string ownerId, CancellationToken cancellationToken) =>
        ReadForOwnerAsync<IReadOnlyList<DateOverride>>(ownerId, cancellationToken, async (connection, transaction, _) =>
            await ReadOverridesAsync(connection, transaction, ownerId, null, cancellationToken));

    public Task<OwnerWrite> PutOverrideAsync(string ownerId, DateOverride dateOverride, CancellationToken cancellationToken) =>
        WriteCappedAsync(ownerId, cancellationToken, async (connection, transaction) =>
        {
            var date = ToColumn(dateOverride.Date);
            var replaced = await ExecuteAsync(connection, transaction, cancellationToken,
                "DELETE FROM date_overrides WHERE owner_id = @owner AND date = @date;", ("@owner", ownerId), ("@date", date));
            await ExecuteAsync(connection, transaction, cancellationToken,
                "INSERT INTO date_overrides (owner_id, date) VALUES (@owner, @date);", ("@owner", ownerId), ("@date", date));
            foreach (var range in dateOverride.Hours.Distinct())
            {
                await ExecuteAsync(connection, transaction, cancellationToken,
                    "INSERT INTO date_override_hours (owner_id, date, start_time, end_time) VALUES (@owner, @date, @start, @end);",
                    ("@owner", ownerId), ("@date", date), ("@start", StartToColumn(range)), ("@end", EndToColumn(range)));
            }

            // Replacing a date's override never counts against the cap; only a new date does.
            return WithinLimit(OwnerLimit.Overrides, await CountAsync(connection, transaction, "date_overrides", ownerId, cancellationToken), replaced > 0 ? 0 : 1);
        });

    public async Task<bool> DeleteOverrideAsync(string ownerId, LocalDate date, CancellationToken cancellationToken)
    {
        var (_, deleted) = await WriteForOwnerAsync(ownerId, cancellationToken, async (connection, transaction) =>
            await ExecuteAsync(connection, transaction, cancellationToken,
                "DELETE FROM date_overrides WHERE owner_id = @owner AND date = @date;", ("@owner", ownerId), ("@date", ToColumn(date))) > 0);
        return deleted;
    }

    private static async Task<int> InsertRulesAsync(DbConnection connection, DbTransaction transaction, string ownerId, IReadOnlyList<DateRangeRule> rules, CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var rule in rules)
        {
            added += await ExecuteAsync(connection, transaction, cancellationToken,
                """
                INSERT INTO availability_rules (owner_id, start_date, end_date, start_time, end_time)
                VALUES (@owner, @start_date, @end_date, @start_time, @end_time)
                ON CONFLICT DO NOTHING;
                """,
                ("@owner", ownerId),
                ("@start_date", ToColumn(rule.Dates.Start)),
                ("@end_date", ToColumn(rule.Dates.End)),
                ("@start_time", StartToColumn(rule.Hours)),
                ("@end_time", EndToColumn(rule.Hours)));
        }

        return added;
    }

    private static DateRangeRule ReadRule(DbDataReader reader) =>
        new(new DateInterval(ToDate(reader.GetString(0)), ToDate(reader.GetString(1))), ToHours(reader.GetString(2), reader.GetString(3)));

    private static async Task<WeeklyHours> ReadWeeklyHoursAsync(DbConnection connection, DbTransaction transaction, string ownerId, CancellationToken cancellationToken) =>
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
    private static async Task<List<DateOverride>> ReadOverridesAsync(DbConnection connection, DbTransaction transaction, string ownerId, DateInterval? dates, CancellationToken cancellationToken) =>
        ToOverrides(await QueryAsync(connection, transaction, cancellationToken, ReadOverrideRow, OverridesQuery,
            ("@owner", ownerId), ("@first", dates is null ? "0000-01-01" : ToColumn(dates.Start)), ("@last", dates is null ? "9999-12-31" : ToColumn(dates.End))));

    private static (LocalDate Date, TimeOfDayRange? Hours) ReadOverrideRow(DbDataReader r) =>
        (ToDate(r.GetString(0)), r.IsDBNull(1) ? null : ToHours(r.GetString(1), r.GetString(2)));

    private static List<DateOverride> ToOverrides(List<(LocalDate Date, TimeOfDayRange? Hours)> rows) =>
        rows.GroupBy(r => r.Date)
            .Select(g => new DateOverride(g.Key, g.Where(r => r.Hours is not null).Select(r => r.Hours!.Value).ToList()))
            .ToList();
}
