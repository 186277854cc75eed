using System.Data.Common;
using Agenda.Storage.Relational;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;
using static Agenda.Storage.Relational.StoreCore;

namespace Agenda.Storage.Outbox;

/// <summary>
/// The outbox's delivering side (<see cref="IOutboxStore"/>), the webhook endpoints it delivers to, the log of its
/// deliveries and the owners' notification settings. Every step is one short write transaction, so a node that dies
/// mid-way leaves either the step done or nothing: an event not yet fanned out is fanned out later, and a claimed
/// delivery whose lease runs out is claimed again. Events are written by the changes they tell of (<see cref="OutboxEvents"/>).
/// </summary>
internal sealed class OutboxStore(StoreCore core) : IOutboxStore, IWebhookEndpointStore, IDeliveryLogStore, INotificationSettingsStore
{
    private const string EndpointColumns =
        "w.id, w.owner_id, w.url, w.event_types, w.secret, w.enabled, w.created_at, w.previous_secret, w.previous_secret_expires_at, w.disabled_reason, w.failing_since";

    private const string EventColumns =
        "e.id, e.owner_id, e.booking_id, e.event_type, e.sequence, e.start_utc, e.end_utc, e.previous_start_utc, e.previous_end_utc, e.occurred_at";

    public Task<OwnerWrite> AddEndpointAsync(StoredEndpoint endpoint, CancellationToken cancellationToken) =>
        core.WriteCappedAsync("add_endpoint", endpoint.OwnerId, cancellationToken, async (connection, transaction) =>
        {
            var count = (await QueryAsync(connection, transaction, cancellationToken, r => r.GetInt64(0),
                "SELECT COUNT(*) FROM webhook_endpoints WHERE owner_id = @owner;", ("@owner", endpoint.OwnerId)))[0];
            if (count >= core.Limits.MaxWebhookEndpoints)
            {
                return new OwnerWrite.LimitReached(OwnerLimit.WebhookEndpoints, core.Limits.MaxWebhookEndpoints);
            }

            await ExecuteAsync(connection, transaction, cancellationToken,
                """
                INSERT INTO webhook_endpoints (id, owner_id, url, event_types, secret, enabled, created_at)
                VALUES (@id, @owner, @url, @types, @secret, 1, @now);
                """,
                ("@id", endpoint.Id), ("@owner", endpoint.OwnerId), ("@url", endpoint.Url), ("@types", string.Join(',', endpoint.EventTypes)),
                ("@secret", endpoint.Secret), ("@now", ToColumn(endpoint.CreatedAt)));
            return new OwnerWrite.Written(1);
        }, changesSlots: false);

    public Task<IReadOnlyList<StoredEndpoint>?> ListEndpointsAsync(string ownerId, CancellationToken cancellationToken) =>
        core.ReadForOwnerAsync<IReadOnlyList<StoredEndpoint>>("list_endpoints", ownerId, cancellationToken, async (connection, transaction, _) =>
            await QueryAsync(connection, transaction, cancellationToken, r => ReadEndpoint(r, 0),
                $"SELECT {EndpointColumns} FROM webhook_endpoints w WHERE w.owner_id = @owner ORDER BY w.created_at, w.id;", ("@owner", ownerId)));

    public Task<StoredEndpoint?> FindEndpointAsync(string ownerId, string endpointId, CancellationToken cancellationToken) =>
        core.ReadAsync("find_endpoint", connection => FindEndpointAsync(connection, null, ownerId, endpointId, cancellationToken), cancellationToken);

    public Task<bool> UpdateEndpointAsync(string ownerId, string endpointId, string url, IReadOnlyList<string> eventTypes, bool enabled, CancellationToken cancellationToken) =>
        core.WriteAsync("update_endpoint", async (connection, transaction, _) =>
        {
            var changed = await ExecuteAsync(connection, transaction, cancellationToken,
                """
                UPDATE webhook_endpoints SET url = @url, event_types = @types, enabled = @enabled,
                    disabled_reason = CASE WHEN @enabled = 1 THEN NULL ELSE disabled_reason END,
                    failing_since = CASE WHEN @enabled = 1 AND enabled = 0 THEN NULL ELSE failing_since END
                WHERE id = @id AND owner_id = @owner;
                """,
                ("@id", endpointId), ("@owner", ownerId), ("@url", url), ("@types", string.Join(',', eventTypes)), ("@enabled", enabled ? 1L : 0L));
            return new WriteDecision<bool>(changed == 1, changed == 1);
        }, cancellationToken);

