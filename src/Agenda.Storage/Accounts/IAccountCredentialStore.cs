namespace Agenda.Storage;

/// <summary>An account's other ways in: sign-in through an OpenID Connect provider, and passkeys.</summary>
public interface IAccountCredentialStore
{
    /// <summary>Links a provider's subject to the account; false if that subject is linked already (to any account).</summary>
    Task<bool> AddLoginAsync(string accountId, AccountLogin login, CancellationToken cancellationToken);

    /// <summary>Unlinks it; false if the account had no such link.</summary>
    Task<bool> RemoveLoginAsync(string accountId, string provider, string providerKey, CancellationToken cancellationToken);

    /// <summary>The providers linked to the account.</summary>
    Task<IReadOnlyList<AccountLogin>> ListLoginsAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>The account a provider's subject is linked to, or null.</summary>
    Task<StoredAccount?> FindAccountByLoginAsync(string provider, string providerKey, CancellationToken cancellationToken);

    /// <summary>Adds the passkey, or replaces what is kept of it (its name, its signature counter) if the account has it already.</summary>
    Task SavePasskeyAsync(string accountId, StoredPasskey passkey, CancellationToken cancellationToken);

    /// <summary>The account's passkeys, oldest first.</summary>
    Task<IReadOnlyList<StoredPasskey>> ListPasskeysAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>The passkey with that credential id and the account it belongs to, or null.</summary>
    Task<(StoredAccount Account, StoredPasskey Passkey)?> FindPasskeyAsync(string credentialId, CancellationToken cancellationToken);

    /// <summary>Removes one of the account's passkeys; false if the account has no such passkey.</summary>
    Task<bool> RemovePasskeyAsync(string accountId, string credentialId, CancellationToken cancellationToken);
}

/// <summary>A provider's subject linked to an account.</summary>
public sealed record AccountLogin(string Provider, string ProviderKey, string? DisplayName);

/// <summary>A passkey: its credential id (base64url) and what the host keeps of it, as JSON the host reads and writes.</summary>
public sealed record StoredPasskey(string CredentialId, string Data, NodaTime.Instant CreatedAt);
