using NodaTime;

namespace Agenda.Storage;

/// <summary>Accounts: how people sign in to the console, each the account of one owner.</summary>
public interface IAccountStore
{
    /// <summary>
    /// Creates the owner and their account in one transaction (and accepts <paramref name="inviteTokenHash"/>'s invitation
    /// in it, when given). The first account of the installation, and only it, is made administrator when
    /// <paramref name="firstBecomesAdministrator"/>; nothing is written when the answer is not <see cref="AccountCreation.Created"/>.
    /// </summary>
    Task<AccountCreation> CreateAccountAsync(NewAccount account, bool firstBecomesAdministrator, string? inviteTokenHash, CancellationToken cancellationToken);

    /// <summary>The account with that id, or null.</summary>
    Task<StoredAccount?> FindAccountAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>The account with that normalised e-mail address, or null.</summary>
    Task<StoredAccount?> FindAccountByEmailAsync(string normalizedEmail, CancellationToken cancellationToken);

    /// <summary>The account of that owner, or null (an owner made with the API alone has none).</summary>
    Task<StoredAccount?> FindAccountByOwnerAsync(string ownerId, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the account's changeable fields if its concurrency stamp is still <paramref name="expectedStamp"/>
    /// (someone else's change in between makes it false, and changes nothing).
    /// </summary>
    Task<bool> UpdateAccountAsync(StoredAccount account, string expectedStamp, CancellationToken cancellationToken);

    /// <summary>Every account, oldest first, with its owner's display name, for the administrator's list.</summary>
    Task<IReadOnlyList<AccountListing>> ListAccountsAsync(CancellationToken cancellationToken);

    /// <summary>How many accounts there are.</summary>
    Task<long> CountAccountsAsync(CancellationToken cancellationToken);
}

/// <summary>A new account and the owner made with it.</summary>
public sealed record NewAccount(StoredAccount Account, string? OwnerDisplayName, DateTimeZone Zone);

/// <summary>What creating an account did.</summary>
public enum AccountCreation
{
    Created,
    CreatedAsAdministrator,
    EmailTaken,
    OwnerTaken,
    InviteNotUsable,
}

/// <summary>
/// An account as stored. <see cref="LockoutEnd"/> and the access-failed count are Identity's lockout; a deactivated
/// account (<see cref="DeactivatedAt"/>) cannot sign in, and its owner's pages are not offered.
/// </summary>
public sealed record StoredAccount(
    string Id,
    string OwnerId,
    string Email,
    string NormalizedEmail,
    bool EmailConfirmed,
    string? PasswordHash,
    string SecurityStamp,
    string ConcurrencyStamp,
    bool TwoFactorEnabled,
    string? AuthenticatorKey,
    string? RecoveryCodes,
    Instant? LockoutEnd,
    int AccessFailedCount,
    bool IsAdministrator,
    Instant? DeactivatedAt,
    Instant CreatedAt);

/// <summary>An account in the administrator's list.</summary>
public sealed record AccountListing(StoredAccount Account, string? OwnerDisplayName, int Passkeys);