    public Task<bool> RotateSecretAsync(string ownerId, string endpointId, string secret, Instant previousExpiresAt, CancellationToken cancellationToken) =>
        core.WriteAsync("rotate_endpoint_secret", async (connection, transaction, _) =>
        {
            var changed = await ExecuteAsync(connection, transaction, cancellationToken,
                """
                UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_expires_at = @expires, secret = @secret
                WHERE id = @id AND owner_id = @owner;
                """,
                ("@id", endpointId), ("@owner", ownerId), ("@secret", secret), ("@expires", ToColumn(previousExpiresAt)));
            return new WriteDecision<bool>(changed == 1, changed == 1);
        }, cancellationToken);

    public Task<bool> DeleteEndpointAsync(string ownerId, string endpointId, CancellationToken cancellationToken) =>
        core.WriteAsync("delete_endpoint", async (connection, transaction, _) =>
        {
            var deleted = await ExecuteAsync(connection, transaction, cancellationToken,
                """
                DELETE FROM delivery_attempts WHERE delivery_id IN
                    (SELECT d.id FROM deliveries d JOIN webhook_endpoints w ON w.id = d.endpoint_id WHERE w.id = @id AND w.owner_id = @owner);
                DELETE FROM deliveries WHERE endpoint_id IN (SELECT id FROM webhook_endpoints WHERE id = @id AND owner_id = @owner);
                DELETE FROM webhook_endpoints WHERE id = @id AND owner_id = @owner;
                """,
                ("@id", endpointId), ("@owner", ownerId));
            // The last statement deletes nothing unless the owner's endpoint exists; the counts of all three add up.
            return new WriteDecision<bool>(deleted > 0, deleted > 0);
        }, cancellationToken);

    public Task<IReadOnlyList<DeliveryLog>?> ListDeliveriesAsync(string ownerId, string endpointId, int limit, CancellationToken cancellationToken) =>
        core.ReadSnapshotAsync<IReadOnlyList<DeliveryLog>?>("list_deliveries", async (connection, transaction) =>
        {
            if (await FindEndpointAsync(connection, transaction, ownerId, endpointId, cancellationToken) is null)
            {
                return null;
            }

            var deliveries = await QueryAsync(connection, transaction, cancellationToken,
                r => (Id: r.GetString(0), EventId: r.GetString(1), EventType: r.GetString(2), Status: r.GetString(3), Attempts: r.GetInt32(4),
                    Next: ToInstant(r.GetInt64(5)), CreatedAt: ToInstant(r.GetInt64(6))),
                """
                SELECT d.id, d.event_id, e.event_type, d.status, d.attempts, d.next_attempt_at, d.created_at
                FROM deliveries d JOIN booking_events e ON e.id = d.event_id
                WHERE d.endpoint_id = @endpoint ORDER BY d.created_at DESC, d.id DESC LIMIT @limit;
                """,
                ("@endpoint", endpointId), ("@limit", limit));
            var attempts = await QueryAsync(connection, transaction, cancellationToken, ReadAttempt,
                """
                SELECT a.delivery_id, d.endpoint_id, a.attempt, a.attempted_at, a.status_code, a.error, a.duration_ms, a.response_excerpt
                FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
                WHERE d.endpoint_id = @endpoint ORDER BY a.attempt;
                """,
                ("@endpoint", endpointId));
            var byDelivery = attempts.ToLookup(a => a.DeliveryId);
            return deliveries
                .Select(d => new DeliveryLog(d.Id, d.EventId, d.EventType, d.Status, d.Attempts, d.Status == "pending" ? d.Next : null, d.CreatedAt, [.. byDelivery[d.Id]]))
                .ToList();
        }, cancellationToken);

