using System.Data.Common;
using System.Text.Json.Nodes;
using Agenda.Scheduling.Booking;
using Agenda.Storage.Bookings;
using Agenda.Storage.Relational;
using NodaTime;
using static Agenda.Storage.Outbox.OutboxEvents;
using static Agenda.Storage.Relational.ColumnValues;
using static Agenda.Storage.Relational.StoreCore;

namespace Agenda.Storage.Privacy;

/// <summary>
/// Personal data of invitees (<see cref="IPersonalDataStore"/>). An invitee is found by the key their bookings keep for
/// the per-invitee limit (<c>email:</c> and the address in lower case), so an address matches whatever its case.
/// </summary>
internal sealed class PersonalDataStore(StoreCore core, IStoreDialect dialect) : IPersonalDataStore
{
    /// <summary>The name an anonymised booking keeps, where the invitee's was.</summary>
    public const string ErasedName = "(erased)";

    public Task<InviteeData?> ExportInviteeAsync(string email, string? ownerId, CancellationToken cancellationToken) =>
        core.ReadSnapshotAsync<InviteeData?>("export_invitee", async (connection, transaction) =>
        {
            if (ownerId is not null && await core.ReadOwnerAsync(connection, transaction, ownerId, cancellationToken) is null)
            {
                return null;
            }

            var (where, parameters) = Matching(email, ownerId);
            var bookings = await QueryAsync(connection, transaction, cancellationToken, BookingRows.ReadBooking,
                $"SELECT {BookingRows.BookingColumns} FROM bookings WHERE {where} ORDER BY start_utc, id;", parameters);
            var messages = await QueryAsync(connection, transaction, cancellationToken,
                r => new SentMessage(r.String("channel"), r.String("owner_id"), r.String("booking_id"), r.String("event_type"), r.String("status"), r.Int("attempts"),
                    r.Instant("created_at"), r.StringOrNull("workflow")),
                $"""
                SELECT d.channel AS channel, e.owner_id AS owner_id, e.booking_id AS booking_id, e.event_type AS event_type, d.status AS status, d.attempts AS attempts,
                    d.created_at AS created_at, NULL AS workflow
                FROM deliveries d JOIN booking_events e ON e.id = d.event_id
                WHERE d.channel IN ('email', 'reminder') AND lower(d.recipient) = @address{(ownerId is null ? "" : " AND e.owner_id = @owner")}
                UNION ALL
                SELECT 'workflow' AS channel, r.owner_id AS owner_id, r.booking_id AS booking_id, e.event_type AS event_type, r.status AS status, r.attempts AS attempts,
                    r.created_at AS created_at, w.name AS workflow
                FROM workflow_runs r JOIN booking_events e ON e.id = r.event_id JOIN workflows w ON w.id = r.workflow_id
                WHERE (r.booking_id IN (SELECT id FROM bookings WHERE {where})
                    OR r.id IN (SELECT run_id FROM workflow_run_attempts WHERE lower(recipient) = @address)){(ownerId is null ? "" : " AND r.owner_id = @owner")}
                ORDER BY created_at;
                """,
                parameters);
            return new InviteeData(bookings, messages);
        }, cancellationToken);

