using System.Data.Common;
using System.Text.Json;
using Agenda.Scheduling.Availability;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;

namespace Agenda.Storage.Relational;

/// <summary>
/// Connected calendars. Their busy times are read with the owner's bookings (<see cref="ExternalBusyQuery"/>); every
/// write that changes what counts as busy (new busy times, a connection removed, a connection going stale or coming
/// back) raises the owner's version in the same transaction, so cached slots are computed again on every node.
/// </summary>
public sealed partial class ScheduleStore : ICalendarConnectionStore
{
    private const string ConnectionColumns =
        "c.id, c.owner_id, c.kind, c.secret_box, c.display_host, c.busy_calendars, c.write_calendar, c.when_unreachable, c.state, c.last_error, " +
        "c.last_attempt_at, c.last_success_at, c.next_sync_at, c.validators, c.created_at";

    /// <summary>
    /// The busy times near @from to @to that count: those of connections not stale, or stale but offering anyway; and the
    /// whole of @from to @to for a connection that is stale and blocks, so nothing is offered that might be busy.
    /// </summary>
    internal const string ExternalBusyQuery =
        """
        SELECT b.start_utc, b.end_utc FROM external_busy b JOIN calendar_connections c ON c.id = b.connection_id
        WHERE b.owner_id = @owner AND b.end_utc > @from AND b.start_utc < @to AND c.state <> 'stale'
        UNION ALL
        SELECT @from, @to FROM calendar_connections WHERE owner_id = @owner AND state = 'stale' AND when_unreachable = 'block';
        """;

    public Task<OwnerWrite> AddConnectionAsync(StoredConnection connection, CancellationToken cancellationToken) =>
        WriteCappedAsync(connection.OwnerId, cancellationToken, async (db, transaction) =>
        {
            if (await CountAsync(db, transaction, "calendar_connections", connection.OwnerId, cancellationToken) >= limits.MaxCalendarConnections)
            {
                return new OwnerWrite.LimitReached(OwnerLimit.CalendarConnections, limits.MaxCalendarConnections);
            }

            await ExecuteAsync(db, transaction, cancellationToken,
                """
                INSERT INTO calendar_connections (id, owner_id, kind, secret_box, display_host, busy_calendars, write_calendar, when_unreachable, state,
                                                  next_sync_at, created_at)
                VALUES (@id, @owner, @kind, @box, @host, @busy, @write, @when, 'pending', @now, @now);
                """,
                ("@id", connection.Id), ("@owner", connection.OwnerId), ("@kind", connection.Kind), ("@box", connection.SecretBox),
                ("@host", connection.DisplayHost), ("@busy", ToColumn(BusyCalendarsColumn(connection.Settings.BusyCalendars))),
                ("@write", ToColumn(connection.Settings.WriteCalendar)), ("@when", connection.Settings.WhenUnreachable), ("@now", ToColumn(connection.CreatedAt)));
            return new OwnerWrite.Written(1);
        }, changesSlots: false);

    public Task<IReadOnlyList<StoredConnection>?> ListConnectionsAsync(string ownerId, CancellationToken cancellationToken) =>
        ReadForOwnerAsync<IReadOnlyList<StoredConnection>>(ownerId, cancellationToken, async (connection, transaction, _) =>
            await QueryAsync(connection, transaction, cancellationToken, ReadConnection,
                $"SELECT {ConnectionColumns} FROM calendar_connections c WHERE c.owner_id = @owner ORDER BY c.created_at, c.id;", ("@owner", ownerId)));

