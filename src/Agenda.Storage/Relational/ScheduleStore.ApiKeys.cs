using System.Data.Common;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;

namespace Agenda.Storage.Relational;

public sealed partial class ScheduleStore
{
    public Task<OwnerWrite> AddApiKeyAsync(string ownerId, string keyId, string secretHash, Instant now, CancellationToken cancellationToken) =>
        WriteCappedAsync(ownerId, cancellationToken, async (connection, transaction) =>
        {
            var added = await ExecuteAsync(connection, transaction, cancellationToken,
                "INSERT INTO owner_api_keys (id, owner_id, secret_hash, created_at) VALUES (@id, @owner, @hash, @now);",
                ("@id", keyId), ("@owner", ownerId), ("@hash", secretHash), ("@now", ToColumn(now)));
            return WithinLimit(OwnerLimit.ActiveKeys, await CountAsync(connection, transaction, "owner_api_keys", ownerId, cancellationToken, "revoked_at IS NULL"), added);
        },
        changesSlots: false); // Keys do not change slots.

    public async Task<StoredApiKey?> FindApiKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var keys = await QueryAsync(connection, null, cancellationToken, ReadApiKey,
            "SELECT id, owner_id, secret_hash, created_at, revoked_at FROM owner_api_keys WHERE id = @id;", ("@id", keyId));
        return keys.SingleOrDefault();
    }

    public Task<IReadOnlyList<StoredApiKey>?> ListApiKeysAsync(string ownerId, CancellationToken cancellationToken) =>
        ReadForOwnerAsync<IReadOnlyList<StoredApiKey>>(ownerId, cancellationToken, async (connection, transaction, _) =>
            await QueryAsync(connection, transaction, cancellationToken, ReadApiKey,
                "SELECT id, owner_id, secret_hash, created_at, revoked_at FROM owner_api_keys WHERE owner_id = @owner ORDER BY created_at, id;",
                ("@owner", ownerId)));

    public async Task<bool> RevokeApiKeyAsync(string ownerId, string keyId, Instant now, CancellationToken cancellationToken) =>
        await WriteAsync(async (connection, transaction, _) => Commit(await ExecuteAsync(connection, transaction, cancellationToken,
            "UPDATE owner_api_keys SET revoked_at = @now WHERE id = @id AND owner_id = @owner AND revoked_at IS NULL;",
            ("@id", keyId), ("@owner", ownerId), ("@now", ToColumn(now)))), cancellationToken) == 1;

    private static StoredApiKey ReadApiKey(DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), ToInstant(r.GetInt64(3)), r.IsDBNull(4) ? null : ToInstant(r.GetInt64(4)));
}
