using Agenda.Storage.Relational;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;
using static Agenda.Storage.Relational.StoreCore;

namespace Agenda.Storage.TimeZones;

/// <summary>The recorded tz database version (<c>time_zone_rules</c>, one row) and the upcoming bookings by their owner's zone.</summary>
internal sealed class TimeZoneRulesStore(StoreCore core) : ITimeZoneRulesStore
{
    public Task<string?> RecordedVersionAsync(CancellationToken cancellationToken) =>
        core.ReadAsync("read_time_zone_rules", async connection =>
            (await QueryAsync(connection, null, cancellationToken, r => r.String("version"), "SELECT version FROM time_zone_rules WHERE id = 1;")).SingleOrDefault(),
            cancellationToken);

    public Task<IReadOnlyList<ZonedMeeting>> UpcomingInZonesAsync(IReadOnlyCollection<string> zoneIds, Instant now, CancellationToken cancellationToken)
    {
        if (zoneIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<ZonedMeeting>>([]);
        }

        var ids = zoneIds.Select((id, i) => ($"@zone{i}", (object)id)).ToArray();
        return core.ReadAsync<IReadOnlyList<ZonedMeeting>>("list_zoned_meetings", async connection =>
            await QueryAsync(connection, null, cancellationToken,
                r => new ZonedMeeting(r.String("id"), r.String("owner_id"), r.Instant("start_utc"), r.String("time_zone")),
                $"""
                SELECT b.id, b.owner_id, b.start_utc, o.time_zone FROM bookings b JOIN owners o ON o.id = b.owner_id
                WHERE o.time_zone IN ({string.Join(", ", ids.Select(p => p.Item1))}) AND b.holds_time AND b.end_utc > @now
                ORDER BY b.owner_id, b.start_utc, b.id;
                """,
                [.. ids, ("@now", ToColumn(now))]), cancellationToken);
    }

    public Task<bool> RecordAsync(string? expected, string version, Instant at, IReadOnlyList<AuditEntry> reports, CancellationToken cancellationToken) =>
        core.WriteAsync("record_time_zone_rules", async (connection, transaction, _) =>
        {
            // The row is claimed first (inserted, or updated from the expected version), so of two nodes only one reports.
            var claimed = expected is null
                ? await ExecuteAsync(connection, transaction, cancellationToken,
                    "INSERT INTO time_zone_rules (id, version, applied_at) VALUES (1, @version, @at) ON CONFLICT (id) DO NOTHING;",
                    ("@version", version), ("@at", ToColumn(at)))
                : await ExecuteAsync(connection, transaction, cancellationToken,
                    "UPDATE time_zone_rules SET version = @version, applied_at = @at WHERE id = 1 AND version = @expected;",
                    ("@version", version), ("@at", ToColumn(at)), ("@expected", expected));
            if (claimed == 0)
            {
                return new WriteDecision<bool>(false, false);
            }

            foreach (var entry in reports)
            {
                await ExecuteAsync(connection, transaction, cancellationToken,
                    """
                    INSERT INTO audit_log (id, occurred_at, actor, owner_id, action, target, status, address)
                    VALUES (@id, @at, @actor, @owner, @action, @target, @status, NULL);
                    """,
                    ("@id", entry.Id), ("@at", ToColumn(entry.OccurredAt)), ("@actor", entry.Actor), ("@owner", ToColumn(entry.OwnerId)), ("@action", entry.Action),
                    ("@target", ToColumn(entry.Target)), ("@status", entry.Status));
            }

            return Commit(true);
        }, cancellationToken);
}