    public Task<ErasureCount?> EraseInviteeAsync(string email, string? ownerId, Instant now, CancellationToken cancellationToken) =>
        core.WriteAsync<ErasureCount?>("erase_invitee", async (connection, transaction, _) =>
        {
            if (ownerId is not null && await core.ReadOwnerAsync(connection, transaction, ownerId, cancellationToken) is null)
            {
                return Rollback<ErasureCount?>(null);
            }

            var (where, parameters) = Matching(email, ownerId);
            var bookings = await QueryAsync(connection, transaction, cancellationToken, BookingRows.ReadBooking,
                $"SELECT {BookingRows.BookingColumns} FROM bookings WHERE {where};", parameters);
            var messages = 0;
            foreach (var booking in bookings)
            {
                messages += await AnonymiseAsync(connection, transaction, booking, now, cancellationToken);
            }

            // Messages to the address that no booking found here leads to (a booking anonymised before, another
            // owner's for an owner's erasure is left alone): their records lose the address.
            var ownerClause = ownerId is null ? "" : " AND event_id IN (SELECT id FROM booking_events WHERE owner_id = @owner)";
            messages += await ExecuteAsync(connection, transaction, cancellationToken,
                $"""
                DELETE FROM delivery_attempts WHERE delivery_id IN (SELECT id FROM deliveries WHERE channel IN ('email', 'reminder') AND lower(recipient) = @address{ownerClause});
                DELETE FROM deliveries WHERE channel IN ('email', 'reminder') AND lower(recipient) = @address{ownerClause};
                UPDATE workflow_run_attempts SET recipient = NULL, error = NULL
                WHERE lower(recipient) = @address{(ownerId is null ? "" : " AND run_id IN (SELECT id FROM workflow_runs WHERE owner_id = @owner)")};
                """,
                parameters);
            return Commit<ErasureCount?>(new ErasureCount(bookings.Count, messages));
        }, cancellationToken);

    public Task<int> AnonymiseEndedBeforeAsync(Instant endedBefore, Instant now, int limit, CancellationToken cancellationToken) =>
        core.WriteAsync("anonymise_ended", async (connection, transaction, _) =>
        {
            var bookings = await QueryAsync(connection, transaction, cancellationToken, BookingRows.ReadBooking,
                $"SELECT {BookingRows.BookingColumns} FROM bookings WHERE end_utc < @before AND erased_at IS NULL LIMIT @limit;",
                ("@before", ToColumn(endedBefore)), ("@limit", limit));
            foreach (var booking in bookings)
            {
                await AnonymiseAsync(connection, transaction, booking, now, cancellationToken);
            }

            return new WriteDecision<int>(bookings.Count, bookings.Count > 0);
        }, cancellationToken);

    public Task<JsonObject?> ExportOwnerAsync(string ownerId, CancellationToken cancellationToken) =>
        core.ReadSnapshotAsync<JsonObject?>("export_owner", async (connection, transaction) =>
        {
            var tables = new JsonObject();
            var owner = await RowsAsync(connection, transaction, "owners", "id", ownerId, cancellationToken);
            if (owner.Count == 0)
            {
                return null;
            }

            tables["owners"] = owner;
            var owned = await QueryAsync(connection, transaction, cancellationToken, r => r.GetString(0),
                dialect is Sqlite.SqliteDatabase
                    ? "SELECT m.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name = 'owner_id' ORDER BY m.name;"
                    : "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'owner_id' ORDER BY table_name;");
            foreach (var table in owned)
            {
                tables[table] = await RowsAsync(connection, transaction, table, "owner_id", ownerId, cancellationToken);
            }

            return tables;
        }, cancellationToken);

    /// <summary>
    /// Columns an export never carries: secrets, and hashes and sealed boxes of secrets (API keys, tokens, passwords,
    /// two-factor keys, passkeys, webhook and calendar secrets).
    /// </summary>
    public static bool IsSecret(string column) =>
        column.EndsWith("_hash", StringComparison.Ordinal) || column.Contains("secret", StringComparison.Ordinal)
        || column is "security_stamp" or "concurrency_stamp" or "authenticator_key" or "recovery_codes" or "data" or "validators";