    public Task<IReadOnlyList<DeliveryLog>> ListConnectionDeliveriesAsync(string ownerId, string connectionId, int limit, CancellationToken cancellationToken) =>
        core.ReadSnapshotAsync<IReadOnlyList<DeliveryLog>>("list_connection_deliveries", async (connection, transaction) =>
        {
            // The owner is that of the deliveries' events: the connection itself may have been removed since.
            var deliveries = await QueryAsync(connection, transaction, cancellationToken,
                r => (Id: r.GetString(0), EventId: r.GetString(1), EventType: r.GetString(2), Status: r.GetString(3), Attempts: r.GetInt32(4),
                    Next: ToInstant(r.GetInt64(5)), CreatedAt: ToInstant(r.GetInt64(6))),
                """
                SELECT d.id, d.event_id, e.event_type, d.status, d.attempts, d.next_attempt_at, d.created_at
                FROM deliveries d JOIN booking_events e ON e.id = d.event_id
                WHERE d.connection_id = @connection AND e.owner_id = @owner ORDER BY d.created_at DESC, d.id DESC LIMIT @limit;
                """,
                ("@connection", connectionId), ("@owner", ownerId), ("@limit", limit));
            var attempts = await QueryAsync(connection, transaction, cancellationToken, ReadAttempt,
                """
                SELECT a.delivery_id, d.connection_id, a.attempt, a.attempted_at, a.status_code, a.error, a.duration_ms, a.response_excerpt
                FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id JOIN booking_events e ON e.id = d.event_id
                WHERE d.connection_id = @connection AND e.owner_id = @owner ORDER BY a.attempt;
                """,
                ("@connection", connectionId), ("@owner", ownerId));
            var byDelivery = attempts.ToLookup(a => a.DeliveryId);
            return deliveries
                .Select(d => new DeliveryLog(d.Id, d.EventId, d.EventType, d.Status, d.Attempts, d.Status == "pending" ? d.Next : null, d.CreatedAt, [.. byDelivery[d.Id]]))
                .ToList();
        }, cancellationToken);

    public Task<IReadOnlyList<EmailDeliveryLog>?> ListEmailDeliveriesAsync(string ownerId, int limit, CancellationToken cancellationToken) =>
        core.ReadForOwnerAsync<IReadOnlyList<EmailDeliveryLog>>("list_email_deliveries", ownerId, cancellationToken, async (connection, transaction, _) =>
        {
            const string Newest =
                """
                SELECT d.id FROM deliveries d JOIN booking_events e ON e.id = d.event_id
                WHERE e.owner_id = @owner AND d.channel IN ('email', 'reminder') ORDER BY d.created_at DESC, d.id DESC LIMIT @limit
                """;
            var deliveries = await QueryAsync(connection, transaction, cancellationToken,
                r => (Id: r.GetString(0), EventId: r.GetString(1), EventType: r.GetString(2), Status: r.GetString(3), Attempts: r.GetInt32(4),
                    Next: ToInstant(r.GetInt64(5)), CreatedAt: ToInstant(r.GetInt64(6)), Channel: r.GetString(7), Recipient: r.GetString(8), Role: r.GetString(9)),
                $"""
                SELECT d.id, d.event_id, e.event_type, d.status, d.attempts, d.next_attempt_at, d.created_at, d.channel, d.recipient, d.recipient_role
                FROM deliveries d JOIN booking_events e ON e.id = d.event_id
                WHERE d.id IN ({Newest}) ORDER BY d.created_at DESC, d.id DESC;
                """,
                ("@owner", ownerId), ("@limit", limit));
            var attempts = await QueryAsync(connection, transaction, cancellationToken, ReadAttempt,
                $"""
                SELECT a.delivery_id, d.channel, a.attempt, a.attempted_at, a.status_code, a.error, a.duration_ms, a.response_excerpt
                FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
                WHERE a.delivery_id IN ({Newest}) ORDER BY a.attempt;
                """,
                ("@owner", ownerId), ("@limit", limit));
            var byDelivery = attempts.ToLookup(a => a.DeliveryId);
            return (IReadOnlyList<EmailDeliveryLog>)[.. deliveries.Select(d => new EmailDeliveryLog(d.Channel, d.Recipient, d.Role,
                new DeliveryLog(d.Id, d.EventId, d.EventType, d.Status, d.Attempts, d.Status == "pending" ? d.Next : null, d.CreatedAt, [.. byDelivery[d.Id]])))];
        });

