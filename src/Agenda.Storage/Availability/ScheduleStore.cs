using System.Data.Common;
using System.Text.Json;
using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Zones;
using Agenda.Storage.Relational;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;
using static Agenda.Storage.Relational.StoreCore;

namespace Agenda.Storage.Availability;

/// <summary>An owner's named schedules (<see cref="ISchedulesStore"/>), each one row of <c>schedules</c>.</summary>
internal sealed class ScheduleStore(StoreCore core) : ISchedulesStore
{
    public Task<IReadOnlyList<StoredSchedule>?> ListSchedulesAsync(string ownerId, CancellationToken cancellationToken) =>
        core.ReadForOwnerAsync<IReadOnlyList<StoredSchedule>>("list_schedules", ownerId, cancellationToken, async (connection, transaction, _) =>
            await QueryAsync(connection, transaction, cancellationToken, ScheduleColumns.Read,
                "SELECT id, name, weekly_hours, overrides, time_zone, travel FROM schedules WHERE owner_id = @owner ORDER BY created_at, id;", ("@owner", ownerId)));

    public Task<StoredSchedule?> GetScheduleAsync(string ownerId, string scheduleId, CancellationToken cancellationToken) =>
        core.ReadAsync("get_schedule", async connection =>
            (await QueryAsync(connection, null, cancellationToken, ScheduleColumns.Read,
                "SELECT id, name, weekly_hours, overrides, time_zone, travel FROM schedules WHERE owner_id = @owner AND id = @id;", ("@owner", ownerId), ("@id", scheduleId))).SingleOrDefault(),
            cancellationToken);

    public Task<ScheduleWrite> PutScheduleAsync(string ownerId, StoredSchedule schedule, Instant now, CancellationToken cancellationToken) =>
        core.WriteAsync<ScheduleWrite>("put_schedule", async (connection, transaction, raised) =>
        {
            if (await core.ReadOwnerAsync(connection, transaction, ownerId, cancellationToken, forUpdate: true) is null)
            {
                return Rollback(ScheduleWrite.UnknownOwner);
            }

            var others = await QueryAsync(connection, transaction, cancellationToken, r => r.GetInt64(0),
                "SELECT COUNT(*) FROM schedules WHERE owner_id = @owner AND id <> @id;", ("@owner", ownerId), ("@id", schedule.Id));
            if (others.Single() >= ISchedulesStore.SchedulesPerOwner)
            {
                return Rollback(ScheduleWrite.TooMany);
            }

            var (weekly, overrides, travel) = ScheduleColumns.ToColumns(schedule);
            await ExecuteAsync(connection, transaction, cancellationToken,
                """
                INSERT INTO schedules (owner_id, id, name, weekly_hours, overrides, time_zone, travel, created_at)
                VALUES (@owner, @id, @name, @weekly, @overrides, @zone, @travel, @now)
                ON CONFLICT (owner_id, id) DO UPDATE SET
                    name = excluded.name, weekly_hours = excluded.weekly_hours, overrides = excluded.overrides, time_zone = excluded.time_zone, travel = excluded.travel;
                """,
                ("@owner", ownerId), ("@id", schedule.Id), ("@name", schedule.Name), ("@weekly", weekly), ("@overrides", overrides),
                ("@zone", (object?)schedule.TimeZone?.Id ?? DBNull.Value), ("@travel", travel), ("@now", ToColumn(now)));
            await RaiseScheduleVersionAsync(connection, transaction, raised, ownerId, cancellationToken);
            return Commit(ScheduleWrite.Saved);
        }, cancellationToken);

    public async Task<ScheduleDeletion> DeleteScheduleAsync(string ownerId, string scheduleId, CancellationToken cancellationToken) =>
        await core.WriteAsync<ScheduleDeletion>("delete_schedule", async (connection, transaction, raised) =>
        {
            if (await core.ReadOwnerAsync(connection, transaction, ownerId, cancellationToken, forUpdate: true) is null)
            {
                return Rollback<ScheduleDeletion>(new ScheduleDeletion.NotFound());
            }

            var users = await QueryAsync(connection, transaction, cancellationToken, r => r.String("slug"),
                """
                SELECT slug FROM meeting_types WHERE owner_id = @owner AND schedule = @id
                UNION ALL
                SELECT h.team_id || '/' || h.slug AS slug FROM team_meeting_type_hosts h WHERE h.owner_id = @owner AND h.schedule = @id
                ORDER BY slug;
                """,
                ("@owner", ownerId), ("@id", scheduleId));
            if (users.Count > 0)
            {
                return Rollback<ScheduleDeletion>(new ScheduleDeletion.InUse(users));
            }

            var deleted = await ExecuteAsync(connection, transaction, cancellationToken,
                "DELETE FROM schedules WHERE owner_id = @owner AND id = @id;", ("@owner", ownerId), ("@id", scheduleId));
            if (deleted == 0)
            {
                return Rollback<ScheduleDeletion>(new ScheduleDeletion.NotFound());
            }

            await RaiseScheduleVersionAsync(connection, transaction, raised, ownerId, cancellationToken);
            return Commit<ScheduleDeletion>(new ScheduleDeletion.Deleted());
        }, cancellationToken);
}

