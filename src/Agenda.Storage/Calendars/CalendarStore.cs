using System.Data.Common;
using System.Text.Json;
using Agenda.Scheduling.Availability;
using Agenda.Storage.Relational;
using NodaTime;
using static Agenda.Storage.Outbox.OutboxEvents;
using static Agenda.Storage.Relational.ColumnValues;
using static Agenda.Storage.Relational.StoreCore;

namespace Agenda.Storage.Calendars;

/// <summary>
/// Connected calendars. Their busy times are read with the owner's bookings (<see cref="ExternalBusyQuery"/>); every
/// write that changes what counts as busy (new busy times, a connection removed, a connection going stale or coming
/// back) raises the owner's version in the same transaction, so cached slots are computed again on every node.
/// </summary>
internal sealed class CalendarStore(StoreCore core) : ICalendarConnectionStore
{
    /// <summary>A connection <c>c</c>, as <see cref="ReadConnection"/> reads it.</summary>
    private const string ConnectionColumns =
        "c.id AS id, c.owner_id AS owner_id, c.kind AS kind, c.secret_box AS secret_box, c.display_host AS display_host, c.busy_calendars AS busy_calendars, " +
        "c.write_calendar AS write_calendar, c.when_unreachable AS when_unreachable, c.state AS state, c.last_error AS last_error, " +
        "c.last_attempt_at AS last_attempt_at, c.last_success_at AS last_success_at, c.next_sync_at AS next_sync_at, c.validators AS validators, " +
        "c.created_at AS created_at, c.stale_at AS stale_at";

    /// <summary>
    /// The busy times near @from to @to that count at @clock, each with its connection: those of connections not stale
    /// then; and the whole of @from to @to for a connection that is stale then and blocks (<c>unreachable</c> 1), so
    /// nothing is offered that might be busy. A connection is
    /// stale once recorded so, or from its stale_at on (<see cref="ConnectionStates.At"/>), judged at the clock of the
    /// read, not at the next read attempt. Then, in a result of its own, the first stale_at still ahead of @clock: when
    /// what counts changes next without any write.
    /// </summary>
    internal const string ExternalBusyQuery =
        """
        SELECT b.start_utc AS start_utc, b.end_utc AS end_utc, b.connection_id AS connection_id, 0 AS unreachable
        FROM external_busy b JOIN calendar_connections c ON c.id = b.connection_id
        WHERE b.owner_id = @owner AND b.end_utc > @from AND b.start_utc < @to AND c.state <> 'stale' AND (c.stale_at IS NULL OR c.stale_at > @clock)
        UNION ALL
        SELECT @from, @to, id, 1 FROM calendar_connections
        WHERE owner_id = @owner AND when_unreachable = 'block' AND (state = 'stale' OR (state IN ('ok', 'failing') AND stale_at <= @clock));
        SELECT MIN(stale_at) AS next_stale_at FROM calendar_connections WHERE owner_id = @owner AND state <> 'stale' AND stale_at > @clock;
        """;

    public Task<OwnerWrite> AddConnectionAsync(StoredConnection connection, CancellationToken cancellationToken) =>
        core.WriteCappedAsync("add_calendar_connection", connection.OwnerId, cancellationToken, async (db, transaction) =>
        {
            if (await CountAsync(db, transaction, "calendar_connections", connection.OwnerId, cancellationToken) >= core.Limits.MaxCalendarConnections)
            {
                return new OwnerWrite.LimitReached(OwnerLimit.CalendarConnections, core.Limits.MaxCalendarConnections);
            }

            await ExecuteAsync(db, transaction, cancellationToken,
                """
                INSERT INTO calendar_connections (id, owner_id, kind, secret_box, display_host, busy_calendars, write_calendar, when_unreachable, state,
                                                  next_sync_at, created_at, reads_started)
                VALUES (@id, @owner, @kind, @box, @host, @busy, @write, @when, 'pending', @now, @now, 1);
                """,
                ("@id", connection.Id), ("@owner", connection.OwnerId), ("@kind", connection.Kind), ("@box", connection.SecretBox),
                ("@host", connection.DisplayHost), ("@busy", ToColumn(BusyCalendarsColumn(connection.Settings.BusyCalendars))),
                ("@write", ToColumn(connection.Settings.WriteCalendar)), ("@when", connection.Settings.WhenUnreachable), ("@now", ToColumn(connection.CreatedAt)));
            return new OwnerWrite.Written(1);
        }, changesSlots: false);

    public Task<IReadOnlyList<StoredConnection>?> ListConnectionsAsync(string ownerId, CancellationToken cancellationToken) =>
        core.ReadForOwnerAsync<IReadOnlyList<StoredConnection>>("list_calendar_connections", ownerId, cancellationToken, async (connection, transaction, _) =>
            await QueryAsync(connection, transaction, cancellationToken, ReadConnection,
                $"SELECT {ConnectionColumns} FROM calendar_connections c WHERE c.owner_id = @owner ORDER BY c.created_at, c.id;", ("@owner", ownerId)));