    public Task<bool> RedeliverAsync(string ownerId, string endpointId, string deliveryId, Instant now, CancellationToken cancellationToken) =>
        core.WriteAsync("redeliver", async (connection, transaction, _) =>
        {
            var changed = await ExecuteAsync(connection, transaction, cancellationToken,
                """
                UPDATE deliveries SET status = 'pending', next_attempt_at = @now, claimed_until = NULL
                WHERE id = @id AND endpoint_id IN (SELECT id FROM webhook_endpoints WHERE id = @endpoint AND owner_id = @owner);
                """,
                ("@id", deliveryId), ("@endpoint", endpointId), ("@owner", ownerId), ("@now", ToColumn(now)));
            return new WriteDecision<bool>(changed == 1, changed == 1);
        }, cancellationToken);

    public Task<int> FanOutAsync(Instant now, int limit, EmailPlan? email, CancellationToken cancellationToken) =>
        core.WriteAsync("fan_out", async (connection, transaction, _) =>
        {
            var events = await QueryAsync(connection, transaction, cancellationToken,
                r => (Id: r.GetString(0), OwnerId: r.GetString(1), Type: r.GetString(2), BookingId: r.GetString(3), Start: ToInstant(r.GetInt64(4))),
                $"SELECT id, owner_id, event_type, booking_id, start_utc FROM booking_events WHERE fanned_out = 0 ORDER BY occurred_at, id LIMIT @limit{core.LockSkippingLocked()};",
                ("@limit", limit));
            foreach (var e in events)
            {
                // An event about a calendar connection goes to webhooks and the owner's e-mail only: no booking to write or remind of.
                var aboutCalendar = CalendarEvents.IsCalendarEvent(e.Type);
                var sql = FanOutWebhooksSql + (aboutCalendar ? "" : FanOutCalendarsSql);
                var remindAt = email?.ReminderLead is { } lead && !aboutCalendar && e.Type != BookingEvents.Cancelled && e.Start - lead > now ? e.Start - lead : (Instant?)null;
                if (email is not null)
                {
                    sql += FanOutEmailSql("email", "@now");
                }

                if (remindAt is not null)
                {
                    sql += FanOutEmailSql("reminder", "@remind_at");
                }

                await ExecuteAsync(connection, transaction, cancellationToken, sql + "UPDATE booking_events SET fanned_out = 1 WHERE id = @event;",
                    ("@event", e.Id), ("@owner", e.OwnerId), ("@type", e.Type), ("@booking", e.BookingId), ("@now", ToColumn(now)),
                    ("@remind_at", remindAt is { } at ? ToColumn(at) : DBNull.Value));
            }

            return new WriteDecision<int>(events.Count, events.Count > 0);
        }, cancellationToken);

    private const string FanOutWebhooksSql =
        """
        INSERT INTO deliveries (id, event_id, channel, endpoint_id, next_attempt_at, created_at)
        SELECT 'dlv_' || @event || '_' || w.id, @event, 'webhook', w.id, @now, @now FROM webhook_endpoints w
        WHERE w.owner_id = @owner AND w.enabled = 1 AND (',' || w.event_types || ',') LIKE ('%,' || @type || ',%');

        """;

    /// <summary>
    /// One delivery per CalDAV connection of the owner that has a write calendar, whatever the event's type: the dispatcher
    /// writes the booking as it is when the delivery is attempted, so a booking made, moved or cancelled each leads to the
    /// same object in that calendar.
    /// </summary>
    private const string FanOutCalendarsSql =
        """
        INSERT INTO deliveries (id, event_id, channel, connection_id, next_attempt_at, created_at)
        SELECT 'calendar_' || @event || '_' || c.id, @event, 'calendar', c.id, @now, @now FROM calendar_connections c
        WHERE c.owner_id = @owner AND c.kind = 'caldav' AND c.write_calendar IS NOT NULL AND c.write_calendar <> '';

        """;

    /// <summary>
    /// One e-mail delivery of the event on <paramref name="channel"/> to the invitee and one to the owner, each when their
    /// address is known. Of a team booking, every host's share tells its host, and only the invitee's share (whose id
    /// is the team booking's) tells the invitee, so they get one message, not one per host.
    /// </summary>
    private static string FanOutEmailSql(string channel, string dueAt) =>
        $"""
        INSERT INTO deliveries (id, event_id, channel, recipient, recipient_role, next_attempt_at, created_at)
        SELECT '{channel}_' || @event || '_invitee', @event, '{channel}', b.invitee_email, 'invitee', {dueAt}, @now FROM bookings b
        WHERE b.id = @booking AND b.invitee_email IS NOT NULL AND (b.team_booking_id IS NULL OR b.team_booking_id = b.id);
        INSERT INTO deliveries (id, event_id, channel, recipient, recipient_role, next_attempt_at, created_at)
        SELECT '{channel}_' || @event || '_owner', @event, '{channel}', o.notify_email, 'owner', {dueAt}, @now FROM owners o
        WHERE o.id = @owner AND o.notify_email IS NOT NULL;

        """;

