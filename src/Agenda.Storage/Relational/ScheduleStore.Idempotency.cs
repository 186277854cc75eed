using System.Data.Common;
using Agenda.Scheduling.MeetingTypes;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;

namespace Agenda.Storage.Relational;

public sealed partial class ScheduleStore
{
    /// <summary>Keys are kept at least a day, as promised to clients; older ones are removed when their route is next used.</summary>
    private static readonly Duration IdempotencyRetention = Duration.FromDays(2);

    public Task<IdempotentBooking> BookIdempotentlyAsync(
        string ownerId, BookingRequest request, MeetingType type, string typeKey, Instant now,
        IdempotencyKey key, Func<StoredBooking, string> payload, CancellationToken cancellationToken) =>
        WriteAsync<IdempotentBooking>(async (connection, transaction, raised) =>
        {
            // The owner is locked before the key is looked up, so two requests with one key cannot both miss it.
            if (await ReadOwnerAsync(connection, transaction, ownerId, cancellationToken, forUpdate: true) is null)
            {
                return Rollback<IdempotentBooking>(new IdempotentBooking.Attempted(new BookingAttempt.UnknownOwner(), null));
            }

            if (await FindKeyAsync(connection, transaction, key, now, cancellationToken) is { } found)
            {
                return Rollback<IdempotentBooking>(found.Hash == key.RequestHash ? new IdempotentBooking.Replayed(found.Payload) : new IdempotentBooking.KeyReused());
            }

            var attempt = await TryBookAsync(connection, transaction, raised, ownerId, request, type, typeKey, now, cancellationToken);
            if (attempt is not BookingAttempt.Booked booked)
            {
                return Rollback<IdempotentBooking>(new IdempotentBooking.Attempted(attempt, null));
            }

            var stored = payload(booked.Booking);
            await KeepKeyAsync(connection, transaction, key, stored, now, cancellationToken);
            return Commit<IdempotentBooking>(new IdempotentBooking.Attempted(attempt, stored));
        }, cancellationToken);

    /// <summary>The key's request hash and payload, if it was used within the retention; the caller holds the lock that keeps its scope still.</summary>
    private static async Task<(string Hash, string Payload)?> FindKeyAsync(DbConnection connection, DbTransaction transaction, IdempotencyKey key, Instant now, CancellationToken cancellationToken)
    {
        var earlier = await QueryAsync(connection, transaction, cancellationToken,
            r => (Hash: r.GetString(0), Payload: r.GetString(1)),
            "SELECT request_hash, payload FROM idempotency_keys WHERE scope = @scope AND key = @key AND created_at >= @since;",
            ("@scope", key.Scope), ("@key", key.Key), ("@since", ToColumn(now - IdempotencyRetention)));
        return earlier is [var found] ? found : null;
    }

    /// <summary>Keeps the key with the answer's payload, in the booking's transaction, and removes its scope's expired keys.</summary>
    private static async Task KeepKeyAsync(DbConnection connection, DbTransaction transaction, IdempotencyKey key, string payload, Instant now, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, cancellationToken,
            // Only this route's rows: they are written under this route's lock alone, so the purge never contends
            // with another owner's or team's transaction.
            "DELETE FROM idempotency_keys WHERE scope = @scope AND (created_at < @since OR key = @key);",
            ("@since", ToColumn(now - IdempotencyRetention)), ("@scope", key.Scope), ("@key", key.Key));
        await ExecuteAsync(connection, transaction, cancellationToken,
            """
            INSERT INTO idempotency_keys (scope, key, request_hash, payload, created_at)
            VALUES (@scope, @key, @hash, @payload, @now);
            """,
            ("@scope", key.Scope), ("@key", key.Key), ("@hash", key.RequestHash), ("@payload", payload), ("@now", ToColumn(now)));
    }
}
