using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Agenda.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using NodaTime;

namespace Agenda.Api.Accounts;

/// <summary>
/// ASP.NET Core Identity's view of our account storage (<see cref="IAccountStore"/>, <see cref="IAccountCredentialStore"/>),
/// on SQLite and PostgreSQL alike. Identity changes an <see cref="Account"/> in memory and calls <see cref="UpdateAsync"/>,
/// which saves it only over the concurrency stamp it was read with. Recovery codes are kept as hashes, the authenticator
/// key sealed with the service's data-protection keys; passkeys as JSON of what Identity gives.
/// </summary>
internal sealed class AccountUserStore(IAccountStore accounts, IAccountCredentialStore credentials, IDataProtectionProvider protection, TimeProvider time) :
    IUserEmailStore<Account>, IUserPasswordStore<Account>, IUserSecurityStampStore<Account>, IUserLockoutStore<Account>, IUserTwoFactorStore<Account>,
    IUserAuthenticatorKeyStore<Account>, IUserTwoFactorRecoveryCodeStore<Account>, IUserLoginStore<Account>, IUserPasskeyStore<Account>
{
    private readonly IDataProtector sealer = protection.CreateProtector("Agenda.Accounts.AuthenticatorKey.v1");

    public void Dispose()
    {
    }

    /// <summary>Accounts are made with their owner by <see cref="AccountService"/>, never through Identity's CreateAsync.</summary>
    public Task<IdentityResult> CreateAsync(Account user, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Accounts are created with their owner by AccountService.");

    public async Task<IdentityResult> UpdateAsync(Account user, CancellationToken cancellationToken)
    {
        var expected = user.ConcurrencyStamp;
        user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        if (await accounts.UpdateAccountAsync(ToStored(user), expected, cancellationToken))
        {
            return IdentityResult.Success;
        }

        user.ConcurrencyStamp = expected;
        return IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
    }

    public Task<IdentityResult> DeleteAsync(Account user, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Accounts are deactivated, not deleted: their owner's bookings stay.");

    public async Task<Account?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        FromStored(await accounts.FindAccountAsync(userId, cancellationToken));

    public async Task<Account?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        FromStored(await accounts.FindAccountByEmailAsync(normalizedUserName, cancellationToken));

    public Task<string> GetUserIdAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(user.Id);

    public Task<string?> GetUserNameAsync(Account user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.Email);

    public Task SetUserNameAsync(Account user, string? userName, CancellationToken cancellationToken) => Set(() => user.Email = userName ?? user.Email);

    public Task<string?> GetNormalizedUserNameAsync(Account user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.NormalizedEmail);

    public Task SetNormalizedUserNameAsync(Account user, string? normalizedName, CancellationToken cancellationToken) =>
        Set(() => user.NormalizedEmail = normalizedName ?? user.NormalizedEmail);

    public Task SetEmailAsync(Account user, string? email, CancellationToken cancellationToken) => Set(() => user.Email = email ?? user.Email);

    public Task<string?> GetEmailAsync(Account user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.Email);

    public Task<bool> GetEmailConfirmedAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(user.EmailConfirmed);

    public Task SetEmailConfirmedAsync(Account user, bool confirmed, CancellationToken cancellationToken) => Set(() => user.EmailConfirmed = confirmed);

    public Task<Account?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) => FindByNameAsync(normalizedEmail, cancellationToken);

    public Task<string?> GetNormalizedEmailAsync(Account user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.NormalizedEmail);

    public Task SetNormalizedEmailAsync(Account user, string? normalizedEmail, CancellationToken cancellationToken) =>
        Set(() => user.NormalizedEmail = normalizedEmail ?? user.NormalizedEmail);

    public Task SetPasswordHashAsync(Account user, string? passwordHash, CancellationToken cancellationToken) => Set(() => user.PasswordHash = passwordHash);

    public Task<string?> GetPasswordHashAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash);

    public Task<bool> HasPasswordAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash is not null);

    public Task SetSecurityStampAsync(Account user, string stamp, CancellationToken cancellationToken) => Set(() => user.SecurityStamp = stamp);

    public Task<string?> GetSecurityStampAsync(Account user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(Account user, CancellationToken cancellationToken) =>
        Task.FromResult(user.LockoutEnd?.ToDateTimeOffset());

    public Task SetLockoutEndDateAsync(Account user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken) =>
        Set(() => user.LockoutEnd = lockoutEnd is { } end ? Instant.FromDateTimeOffset(end) : null);

    public Task<int> IncrementAccessFailedCountAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(++user.AccessFailedCount);

    public Task ResetAccessFailedCountAsync(Account user, CancellationToken cancellationToken) => Set(() => user.AccessFailedCount = 0);

    public Task<int> GetAccessFailedCountAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(user.AccessFailedCount);

    /// <summary>Every account can be locked out.</summary>
    public Task<bool> GetLockoutEnabledAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task SetLockoutEnabledAsync(Account user, bool enabled, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SetTwoFactorEnabledAsync(Account user, bool enabled, CancellationToken cancellationToken) => Set(() => user.TwoFactorEnabled = enabled);

    public Task<bool> GetTwoFactorEnabledAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(user.TwoFactorEnabled);

    public Task SetAuthenticatorKeyAsync(Account user, string key, CancellationToken cancellationToken) => Set(() => user.AuthenticatorKey = key);

    public Task<string?> GetAuthenticatorKeyAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(user.AuthenticatorKey);

    public Task ReplaceCodesAsync(Account user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        Set(() => user.RecoveryCodes = string.Join(';', recoveryCodes.Select(HashCode)));

    public Task<bool> RedeemCodeAsync(Account user, string code, CancellationToken cancellationToken)
    {
        var codes = Codes(user).ToList();
        if (!codes.Remove(HashCode(code)))
        {
            return Task.FromResult(false);
        }

        user.RecoveryCodes = string.Join(';', codes);
        return Task.FromResult(true);
    }

    public Task<int> CountCodesAsync(Account user, CancellationToken cancellationToken) => Task.FromResult(Codes(user).Length);

    public async Task AddLoginAsync(Account user, UserLoginInfo login, CancellationToken cancellationToken)
    {
        if (!await credentials.AddLoginAsync(user.Id, new AccountLogin(login.LoginProvider, login.ProviderKey, login.ProviderDisplayName), cancellationToken))
        {
            throw new InvalidOperationException("This sign-in is linked to an account already.");
        }
    }

    public Task RemoveLoginAsync(Account user, string loginProvider, string providerKey, CancellationToken cancellationToken) =>
        credentials.RemoveLoginAsync(user.Id, loginProvider, providerKey, cancellationToken);

    public async Task<IList<UserLoginInfo>> GetLoginsAsync(Account user, CancellationToken cancellationToken) =>
        [.. (await credentials.ListLoginsAsync(user.Id, cancellationToken)).Select(l => new UserLoginInfo(l.Provider, l.ProviderKey, l.DisplayName))];

    public async Task<Account?> FindByLoginAsync(string loginProvider, string providerKey, CancellationToken cancellationToken) =>
        FromStored(await credentials.FindAccountByLoginAsync(loginProvider, providerKey, cancellationToken));

    public Task AddOrUpdatePasskeyAsync(Account user, UserPasskeyInfo passkey, CancellationToken cancellationToken) =>
        credentials.SavePasskeyAsync(user.Id, new StoredPasskey(CredentialId(passkey.CredentialId), JsonSerializer.Serialize(PasskeyData.From(passkey)),
            Instant.FromDateTimeOffset(passkey.CreatedAt)), cancellationToken);

    public async Task<IList<UserPasskeyInfo>> GetPasskeysAsync(Account user, CancellationToken cancellationToken) =>
        [.. (await credentials.ListPasskeysAsync(user.Id, cancellationToken)).Select(ToPasskey)];

    public async Task<Account?> FindByPasskeyIdAsync(byte[] credentialId, CancellationToken cancellationToken) =>
        await credentials.FindPasskeyAsync(CredentialId(credentialId), cancellationToken) is { } found ? FromStored(found.Account) : null;

    public async Task<UserPasskeyInfo?> FindPasskeyAsync(Account user, byte[] credentialId, CancellationToken cancellationToken) =>
        await credentials.FindPasskeyAsync(CredentialId(credentialId), cancellationToken) is { } found && found.Account.Id == user.Id ? ToPasskey(found.Passkey) : null;

    public Task RemovePasskeyAsync(Account user, byte[] credentialId, CancellationToken cancellationToken) =>
        credentials.RemovePasskeyAsync(user.Id, CredentialId(credentialId), cancellationToken);

    /// <summary>A new account's row, as <see cref="AccountService"/> creates it.</summary>
    public StoredAccount ToStored(Account a) => new(
        a.Id, a.OwnerId, a.Email, a.NormalizedEmail, a.EmailConfirmed, a.PasswordHash, a.SecurityStamp, a.ConcurrencyStamp, a.TwoFactorEnabled,
        a.AuthenticatorKey is { } key ? sealer.Protect(key) : null, a.RecoveryCodes, a.LockoutEnd, a.AccessFailedCount, a.IsAdministrator, a.DeactivatedAt,
        a.CreatedAt);

    public Account? FromStored(StoredAccount? a) => a is null ? null : new Account
    {
        Id = a.Id,
        OwnerId = a.OwnerId,
        Email = a.Email,
        NormalizedEmail = a.NormalizedEmail,
        EmailConfirmed = a.EmailConfirmed,
        PasswordHash = a.PasswordHash,
        SecurityStamp = a.SecurityStamp,
        ConcurrencyStamp = a.ConcurrencyStamp,
        TwoFactorEnabled = a.TwoFactorEnabled,
        AuthenticatorKey = a.AuthenticatorKey is { } sealedKey ? sealer.Unprotect(sealedKey) : null,
        RecoveryCodes = a.RecoveryCodes,
        LockoutEnd = a.LockoutEnd,
        AccessFailedCount = a.AccessFailedCount,
        IsAdministrator = a.IsAdministrator,
        DeactivatedAt = a.DeactivatedAt,
        CreatedAt = a.CreatedAt,
    };

    /// <summary>Now, for rows this store makes.</summary>
    public Instant Now => Instant.FromDateTimeOffset(time.GetUtcNow());

    private static string[] Codes(Account user) => user.RecoveryCodes is { Length: > 0 } codes ? codes.Split(';') : [];

    private static string HashCode(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim().Replace("-", "", StringComparison.Ordinal).ToUpperInvariant())));

    private static string CredentialId(byte[] id) => WebEncoders.Base64UrlEncode(id);

    private static Task Set(Action change)
    {
        change();
        return Task.CompletedTask;
    }

    private static UserPasskeyInfo ToPasskey(StoredPasskey stored)
    {
        var data = JsonSerializer.Deserialize<PasskeyData>(stored.Data) ?? throw new InvalidOperationException("A stored passkey has no data.");
        return new UserPasskeyInfo(WebEncoders.Base64UrlDecode(stored.CredentialId), data.PublicKey, data.CreatedAt, data.SignCount, data.Transports,
            data.IsUserVerified, data.IsBackupEligible, data.IsBackedUp, data.AttestationObject, data.ClientDataJson)
        {
            Name = data.Name,
        };
    }

    /// <summary>What is kept of a passkey besides its credential id.</summary>
    private sealed record PasskeyData(
        byte[] PublicKey, string? Name, DateTimeOffset CreatedAt, uint SignCount, string[]? Transports, bool IsUserVerified, bool IsBackupEligible,
        bool IsBackedUp, byte[] AttestationObject, byte[] ClientDataJson)
    {
        public static PasskeyData From(UserPasskeyInfo p) =>
            new(p.PublicKey, p.Name, p.CreatedAt, p.SignCount, p.Transports, p.IsUserVerified, p.IsBackupEligible, p.IsBackedUp, p.AttestationObject, p.ClientDataJson);
    }
}