    public async Task<StoredConnection?> FindConnectionAsync(string ownerId, string connectionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await QueryAsync(connection, null, cancellationToken, ReadConnection,
            $"SELECT {ConnectionColumns} FROM calendar_connections c WHERE c.id = @id AND c.owner_id = @owner;", ("@id", connectionId), ("@owner", ownerId)))
            .SingleOrDefault();
    }

    public Task<bool> UpdateConnectionAsync(string ownerId, string connectionId, ConnectionSettings settings, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction, raised) =>
        {
            await ReadOwnerAsync(connection, transaction, ownerId, cancellationToken, forUpdate: true);
            // Other calendars may count now: read again at once.
            var changed = await ExecuteAsync(connection, transaction, cancellationToken,
                """
                UPDATE calendar_connections SET busy_calendars = @busy, write_calendar = @write, when_unreachable = @when, next_sync_at = 0, validators = NULL
                WHERE id = @id AND owner_id = @owner;
                """,
                ("@id", connectionId), ("@owner", ownerId), ("@busy", ToColumn(BusyCalendarsColumn(settings.BusyCalendars))),
                ("@write", ToColumn(settings.WriteCalendar)), ("@when", settings.WhenUnreachable));
            if (changed == 0)
            {
                return Rollback(false);
            }

            await RaiseScheduleVersionAsync(connection, transaction, raised, ownerId, cancellationToken);
            return Commit(true);
        }, cancellationToken);

    public Task<bool> DeleteConnectionAsync(string ownerId, string connectionId, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction, raised) =>
        {
            await ReadOwnerAsync(connection, transaction, ownerId, cancellationToken, forUpdate: true);
            var deleted = await ExecuteAsync(connection, transaction, cancellationToken,
                """
                DELETE FROM external_busy WHERE connection_id = (SELECT id FROM calendar_connections WHERE id = @id AND owner_id = @owner);
                DELETE FROM calendar_connections WHERE id = @id AND owner_id = @owner;
                """,
                ("@id", connectionId), ("@owner", ownerId));
            if (deleted == 0)
            {
                return Rollback(false);
            }

            await RaiseScheduleVersionAsync(connection, transaction, raised, ownerId, cancellationToken);
            return Commit(true);
        }, cancellationToken);

    public Task<IReadOnlyList<StoredConnection>> ClaimForSyncAsync(Instant now, Duration lease, int max, string? ownerId, CancellationToken cancellationToken) =>
        WriteAsync<IReadOnlyList<StoredConnection>>(async (connection, transaction, _) =>
        {
            var claimed = await QueryAsync(connection, transaction, cancellationToken, ReadConnection,
                $"""
                SELECT {ConnectionColumns} FROM calendar_connections c
                WHERE c.lease_until <= @now AND {(ownerId is null ? "c.next_sync_at <= @now" : "c.owner_id = @owner")}
                ORDER BY c.next_sync_at, c.id LIMIT @max{database.LockSkippingLocked("c")};
                """,
                ("@now", ToColumn(now)), ("@owner", ownerId ?? ""), ("@max", max));
            foreach (var item in claimed)
            {
                await ExecuteAsync(connection, transaction, cancellationToken,
                    "UPDATE calendar_connections SET lease_until = @until WHERE id = @id;", ("@id", item.Id), ("@until", ToColumn(now + lease)));
            }

            return new WriteDecision<IReadOnlyList<StoredConnection>>(claimed, claimed.Count > 0);
        }, cancellationToken);

    public Task RecordSyncAsync(SyncRecord record, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction, raised) =>
        {
            if (await ReadOwnerAsync(connection, transaction, record.OwnerId, cancellationToken, forUpdate: true) is null)
            {
                return Rollback(false);
            }

            var current = (await QueryAsync(connection, transaction, cancellationToken, r => (State: r.GetString(0), LastSuccess: r.IsDBNull(1) ? (Instant?)null : ToInstant(r.GetInt64(1))),
                "SELECT state, last_success_at FROM calendar_connections WHERE id = @id;", ("@id", record.ConnectionId))).SingleOrDefault();
            if (current.State is null)
            {
                // Removed while it was being read.
                return Rollback(false);
            }

            var succeeded = record.Error is null;
            var lastSuccess = succeeded ? record.At : current.LastSuccess;
            var state = succeeded ? ConnectionStates.Ok
                : ExternalBusy.IsStale(lastSuccess, record.At, record.MaxAge) ? ConnectionStates.Stale
                : ConnectionStates.Failing;
            var busyChanged = succeeded && !record.Unchanged && record.Busy is { } busy
                && await ReplaceBusyAsync(connection, transaction, record, busy, cancellationToken);
            await ExecuteAsync(connection, transaction, cancellationToken,
                """
                UPDATE calendar_connections
                SET state = @state, last_error = @error, last_attempt_at = @at, last_success_at = @success, next_sync_at = @next, lease_until = 0,
                    validators = CASE WHEN @succeeded = 1 THEN @validators ELSE validators END
                WHERE id = @id;
                """,
                ("@id", record.ConnectionId), ("@state", state), ("@error", ToColumn(record.Error)), ("@at", ToColumn(record.At)),
                ("@success", ToColumn(lastSuccess is { } s ? ToColumn(s) : null)), ("@next", ToColumn(record.NextSyncAt)),
                ("@succeeded", succeeded ? 1 : 0), ("@validators", ToColumn(record.Validators)));

            // Going stale or coming back changes what counts as busy, as do new busy times.
            if (busyChanged || (state == ConnectionStates.Stale) != (current.State == ConnectionStates.Stale))
            {
                await RaiseScheduleVersionAsync(connection, transaction, raised, record.OwnerId, cancellationToken);
            }

            return Commit(true);
        }, cancellationToken);

    public async Task<IReadOnlySet<string>> OwnersWithConnectionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await QueryAsync(connection, null, cancellationToken, r => r.GetString(0), "SELECT DISTINCT owner_id FROM calendar_connections;"))
            .ToHashSet(StringComparer.Ordinal);
    }

    public async Task<IReadOnlyDictionary<string, long>> CountConnectionsByStateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await QueryAsync(connection, null, cancellationToken, r => (State: r.GetString(0), Count: r.GetInt64(1)),
            "SELECT state, COUNT(*) FROM calendar_connections GROUP BY state;")).ToDictionary(r => r.State, r => r.Count, StringComparer.Ordinal);
    }

    /// <summary>Replaces the connection's busy times inside the window; true when they differ from those kept.</summary>
    private static async Task<bool> ReplaceBusyAsync(DbConnection connection, DbTransaction transaction, SyncRecord record, IReadOnlyList<Interval> busy, CancellationToken cancellationToken)
    {
        var kept = await QueryAsync(connection, transaction, cancellationToken, r => (r.GetInt64(0), r.GetInt64(1)),
            "SELECT start_utc, end_utc FROM external_busy WHERE connection_id = @id ORDER BY start_utc, end_utc;", ("@id", record.ConnectionId));
        var read = busy.Select(b => (ToColumn(b.Start), ToColumn(b.End))).Where(b => b.Item2 > b.Item1).Distinct().Order().ToList();
        if (kept.SequenceEqual(read))
        {
            return false;
        }

        await ExecuteAsync(connection, transaction, cancellationToken, "DELETE FROM external_busy WHERE connection_id = @id;", ("@id", record.ConnectionId));
        foreach (var chunk in read.Chunk(200))
        {
            var values = string.Join(", ", chunk.Select((_, i) => $"(@id, @owner, @s{i}, @e{i})"));
            var parameters = new List<(string, object)> { ("@id", record.ConnectionId), ("@owner", record.OwnerId) };
            for (var i = 0; i < chunk.Length; i++)
            {
                parameters.Add(($"@s{i}", chunk[i].Item1));
                parameters.Add(($"@e{i}", chunk[i].Item2));
            }

            await ExecuteAsync(connection, transaction, cancellationToken, $"INSERT INTO external_busy (connection_id, owner_id, start_utc, end_utc) VALUES {values};", [.. parameters]);
        }

        return true;
    }

    private static string? BusyCalendarsColumn(IReadOnlyList<string>? calendars) => calendars is null ? null : JsonSerializer.Serialize(calendars);

    private static StoredConnection ReadConnection(DbDataReader r) =>
        new(
            r.GetString(0),
            r.GetString(1),
            r.GetString(2),
            (byte[])r.GetValue(3),
            r.GetString(4),
            new ConnectionSettings(
                r.IsDBNull(5) ? null : JsonSerializer.Deserialize<List<string>>(r.GetString(5)),
                r.IsDBNull(6) ? null : r.GetString(6),
                r.GetString(7)),
            r.GetString(8),
            r.IsDBNull(9) ? null : r.GetString(9),
            r.IsDBNull(10) ? null : ToInstant(r.GetInt64(10)),
            r.IsDBNull(11) ? null : ToInstant(r.GetInt64(11)),
            ToInstant(r.GetInt64(12)),
            r.IsDBNull(13) ? null : r.GetString(13),
            ToInstant(r.GetInt64(14)));
}
