using System.Data.Common;
using Agenda.Scheduling.Availability;
using Agenda.Storage.Relational;
using NodaTime;
using static Agenda.Storage.Availability.PlanReads;
using static Agenda.Storage.Relational.ColumnValues;
using static Agenda.Storage.Relational.StoreCore;

namespace Agenda.Storage.Availability;

/// <summary>An owner's weekly hours, date-range rules and date overrides; every change raises the owner's schedule version.</summary>
internal sealed class AvailabilityStore(StoreCore core) : IAvailabilityStore
{
    public Task<OwnerWrite> AddRulesAsync(string ownerId, IReadOnlyList<DateRangeRule> rules, Instant now, CancellationToken cancellationToken) =>
        core.WriteAsync<OwnerWrite>("add_rules", async (connection, transaction, raised) =>
        {
            await ExecuteAsync(connection, transaction, cancellationToken,
                "INSERT INTO owners (id, created_at) VALUES (@owner, @now) ON CONFLICT (id) DO NOTHING;",
                ("@owner", ownerId), ("@now", ToColumn(now)));
            await core.ReadOwnerAsync(connection, transaction, ownerId, cancellationToken, forUpdate: true);

            // Counting after the insert counts exactly the rules that were new; past the cap, the transaction rolls back.
            var added = await InsertRulesAsync(connection, transaction, ownerId, rules, cancellationToken);
            var result = core.WithinLimit(OwnerLimit.Rules, await CountAsync(connection, transaction, "availability_rules", ownerId, cancellationToken), added);
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
        core.ReadForOwnerAsync<IReadOnlyList<DateRangeRule>>("get_rules", ownerId, cancellationToken, async (connection, transaction, _) =>
            await QueryResultAsync(connection, transaction, cancellationToken, ReadRulesAsync,
                "SELECT start_date, end_date, start_time, end_time FROM availability_rules WHERE owner_id = @owner ORDER BY start_date, start_time, end_date, end_time;",
                ("@owner", ownerId)));

    public Task<OwnerWrite> ReplaceRulesAsync(string ownerId, IReadOnlyList<DateRangeRule> rules, CancellationToken cancellationToken) =>
        core.WriteCappedAsync("replace_rules", ownerId, cancellationToken, async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction, cancellationToken, "DELETE FROM availability_rules WHERE owner_id = @owner;", ("@owner", ownerId));
            var inserted = await InsertRulesAsync(connection, transaction, ownerId, rules, cancellationToken);
            return inserted > core.Limits.MaxRules ? new OwnerWrite.LimitReached(OwnerLimit.Rules, core.Limits.MaxRules) : new OwnerWrite.Written(inserted);
        });

    public Task<WeeklyHours?> GetWeeklyHoursAsync(string ownerId, CancellationToken cancellationToken) =>
        core.ReadForOwnerAsync<WeeklyHours>("get_weekly_hours", ownerId, cancellationToken, async (connection, transaction, _) => await ReadWeeklyHoursAsync(connection, transaction, ownerId, cancellationToken));

    public async Task<bool> ReplaceWeeklyHoursAsync(string ownerId, WeeklyHours hours, CancellationToken cancellationToken)
    {
        var (found, _) = await core.WriteForOwnerAsync("replace_weekly_hours", ownerId, cancellationToken, async (connection, transaction) =>
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
        core.ReadForOwnerAsync<IReadOnlyList<DateOverride>>("get_overrides", ownerId, cancellationToken, async (connection, transaction, _) =>
            await ReadOverridesAsync(connection, transaction, ownerId, null, cancellationToken));

    public Task<OwnerWrite> PutOverridesAsync(string ownerId, IReadOnlyList<DateOverride> overrides, CancellationToken cancellationToken)
    {
        if (overrides.Select(o => o.Date).Distinct().Count() != overrides.Count)
        {
            throw new ArgumentException("Each date may have one override only.", nameof(overrides));
        }

        return core.WriteCappedAsync("put_overrides", ownerId, cancellationToken, async (connection, transaction) =>
        {
            var added = 0;
            foreach (var dateOverride in overrides)
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

                added += replaced > 0 ? 0 : 1;
            }

            // Replacing a date's override never counts against the cap; only a new date does.
            return core.WithinLimit(OwnerLimit.Overrides, await CountAsync(connection, transaction, "date_overrides", ownerId, cancellationToken), added);
        });
    }

    public async Task<int> DeleteOverridesAsync(string ownerId, DateInterval dates, CancellationToken cancellationToken)
    {
        var deleted = 0;
        await core.WriteForOwnerAsync("delete_overrides", ownerId, cancellationToken, async (connection, transaction) =>
        {
            // ISO dates compare as text in date order, on both databases.
            deleted = await ExecuteAsync(connection, transaction, cancellationToken,
                "DELETE FROM date_overrides WHERE owner_id = @owner AND date >= @start AND date <= @end;",
                ("@owner", ownerId), ("@start", ToColumn(dates.Start)), ("@end", ToColumn(dates.End)));
            return deleted > 0;
        });
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
}