/// <summary>
/// A schedule's hours as its row keeps them: weekly hours as <c>{"1": [["09:00", "12:00"]]}</c> (ISO weekdays, 1 Monday),
/// overrides as <c>[{"date": "2027-03-01", "hours": [["14:00", "16:00"]]}]</c> (no hours: a day off), times as
/// <see cref="ColumnValues"/> writes them (an end of day is 24:00); its zone as a tz id (NULL: the owner's) and its travel
/// as <c>[{"from": "2027-03-10", "to": "2027-03-20", "time_zone": "Asia/Tokyo"}]</c>.
/// </summary>
internal static class ScheduleColumns
{
    public static (string Weekly, string Overrides, string Travel) ToColumns(StoredSchedule schedule) =>
    (
        JsonSerializer.Serialize(schedule.Weekly.Days.Where(d => d.Value.Count > 0).ToDictionary(d => ((int)d.Key).ToString(System.Globalization.CultureInfo.InvariantCulture), d => Ranges(d.Value))),
        JsonSerializer.Serialize(schedule.Overrides.OrderBy(o => o.Date).Select(o => new OverrideRow(ToColumn(o.Date), Ranges(o.Hours)))),
        TravelColumn.ToColumn(schedule.Travel)
    );

    public static StoredSchedule Read(DbDataReader r) =>
        new(r.String("id"), r.String("name"), Weekly(r.String("weekly_hours")), Overrides(r.String("overrides")))
        {
            TimeZone = Zone(r.StringOrNull("time_zone")),
            Travel = TravelColumn.FromColumn(r.String("travel")),
        };

    /// <summary>
    /// The plan of a schedule's row: its weekly hours and overrides (a schedule has no date-range rules), and the zones
    /// of its hours for an owner in <paramref name="ownerZone"/> (null when they are the owner's on every date).
    /// </summary>
    public static (AvailabilityPlan Plan, HoursZones? Zones) Plan(DbDataReader r, DateTimeZone ownerZone)
    {
        var schedule = Read(r);
        return (schedule.Plan, schedule.ZonesFor(ownerZone));
    }

    private static WeeklyHours Weekly(string json) =>
        new(JsonSerializer.Deserialize<Dictionary<string, string[][]>>(json)!
            .ToDictionary(d => (IsoDayOfWeek)int.Parse(d.Key, System.Globalization.CultureInfo.InvariantCulture), d => (IReadOnlyList<TimeOfDayRange>)[.. d.Value.Select(h => ToHours(h[0], h[1]))]));

    private static List<DateOverride> Overrides(string json) =>
        [.. JsonSerializer.Deserialize<List<OverrideRow>>(json)!.Select(o => new DateOverride(ToDate(o.Date), [.. o.Hours.Select(h => ToHours(h[0], h[1]))]))];

    /// <summary>A zone the tz database no longer knows reads as the owner's: the hours stay, in the zone the owner lives in.</summary>
    private static DateTimeZone? Zone(string? id) => id is null ? null : ZoneRules.Find(id);

    private static string[][] Ranges(IEnumerable<TimeOfDayRange> hours) => [.. hours.Select(h => new[] { StartToColumn(h), EndToColumn(h) })];

    private sealed record OverrideRow(
        [property: System.Text.Json.Serialization.JsonPropertyName("date")] string Date,
        [property: System.Text.Json.Serialization.JsonPropertyName("hours")] string[][] Hours);

}

/// <summary>
/// Travel as a row keeps it (a named schedule's, or the owner's for their default hours):
/// <c>[{"from": "2027-03-10", "to": "2027-03-20", "time_zone": "Asia/Tokyo"}]</c>, in date order. A period whose zone the
/// tz database no longer knows is left out: those dates' hours stay in the schedule's zone.
/// </summary>
internal static class TravelColumn
{
    public static string ToColumn(IEnumerable<TravelPeriod> travel) =>
        JsonSerializer.Serialize(travel.OrderBy(t => t.Dates.Start).Select(t => new TravelRow(ColumnValues.ToColumn(t.Dates.Start), ColumnValues.ToColumn(t.Dates.End), t.Zone.Id)));

    public static List<TravelPeriod> FromColumn(string json) =>
        [.. JsonSerializer.Deserialize<List<TravelRow>>(json)!
            .Where(t => ZoneRules.Find(t.TimeZone) is not null)
            .Select(t => new TravelPeriod(new DateInterval(ToDate(t.From), ToDate(t.To)), ZoneRules.Get(t.TimeZone)))];

    private sealed record TravelRow(
        [property: System.Text.Json.Serialization.JsonPropertyName("from")] string From,
        [property: System.Text.Json.Serialization.JsonPropertyName("to")] string To,
        [property: System.Text.Json.Serialization.JsonPropertyName("time_zone")] string TimeZone);
}