    public Task<NotificationSettings?> GetNotificationSettingsAsync(string ownerId, CancellationToken cancellationToken) =>
        core.ReadForOwnerAsync<NotificationSettings>("get_notification_settings", ownerId, cancellationToken, async (connection, transaction, _) =>
            (await QueryAsync(connection, transaction, cancellationToken, r => new NotificationSettings(r.IsDBNull(0) ? null : r.GetString(0), r.GetString(1)),
                "SELECT notify_email, notify_language FROM owners WHERE id = @owner;", ("@owner", ownerId)))[0]);

    public Task<bool> SetNotificationSettingsAsync(string ownerId, NotificationSettings settings, CancellationToken cancellationToken) =>
        core.WriteAsync("set_notification_settings", async (connection, transaction, _) =>
        {
            var changed = await ExecuteAsync(connection, transaction, cancellationToken,
                "UPDATE owners SET notify_email = @email, notify_language = @language WHERE id = @owner;",
                ("@owner", ownerId), ("@email", ToColumn(settings.Email)), ("@language", settings.Language));
            return new WriteDecision<bool>(changed == 1, changed == 1);
        }, cancellationToken);

    public Task<IReadOnlyList<DueDelivery>> ClaimDueAsync(Instant now, Duration lease, int limit, CancellationToken cancellationToken) =>
        core.WriteAsync<IReadOnlyList<DueDelivery>>("claim_deliveries", async (connection, transaction, _) =>
        {
            var due = await QueryAsync(connection, transaction, cancellationToken,
                r => new DueDelivery(r.GetString(0), r.GetInt32(1), ReadEvent(r, 5), r.GetString(2), r.IsDBNull(15) ? null : ReadEndpoint(r, 15),
                    r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(26) ? null : r.GetString(26)),
                $"""
                SELECT d.id, d.attempts, d.channel, d.recipient, d.recipient_role, {EventColumns}, {EndpointColumns}, d.connection_id
                FROM deliveries d JOIN booking_events e ON e.id = d.event_id LEFT JOIN webhook_endpoints w ON w.id = d.endpoint_id
                WHERE d.status = 'pending' AND d.next_attempt_at <= @now AND (d.claimed_until IS NULL OR d.claimed_until <= @now)
                  AND (d.endpoint_id IS NULL OR w.enabled = 1)
                ORDER BY d.next_attempt_at, d.id LIMIT @limit{core.LockSkippingLocked("d")};
                """,
                ("@now", ToColumn(now)), ("@limit", limit));
            foreach (var delivery in due)
            {
                await ExecuteAsync(connection, transaction, cancellationToken,
                    "UPDATE deliveries SET claimed_until = @until WHERE id = @id;", ("@id", delivery.Id), ("@until", ToColumn(now + lease)));
            }

            return new WriteDecision<IReadOnlyList<DueDelivery>>(due, due.Count > 0);
        }, cancellationToken);

    public Task RecordAttemptAsync(AttemptRecord attempt, NextStep next, CancellationToken cancellationToken) =>
        core.WriteAsync("record_attempt", async (connection, transaction, _) =>
        {
            var (status, nextAt) = next switch
            {
                NextStep.Delivered => ("delivered", attempt.AttemptedAt),
                NextStep.RetryAt retry => ("pending", retry.When),
                _ => ("failed", attempt.AttemptedAt),
            };
            await ExecuteAsync(connection, transaction, cancellationToken,
                """
                INSERT INTO delivery_attempts (delivery_id, attempt, attempted_at, status_code, error, duration_ms, response_excerpt)
                VALUES (@id, @attempt, @at, @code, @error, @duration, @excerpt);
                UPDATE deliveries SET attempts = @attempt, status = @status, next_attempt_at = @next, claimed_until = NULL WHERE id = @id;
                UPDATE webhook_endpoints SET failing_since = CASE WHEN @delivered = 1 THEN NULL ELSE COALESCE(failing_since, @at) END
                WHERE id = @endpoint;
                """,
                ("@id", attempt.DeliveryId), ("@attempt", attempt.Attempt), ("@at", ToColumn(attempt.AttemptedAt)),
                ("@code", attempt.StatusCode is { } code ? code : DBNull.Value), ("@error", ToColumn(attempt.Error)), ("@duration", attempt.DurationMs),
                ("@excerpt", ToColumn(attempt.ResponseExcerpt)), ("@status", status), ("@next", ToColumn(nextAt)), ("@endpoint", attempt.EndpointId),
                ("@delivered", next is NextStep.Delivered ? 1L : 0L));
            if (next is NextStep.GiveUp { DisableEndpoint: { } reason })
            {
                await ExecuteAsync(connection, transaction, cancellationToken,
                    "UPDATE webhook_endpoints SET enabled = 0, disabled_reason = @reason WHERE id = @endpoint;", ("@endpoint", attempt.EndpointId), ("@reason", reason));
            }

            return new WriteDecision<bool>(true, true);
        }, cancellationToken);