    private static async Task<JsonArray> RowsAsync(DbConnection connection, DbTransaction transaction, string table, string column, string ownerId, CancellationToken cancellationToken)
    {
        var rows = new JsonArray();
        await using var command = Command(connection, transaction, $"SELECT * FROM {table} WHERE {column} = @owner;", ("@owner", ownerId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new JsonObject();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var name = reader.GetName(i);
                if (!IsSecret(name))
                {
                    row[name] = reader.IsDBNull(i) ? null : Value(name, reader.GetValue(i));
                }
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>A column's value as the export writes it: times as ISO 8601, JSON as JSON, bytes by their size.</summary>
    private static JsonNode? Value(string column, object value) => value switch
    {
        byte[] bytes => JsonValue.Create($"({bytes.Length} bytes)"),
        long seconds when column.EndsWith("_at", StringComparison.Ordinal) || column.EndsWith("_utc", StringComparison.Ordinal) || column == "lockout_end" =>
            JsonValue.Create(NodaTime.Text.InstantPattern.General.Format(Instant.FromUnixTimeSeconds(seconds))),
        string text when text.Length > 1 && text[0] is '{' or '[' => Json(text),
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        long number => JsonValue.Create(number),
        int number => JsonValue.Create(number),
        double number => JsonValue.Create(number),
        _ => JsonValue.Create(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)),
    };

    private static JsonNode? Json(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    /// <summary>The bookings of the invitee with <paramref name="email"/>, of <paramref name="ownerId"/> or of everyone.</summary>
    private static (string Where, (string Name, object Value)[] Parameters) Matching(string email, string? ownerId)
    {
        var address = email.Trim().ToLowerInvariant();
        (string, object)[] parameters = [("@key", InviteeAllowance.Identity("", address)), ("@address", address), ("@owner", ToColumn(ownerId))];
        return (ownerId is null ? "invitee_key = @key" : "invitee_key = @key AND owner_id = @owner", parameters);
    }

    /// <summary>
    /// Clears everything about the person from one booking and its traces, and writes <see cref="BookingEvents.Erased"/>;
    /// answers how many message records were erased. The booking keeps its owner, type, times, status and history, so
    /// the schedule, the owner's counts and the booking guarantee are unchanged.
    /// </summary>
    private static async Task<int> AnonymiseAsync(DbConnection connection, DbTransaction transaction, StoredBooking booking, Instant now, CancellationToken cancellationToken)
    {
        // The invitee's own number is theirs; the owner's address, number or link stays.
        var location = booking.Location is { Kind: not LocationKind.InviteePhone } kept ? MeetingTypeDetails.Serialize(kept) : null;
        (string, object)[] parameters =
        [
            ("@booking", booking.Id), ("@name", ErasedName), ("@location", ToColumn(location)), ("@now", ToColumn(now)),
            .. EventParameters(BookingEvents.Erased, booking.OwnerId, booking.Id, booking.Sequence, booking.Slot, null, now),
        ];
        var erased = await ExecuteAsync(connection, transaction, cancellationToken,
            """
            UPDATE bookings SET invitee = @name, invitee_email = NULL, note = NULL, answers = NULL, invitee_language = NULL, invitee_time_zone = NULL,
                invitee_key = NULL, manage_token_hash = NULL, cancel_reason = NULL, private_note = NULL, location = @location, erased_at = @now
            WHERE id = @booking;
            DELETE FROM delivery_attempts WHERE delivery_id IN (
                SELECT d.id FROM deliveries d JOIN booking_events e ON e.id = d.event_id WHERE e.booking_id = @booking AND d.recipient_role = 'invitee');
            DELETE FROM deliveries WHERE recipient_role = 'invitee' AND event_id IN (SELECT id FROM booking_events WHERE booking_id = @booking);
            UPDATE delivery_attempts SET error = NULL, response_excerpt = NULL WHERE delivery_id IN (
                SELECT d.id FROM deliveries d JOIN booking_events e ON e.id = d.event_id WHERE e.booking_id = @booking);
            UPDATE workflow_run_attempts SET recipient = NULL, error = NULL WHERE run_id IN (SELECT id FROM workflow_runs WHERE booking_id = @booking);
            UPDATE workflow_runs SET status = 'skipped', note = @erased_note WHERE booking_id = @booking AND status = 'pending';
            DELETE FROM idempotency_keys WHERE payload LIKE @in_payload;

            """ + InsertEventSql,
            [.. parameters, ("@erased_note", SkipNotes.Erased), ("@in_payload", "%\"" + booking.Id + "\"%")]);
        return erased;
    }
}