    public Task<StoredConnection?> FindConnectionAsync(string ownerId, string connectionId, CancellationToken cancellationToken) =>
        core.ReadAsync("find_calendar_connection", async connection =>
            (await QueryAsync(connection, null, cancellationToken, ReadConnection,
                $"SELECT {ConnectionColumns} FROM calendar_connections c WHERE c.id = @id AND c.owner_id = @owner;", ("@id", connectionId), ("@owner", ownerId)))
                .SingleOrDefault(), cancellationToken);

    public Task<bool> UpdateConnectionAsync(string ownerId, string connectionId, ConnectionSettings settings, CancellationToken cancellationToken) =>
        core.WriteAsync("update_calendar_connection", async (connection, transaction, raised) =>
        {
            await core.ReadOwnerAsync(connection, transaction, ownerId, cancellationToken, forUpdate: true);
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
        core.WriteAsync("delete_calendar_connection", async (connection, transaction, raised) =>
        {
            await core.ReadOwnerAsync(connection, transaction, ownerId, cancellationToken, forUpdate: true);
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
        core.WriteAsync<IReadOnlyList<StoredConnection>>("claim_calendar_sync", async (connection, transaction, _) =>
        {
            // The background skips what another node is reading; a read on demand waits for a claim in progress and reads again.
            var claimed = await QueryAsync(connection, transaction, cancellationToken, ReadConnection,
                $"""
                SELECT {ConnectionColumns} FROM calendar_connections c
                WHERE {(ownerId is null ? "c.lease_until <= @now AND c.next_sync_at <= @now" : "c.owner_id = @owner")}
                ORDER BY c.next_sync_at, c.id LIMIT @max{(ownerId is null ? core.LockSkippingLocked("c") : core.LockRowClause)};
                """,
                ("@now", ToColumn(now)), ("@owner", ownerId ?? ""), ("@max", max));
            var tickets = new List<StoredConnection>(claimed.Count);
            foreach (var item in claimed)
            {
                var ticket = (await QueryAsync(connection, transaction, cancellationToken, r => r.Long("reads_started"),
                    "UPDATE calendar_connections SET lease_until = @until, reads_started = reads_started + 1 WHERE id = @id RETURNING reads_started;",
                    ("@id", item.Id), ("@until", ToColumn(now + lease))))[0];
                tickets.Add(item with { ReadTicket = ticket });
            }

            return new WriteDecision<IReadOnlyList<StoredConnection>>(tickets, tickets.Count > 0);
        }, cancellationToken);

    public Task<bool> RecordSyncAsync(SyncRecord record, CancellationToken cancellationToken) =>
        core.WriteAsync("record_calendar_sync", async (connection, transaction, raised) =>
        {
            if (await core.ReadOwnerAsync(connection, transaction, record.OwnerId, cancellationToken, forUpdate: true) is null)
            {
                return Rollback(false);
            }

            var current = (await QueryAsync(connection, transaction, cancellationToken,
                r => (State: r.String("state"), LastSuccess: r.InstantOrNull("last_success_at"), LastRead: r.Long("last_read"), StaleAt: r.InstantOrNull("stale_at")),
                "SELECT state, last_success_at, last_read, stale_at FROM calendar_connections WHERE id = @id;", ("@id", record.ConnectionId))).SingleOrDefault();
            if (current.State is null || record.ReadTicket <= current.LastRead)
            {
                // Removed while it was being read, or a read that began later has been recorded: this copy is older.
                return Rollback(false);
            }

            var succeeded = record.Error is null;
            var lastSuccess = succeeded ? record.At : current.LastSuccess;
            var staleAt = succeeded ? record.At + record.MaxAge : current.StaleAt;
            var state = succeeded ? ConnectionStates.Ok
                : ExternalBusy.IsStale(lastSuccess, record.At, record.MaxAge) ? ConnectionStates.Stale
                : ConnectionStates.Failing;
            var busyChanged = succeeded && !record.Unchanged && record.Busy is { } busy
                && await ReplaceBusyAsync(connection, transaction, record, busy, cancellationToken);
            await ExecuteAsync(connection, transaction, cancellationToken,
                """
                UPDATE calendar_connections
                SET state = @state, last_error = @error, last_attempt_at = @at, last_success_at = @success, next_sync_at = @next, lease_until = 0,
                    validators = CASE WHEN @succeeded = 1 THEN @validators ELSE validators END, stale_at = @stale_at, last_read = @ticket
                WHERE id = @id;
                """,
                ("@id", record.ConnectionId), ("@state", state), ("@error", ToColumn(record.Error)), ("@at", ToColumn(record.At)),
                ("@success", ToColumn(lastSuccess is { } s ? ToColumn(s) : null)), ("@next", ToColumn(record.NextSyncAt)),
                ("@succeeded", succeeded ? 1 : 0), ("@validators", ToColumn(record.Validators)),
                ("@stale_at", ToColumn(staleAt is { } t ? ToColumn(t) : null)), ("@ticket", record.ReadTicket));

            // The owner hears when a working calendar starts failing, and when one goes stale.
            var told = state == ConnectionStates.Failing && current.State == ConnectionStates.Ok ? CalendarEvents.Failing
                : state == ConnectionStates.Stale && current.State is ConnectionStates.Ok or ConnectionStates.Failing ? CalendarEvents.Stale
                : null;
            if (told is not null)
            {
                await AddCalendarEventAsync(connection, transaction, told, record.OwnerId, record.ConnectionId, record.At, cancellationToken);
            }

            // Going stale or coming back changes what counts as busy, as do new busy times; staleness as of this read's moment.
            // A first good copy brings a moment of going stale that answers computed before did not expire at.
            var wasStale = ConnectionStates.At(current.State, current.StaleAt, record.At) == ConnectionStates.Stale;
            if (busyChanged || (state == ConnectionStates.Stale) != wasStale || (current.StaleAt is null && staleAt is not null))
            {
                await RaiseScheduleVersionAsync(connection, transaction, raised, record.OwnerId, cancellationToken);
            }

            return Commit(true);
        }, cancellationToken);

    public Task<int> MarkStaleAsync(Instant now, CancellationToken cancellationToken) =>
        core.WriteAsync("mark_calendars_stale", async (connection, transaction, raised) =>
        {
            var due = await QueryAsync(connection, transaction, cancellationToken, r => (Id: r.String("id"), OwnerId: r.String("owner_id")),
                $"""
                SELECT c.id AS id, c.owner_id AS owner_id FROM calendar_connections c
                WHERE c.state IN ('ok', 'failing') AND c.stale_at <= @now ORDER BY c.stale_at, c.id LIMIT 100{core.LockSkippingLocked("c")};
                """,
                ("@now", ToColumn(now)));
            foreach (var (id, ownerId) in due)
            {
                await ExecuteAsync(connection, transaction, cancellationToken,
                    "UPDATE calendar_connections SET state = 'stale' WHERE id = @id;", ("@id", id));
                await AddCalendarEventAsync(connection, transaction, CalendarEvents.Stale, ownerId, id, now, cancellationToken);
                // What counts did change at stale_at (every read judges it by its clock); this tells the caches of every node.
                await RaiseScheduleVersionAsync(connection, transaction, raised, ownerId, cancellationToken);
            }

            return new WriteDecision<int>(due.Count, due.Count > 0);
        }, cancellationToken);

    /// <summary>An outbox event about a connection: its booking id is the connection's id, its times the moment it happened.</summary>
    private static Task AddCalendarEventAsync(
        DbConnection connection, DbTransaction transaction, string eventType, string ownerId, string connectionId, Instant at, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, cancellationToken, InsertEventSql,
            EventParameters(eventType, ownerId, connectionId, 0, new Agenda.Scheduling.Slots.Slot(at, at + Duration.FromSeconds(1)), null, at));

    public Task<IReadOnlySet<string>> OwnersWithConnectionsAsync(CancellationToken cancellationToken) =>
        core.ReadAsync<IReadOnlySet<string>>("owners_with_calendars", async connection =>
            (await QueryAsync(connection, null, cancellationToken, r => r.String("owner_id"), "SELECT DISTINCT owner_id FROM calendar_connections;"))
                .ToHashSet(StringComparer.Ordinal), cancellationToken);

    public Task<IReadOnlyDictionary<string, long>> CountConnectionsByStateAsync(CancellationToken cancellationToken) =>
        core.ReadAsync<IReadOnlyDictionary<string, long>>("count_calendar_connections", async connection =>
            (await QueryAsync(connection, null, cancellationToken, r => (State: r.String("state"), Count: r.Long("count")),
                "SELECT state, COUNT(*) AS count FROM calendar_connections GROUP BY state;")).ToDictionary(r => r.State, r => r.Count, StringComparer.Ordinal), cancellationToken);

    /// <summary>Replaces the connection's busy times inside the window; true when they differ from those kept.</summary>
    private static async Task<bool> ReplaceBusyAsync(DbConnection connection, DbTransaction transaction, SyncRecord record, IReadOnlyList<Interval> busy, CancellationToken cancellationToken)
    {
        var kept = await QueryAsync(connection, transaction, cancellationToken, r => (r.Long("start_utc"), r.Long("end_utc")),
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

    /// <summary>A connection of a row with the <see cref="ConnectionColumns"/>.</summary>
    private static StoredConnection ReadConnection(DbDataReader r) =>
        new(
            r.String("id"),
            r.String("owner_id"),
            r.String("kind"),
            r.Bytes("secret_box"),
            r.String("display_host"),
            new ConnectionSettings(
                r.StringOrNull("busy_calendars") is { } busy ? JsonSerializer.Deserialize<List<string>>(busy) : null,
                r.StringOrNull("write_calendar"),
                r.String("when_unreachable")),
            r.String("state"),
            r.StringOrNull("last_error"),
            r.InstantOrNull("last_attempt_at"),
            r.InstantOrNull("last_success_at"),
            r.Instant("next_sync_at"),
            r.StringOrNull("validators"),
            r.Instant("created_at"))
        {
            StaleAt = r.InstantOrNull("stale_at"),
        };
}