    public Task<OutboxDepth> MeasureAsync(Instant now, CancellationToken cancellationToken) =>
        core.ReadAsync("measure_outbox", async connection =>
        {
            var rows = await QueryAsync(connection, null, cancellationToken,
                r => (Count: r.GetInt64(0), Oldest: r.IsDBNull(1) ? (long?)null : r.GetInt64(1)),
                """
                SELECT COUNT(*), MIN(created_at) FROM deliveries WHERE status = 'pending';
                """);
            var events = await QueryAsync(connection, null, cancellationToken,
                r => (Count: r.GetInt64(0), Oldest: r.IsDBNull(1) ? (long?)null : r.GetInt64(1)),
                "SELECT COUNT(*), MIN(occurred_at) FROM booking_events WHERE fanned_out = 0;");
            var oldest = new[] { rows[0].Oldest, events[0].Oldest }.Where(o => o is not null).Select(o => ToInstant(o!.Value)).DefaultIfEmpty().Min();
            return new OutboxDepth(rows[0].Count, events[0].Count, rows[0].Oldest is null && events[0].Oldest is null ? null : now - oldest);
        }, cancellationToken);

    private static async Task<StoredEndpoint?> FindEndpointAsync(DbConnection connection, DbTransaction? transaction, string ownerId, string endpointId, CancellationToken cancellationToken) =>
        (await QueryAsync(connection, transaction, cancellationToken, r => ReadEndpoint(r, 0),
            $"SELECT {EndpointColumns} FROM webhook_endpoints w WHERE w.id = @id AND w.owner_id = @owner;", ("@id", endpointId), ("@owner", ownerId))).SingleOrDefault();

    private static StoredEndpoint ReadEndpoint(DbDataReader r, int at) =>
        new(r.GetString(at), r.GetString(at + 1), r.GetString(at + 2), r.GetString(at + 3).Split(',', StringSplitOptions.RemoveEmptyEntries),
            r.GetString(at + 4), r.GetInt64(at + 5) == 1, ToInstant(r.GetInt64(at + 6)))
        {
            PreviousSecret = r.IsDBNull(at + 7) ? null : r.GetString(at + 7),
            PreviousSecretExpiresAt = r.IsDBNull(at + 8) ? null : ToInstant(r.GetInt64(at + 8)),
            DisabledReason = r.IsDBNull(at + 9) ? null : r.GetString(at + 9),
            FailingSince = r.IsDBNull(at + 10) ? null : ToInstant(r.GetInt64(at + 10)),
        };

    private static StoredEvent ReadEvent(DbDataReader r, int at) =>
        new(r.GetString(at), r.GetString(at + 1), r.GetString(at + 2), r.GetString(at + 3), r.GetInt32(at + 4),
            ToInstant(r.GetInt64(at + 5)), ToInstant(r.GetInt64(at + 6)),
            r.IsDBNull(at + 7) ? null : ToInstant(r.GetInt64(at + 7)), r.IsDBNull(at + 8) ? null : ToInstant(r.GetInt64(at + 8)),
            ToInstant(r.GetInt64(at + 9)));

    private static AttemptRecord ReadAttempt(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetInt32(2), ToInstant(r.GetInt64(3)), r.IsDBNull(4) ? null : r.GetInt32(4),
            r.IsDBNull(5) ? null : r.GetString(5), r.GetInt32(6), r.IsDBNull(7) ? null : r.GetString(7));
}
