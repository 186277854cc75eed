using System.Data.Common;
using Agenda.Storage.Relational;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;
using static Agenda.Storage.Relational.StoreCore;

namespace Agenda.Storage.Bookings;

/// <summary>
/// Clients' idempotency keys, looked up under the lock of what they book (an owner, or a team) and kept in the booking's
/// transaction: by the booking store and by the team store.
/// </summary>
internal static class IdempotencyKeys
{
    /// <summary>Keys are kept at least a day, as promised to clients; older ones are removed when their route is next used.</summary>
    private static readonly Duration Retention = Duration.FromDays(2);

    /// <summary>The key's request hash and payload, if it was used within the retention; the caller holds the lock that keeps its scope still.</summary>
    public static async Task<(string Hash, string Payload)?> FindAsync(DbConnection connection, DbTransaction transaction, IdempotencyKey key, Instant now, CancellationToken cancellationToken)
    {
        var earlier = await QueryAsync(connection, transaction, cancellationToken,
            r => (Hash: r.String("request_hash"), Payload: r.String("payload")),
            "SELECT request_hash, payload FROM idempotency_keys WHERE scope = @scope AND key = @key AND created_at >= @since;",
            ("@scope", key.Scope), ("@key", key.Key), ("@since", ToColumn(now - Retention)));
        return earlier is [var found] ? found : null;
    }

    /// <summary>Keeps the key with the answer's payload, in the booking's transaction, and removes its scope's expired keys.</summary>
    public static async Task KeepAsync(DbConnection connection, DbTransaction transaction, IdempotencyKey key, string payload, Instant now, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, cancellationToken,
            // Only this route's rows: they are written under this route's lock alone, so the purge never contends
            // with another owner's or team's transaction.
            "DELETE FROM idempotency_keys WHERE scope = @scope AND (created_at < @since OR key = @key);",
            ("@since", ToColumn(now - Retention)), ("@scope", key.Scope), ("@key", key.Key));
        await ExecuteAsync(connection, transaction, cancellationToken,
            """
            INSERT INTO idempotency_keys (scope, key, request_hash, payload, created_at)
            VALUES (@scope, @key, @hash, @payload, @now);
            """,
            ("@scope", key.Scope), ("@key", key.Key), ("@hash", key.RequestHash), ("@payload", payload), ("@now", ToColumn(now)));
    }
}
