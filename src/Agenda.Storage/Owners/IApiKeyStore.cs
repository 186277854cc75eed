using NodaTime;

namespace Agenda.Storage;

/// <summary>Owners' API keys, kept only as hashes.</summary>
public interface IApiKeyStore
{
    /// <summary>Stores a new key of an existing owner; refused with <see cref="OwnerWrite.LimitReached"/> past <see cref="OwnerLimits.MaxActiveKeys"/> active keys.</summary>
    Task<OwnerWrite> AddApiKeyAsync(string ownerId, NewApiKey key, Instant now, CancellationToken cancellationToken);

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

    /// <summary>What the key may do: <see cref="KeyScope.Full"/> for an owner's API key, otherwise an agent's token.</summary>
    public KeyScope Scope { get; init; } = KeyScope.Full;

    /// <summary>The owner's name for an agent's token, or null.</summary>
    public string? Label { get; init; }
}

/// <summary>A key to store: its id, the hash of the whole key, what it may do and the owner's name for it.</summary>
public sealed record NewApiKey(string Id, string SecretHash, KeyScope Scope = KeyScope.Full, string? Label = null);

/// <summary>
/// What a key may do. An owner's API key is <see cref="Full"/>. <see cref="Read"/> and <see cref="Book"/> are tokens an
/// owner gives an agent, accepted only by the MCP server: read finds meeting types, free times and the owner's bookings;
/// book also holds, books, cancels and moves on the owner's behalf. Stored as the column <c>scope</c> ('full', 'read', 'book').
/// </summary>
public enum KeyScope
{
    Full,
    Read,
    Book,
}
