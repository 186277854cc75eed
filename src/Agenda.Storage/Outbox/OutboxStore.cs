using System.Data.Common;
using System.Text;
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
    /// <summary>An endpoint <c>w</c>, its id and owner named apart from those of the delivery and event it is read with (<see cref="ReadEndpoint"/>).</summary>
    private const string EndpointColumns =
        "w.id AS endpoint_id, w.owner_id AS endpoint_owner_id, w.url AS url, w.event_types AS event_types, w.secret AS secret, w.enabled AS enabled, " +
        "w.created_at AS created_at, w.previous_secret AS previous_secret, w.previous_secret_expires_at AS previous_secret_expires_at, " +
        "w.disabled_reason AS disabled_reason, w.failing_since AS failing_since";

    /// <summary>An event <c>e</c>, its id and owner named apart from those of the delivery and endpoint it is read with (<see cref="ReadEvent"/>).</summary>
    private const string EventColumns =
        "e.id AS event_id, e.owner_id AS event_owner_id, e.booking_id AS booking_id, e.event_type AS event_type, e.sequence AS sequence, " +
        "e.start_utc AS start_utc, e.end_utc AS end_utc, e.previous_start_utc AS previous_start_utc, e.previous_end_utc AS previous_end_utc, e.occurred_at AS occurred_at";

    /// <summary>A delivery <c>d</c> with the type of its event <c>e</c>, as the delivery logs list it (<see cref="ReadDelivery"/>).</summary>
    private const string DeliveryColumns =
        "d.id AS id, d.event_id AS event_id, e.event_type AS event_type, d.status AS status, d.attempts AS attempts, d.next_attempt_at AS next_attempt_at, d.created_at AS created_at";

    /// <summary>The attempts <c>a</c> of deliveries <c>d</c>, each with <paramref name="receiver"/> in its <see cref="AttemptRecord.EndpointId"/> (<see cref="ReadAttempt"/>).</summary>
    private static string AttemptColumns(string receiver) =>
        $"a.delivery_id AS delivery_id, {receiver} AS receiver, a.attempt AS attempt, a.attempted_at AS attempted_at, a.status_code AS status_code, a.error AS error, " +
        "a.duration_ms AS duration_ms, a.response_excerpt AS response_excerpt";

    public Task<OwnerWrite> AddEndpointAsync(StoredEndpoint endpoint, CancellationToken cancellationToken) =>
        core.WriteCappedAsync("add_endpoint", endpoint.OwnerId, cancellationToken, async (connection, transaction) =>
        {
            var count = (await QueryAsync(connection, transaction, cancellationToken, r => r.Long("endpoints"),
                "SELECT COUNT(*) AS endpoints FROM webhook_endpoints WHERE owner_id = @owner;", ("@owner", endpoint.OwnerId)))[0];
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
            await QueryAsync(connection, transaction, cancellationToken, ReadEndpoint,
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
                ReadDelivery,
                $"""
                SELECT {DeliveryColumns}
                FROM deliveries d JOIN booking_events e ON e.id = d.event_id
                WHERE d.endpoint_id = @endpoint ORDER BY d.created_at DESC, d.id DESC LIMIT @limit;
                """,
                ("@endpoint", endpointId), ("@limit", limit));
            var attempts = await QueryAsync(connection, transaction, cancellationToken, ReadAttempt,
                $"""
                SELECT {AttemptColumns("d.endpoint_id")}
                FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
                WHERE d.endpoint_id = @endpoint ORDER BY a.attempt;
                """,
                ("@endpoint", endpointId));
            var byDelivery = attempts.ToLookup(a => a.DeliveryId);
            return deliveries.Select(d => d.ToLog(byDelivery)).ToList();
        }, cancellationToken);

    public Task<IReadOnlyList<DeliveryLog>> ListConnectionDeliveriesAsync(string ownerId, string connectionId, int limit, CancellationToken cancellationToken) =>
        core.ReadSnapshotAsync<IReadOnlyList<DeliveryLog>>("list_connection_deliveries", async (connection, transaction) =>
        {
            // The owner is that of the deliveries' events: the connection itself may have been removed since.
            var deliveries = await QueryAsync(connection, transaction, cancellationToken,
                ReadDelivery,
                $"""
                SELECT {DeliveryColumns}
                FROM deliveries d JOIN booking_events e ON e.id = d.event_id
                WHERE d.connection_id = @connection AND e.owner_id = @owner ORDER BY d.created_at DESC, d.id DESC LIMIT @limit;
                """,
                ("@connection", connectionId), ("@owner", ownerId), ("@limit", limit));
            var attempts = await QueryAsync(connection, transaction, cancellationToken, ReadAttempt,
                $"""
                SELECT {AttemptColumns("d.connection_id")}
                FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id JOIN booking_events e ON e.id = d.event_id
                WHERE d.connection_id = @connection AND e.owner_id = @owner ORDER BY a.attempt;
                """,
                ("@connection", connectionId), ("@owner", ownerId));
            var byDelivery = attempts.ToLookup(a => a.DeliveryId);
            return deliveries.Select(d => d.ToLog(byDelivery)).ToList();
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
                r => (Delivery: ReadDelivery(r), Channel: r.String("channel"), Recipient: r.String("recipient"), Role: r.String("recipient_role")),
                $"""
                SELECT {DeliveryColumns}, d.channel AS channel, d.recipient AS recipient, d.recipient_role AS recipient_role
                FROM deliveries d JOIN booking_events e ON e.id = d.event_id
                WHERE d.id IN ({Newest}) ORDER BY d.created_at DESC, d.id DESC;
                """,
                ("@owner", ownerId), ("@limit", limit));
            var attempts = await QueryAsync(connection, transaction, cancellationToken, ReadAttempt,
                $"""
                SELECT {AttemptColumns("d.channel")}
                FROM delivery_attempts a JOIN deliveries d ON d.id = a.delivery_id
                WHERE a.delivery_id IN ({Newest}) ORDER BY a.attempt;
                """,
                ("@owner", ownerId), ("@limit", limit));
            var byDelivery = attempts.ToLookup(a => a.DeliveryId);
            return (IReadOnlyList<EmailDeliveryLog>)[.. deliveries.Select(d => new EmailDeliveryLog(d.Channel, d.Recipient, d.Role, d.Delivery.ToLog(byDelivery)))];
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

    /// <summary>
    /// Fans out up to <paramref name="limit"/> events in three commands whatever their number: the events, which of their
    /// owners keep a workflow, and every event's deliveries with its mark. Only events of owners who keep a workflow plan
    /// their runs one by one (<see cref="Workflows.WorkflowRuns.PlanForEventAsync"/>); on PostgreSQL each command is a
    /// round trip, and a busy node fans out after every booking.
    /// </summary>
    public Task<int> FanOutAsync(Instant now, int limit, EmailPlan? email, CancellationToken cancellationToken) =>
        core.WriteAsync("fan_out", async (connection, transaction, _) =>
        {
            var events = await QueryAsync(connection, transaction, cancellationToken,
                r => new Workflows.WorkflowRuns.PlannedEvent(r.String("id"), r.String("owner_id"), r.String("booking_id"), r.String("event_type"), r.Int("sequence"),
                    new Interval(r.Instant("start_utc"), r.Instant("end_utc")), r.Int("quiet") != 0),
                $"SELECT id, owner_id, event_type, booking_id, start_utc, end_utc, sequence, quiet FROM booking_events WHERE fanned_out = 0 ORDER BY occurred_at, id LIMIT @limit{core.LockSkippingLocked()};",
                ("@limit", limit));
            if (events.Count == 0)
            {
                return new WriteDecision<int>(0, false);
            }

            var planned = await Workflows.WorkflowRuns.OwnersWithWorkflowsAsync(connection, transaction, [.. events.Select(e => e.OwnerId).Distinct(StringComparer.Ordinal)], cancellationToken);
            var sql = new StringBuilder();
            var parameters = new List<(string Name, object Value)>();
            for (var i = 0; i < events.Count; i++)
            {
                var e = events[i];
                // An event about a calendar connection goes to webhooks and the owner's e-mail only: no booking to write or remind of.
                var aboutCalendar = CalendarEvents.IsCalendarEvent(e.Type);
                var statements = FanOutWebhooksSql + (aboutCalendar ? "" : FanOutCalendarsSql);
                var remindAt = email?.ReminderLead is { } lead && !aboutCalendar && BookingEvents.LeadsToMeeting(e.Type) && e.Meeting.Start - lead > now ? e.Meeting.Start - lead : (Instant?)null;
                // A quiet event's change is told by the e-mail of another event of the same series write; its reminders still go.
                if (email is not null && !e.Quiet && BookingEvents.Emailed(e.Type))
                {
                    statements += FanOutEmailSql("email", "@now");
                }

                if (remindAt is not null)
                {
                    statements += FanOutEmailSql("reminder", "@remind_at");
                }

                if (!aboutCalendar && planned.Contains(e.OwnerId))
                {
                    await Workflows.WorkflowRuns.PlanForEventAsync(connection, transaction, e, now, cancellationToken);
                }
                else if (!aboutCalendar && Workflows.WorkflowRuns.SkipEarlierRuns(e) is { } skip)
                {
                    Append(sql, parameters, $"s{i}", skip.Sql, skip.Parameters);
                }

                Append(sql, parameters, $"e{i}", statements + "UPDATE booking_events SET fanned_out = 1 WHERE id = @event;\n",
                    [("@event", e.Id), ("@owner", e.OwnerId), ("@type", e.Type), ("@booking", e.BookingId), ("@now", ToColumn(now)),
                        ("@remind_at", remindAt is { } at ? ToColumn(at) : DBNull.Value)]);
            }

            await ExecuteAsync(connection, transaction, cancellationToken, sql.ToString(), [.. parameters]);
            return new WriteDecision<int>(events.Count, true);
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
            (await QueryAsync(connection, transaction, cancellationToken, r => new NotificationSettings(r.StringOrNull("notify_email"), r.String("notify_language")),
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
                r => new DueDelivery(r.String("delivery_id"), r.Int("attempts"), ReadEvent(r), r.String("channel"), r.IsNull("endpoint_id") ? null : ReadEndpoint(r),
                    r.StringOrNull("recipient"), r.StringOrNull("recipient_role"), r.StringOrNull("connection_id")),
                $"""
                SELECT d.id AS delivery_id, d.attempts AS attempts, d.channel AS channel, d.recipient AS recipient, d.recipient_role AS recipient_role,
                    {EventColumns}, {EndpointColumns}, d.connection_id AS connection_id
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
                r => (Count: r.Long("count"), Oldest: r.LongOrNull("oldest")),
                """
                SELECT COUNT(*) AS count, MIN(created_at) AS oldest FROM deliveries WHERE status = 'pending';
                """);
            var events = await QueryAsync(connection, null, cancellationToken,
                r => (Count: r.Long("count"), Oldest: r.LongOrNull("oldest")),
                "SELECT COUNT(*) AS count, MIN(occurred_at) AS oldest FROM booking_events WHERE fanned_out = 0;");
            var oldest = new[] { rows[0].Oldest, events[0].Oldest }.Where(o => o is not null).Select(o => ToInstant(o!.Value)).DefaultIfEmpty().Min();
            return new OutboxDepth(rows[0].Count, events[0].Count, rows[0].Oldest is null && events[0].Oldest is null ? null : now - oldest);
        }, cancellationToken);

    private static async Task<StoredEndpoint?> FindEndpointAsync(DbConnection connection, DbTransaction? transaction, string ownerId, string endpointId, CancellationToken cancellationToken) =>
        (await QueryAsync(connection, transaction, cancellationToken, ReadEndpoint,
            $"SELECT {EndpointColumns} FROM webhook_endpoints w WHERE w.id = @id AND w.owner_id = @owner;", ("@id", endpointId), ("@owner", ownerId))).SingleOrDefault();

    /// <summary>An endpoint of a row with the <see cref="EndpointColumns"/>.</summary>
    private static StoredEndpoint ReadEndpoint(DbDataReader r) =>
        new(r.String("endpoint_id"), r.String("endpoint_owner_id"), r.String("url"), r.String("event_types").Split(',', StringSplitOptions.RemoveEmptyEntries),
            r.String("secret"), r.Long("enabled") == 1, r.Instant("created_at"))
        {
            PreviousSecret = r.StringOrNull("previous_secret"),
            PreviousSecretExpiresAt = r.InstantOrNull("previous_secret_expires_at"),
            DisabledReason = r.StringOrNull("disabled_reason"),
            FailingSince = r.InstantOrNull("failing_since"),
        };

    /// <summary>An event of a row with the <see cref="EventColumns"/>.</summary>
    private static StoredEvent ReadEvent(DbDataReader r) =>
        new(r.String("event_id"), r.String("event_owner_id"), r.String("booking_id"), r.String("event_type"), r.Int("sequence"),
            r.Instant("start_utc"), r.Instant("end_utc"), r.InstantOrNull("previous_start_utc"), r.InstantOrNull("previous_end_utc"), r.Instant("occurred_at"));

    /// <summary>A delivery of a row with the <see cref="DeliveryColumns"/>.</summary>
    private static DeliveryRow ReadDelivery(DbDataReader r) =>
        new(r.String("id"), r.String("event_id"), r.String("event_type"), r.String("status"), r.Int("attempts"), r.Instant("next_attempt_at"), r.Instant("created_at"));

    private readonly record struct DeliveryRow(string Id, string EventId, string EventType, string Status, int Attempts, Instant Next, Instant CreatedAt)
    {
        /// <summary>The delivery's log with its <paramref name="attempts"/>; its next attempt only while it is pending.</summary>
        public DeliveryLog ToLog(ILookup<string, AttemptRecord> attempts) =>
            new(Id, EventId, EventType, Status, Attempts, Status == "pending" ? Next : null, CreatedAt, [.. attempts[Id]]);
    }

    /// <summary>An attempt of a row with the <see cref="AttemptColumns"/>.</summary>
    private static AttemptRecord ReadAttempt(DbDataReader r) =>
        new(r.String("delivery_id"), r.String("receiver"), r.Int("attempt"), r.Instant("attempted_at"), r.IntOrNull("status_code"),
            r.StringOrNull("error"), r.Int("duration_ms"), r.StringOrNull("response_excerpt"));
}
