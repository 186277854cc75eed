using NodaTime;

namespace Agenda.Storage;

/// <summary>Owners' API keys, kept only as hashes.</summary>
public interface IApiKeyStore
{
    /// <summary>Stores a new key of an existing owner; refused with <see cref="OwnerWrite.LimitReached"/> past <see cref="OwnerLimits.MaxActiveKeys"/> active keys.</summary>
    Task<OwnerWrite> AddApiKeyAsync(string ownerId, string keyId, string secretHash, Instant now, CancellationToken cancellationToken);

    /// <summary>The key with that id, revoked or not, or null.</summary>
    Task<StoredApiKey?> FindApiKeyAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>The owner's keys, revoked ones included; null for an unknown owner.</summary>
    Task<IReadOnlyList<StoredApiKey>?> ListApiKeysAsync(string ownerId, CancellationToken cancellationToken);

    /// <summary>Revokes one of the owner's keys; false if the owner has no such active key.</summary>
    Task<bool> RevokeApiKeyAsync(string ownerId, string keyId, Instant now, CancellationToken cancellationToken);
}

/// <summary>An owner's API key as stored: never the key itself, only its hash.</summary>
public sealed record StoredApiKey(string Id, string OwnerId, string SecretHash, Instant CreatedAt, Instant? RevokedAt)
{
    public bool IsActive => RevokedAt is null;
}
