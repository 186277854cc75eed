using Agenda.Api.Platform.Access;
using Agenda.Storage;
using Microsoft.AspNetCore.Identity;
using NodaTime;

namespace Agenda.Api.Accounts;

/// <summary>
/// What an administrator does to accounts: list them, deactivate and reactivate, make or unmake administrators, reset
/// two-factor. Every change ends the account's sessions (its security stamp changes), so a new role or a deactivation
/// holds from the next request. A deactivated account cannot sign in, its owner's API keys are revoked (programs stop
/// too), its booking pages say the person is not available, and its bookings stay. An administrator cannot deactivate
/// or unmake themself, so an installation always keeps one.
/// </summary>
internal sealed class Administration(UserManager<Account> users, IAccountStore accounts, OwnerKeys keys, SignInRecord record, TimeProvider time)
{
    public Task<IReadOnlyList<AccountListing>> ListAsync(CancellationToken cancellationToken) => accounts.ListAccountsAsync(cancellationToken);

    /// <summary>Deactivates (or reactivates) an account; the text key of the refusal, or null when done.</summary>
    public async Task<string?> SetActiveAsync(string administratorId, string accountId, bool active, CancellationToken cancellationToken)
    {
        if (accountId == administratorId)
        {
            return "AdminNotYourself";
        }

        if (await users.FindByIdAsync(accountId) is not { } account)
        {
            return "AdminNoSuchAccount";
        }

        account.DeactivatedAt = active ? null : account.DeactivatedAt ?? Instant.FromDateTimeOffset(time.GetUtcNow());
        if (!(await users.UpdateSecurityStampAsync(account)).Succeeded)
        {
            return "AdminTryAgain";
        }

        if (!active)
        {
            foreach (var key in await keys.ListAsync(account.OwnerId, cancellationToken) ?? [])
            {
                if (key.IsActive)
                {
                    await keys.RevokeAsync(account.OwnerId, key.Id, cancellationToken);
                }
            }
        }

        await record.RecordAsync(account.Id, active ? "reactivated" : "deactivated", null, cancellationToken);
        return null;
    }

    /// <summary>Makes an account administrator, or not; the text key of the refusal, or null when done.</summary>
    public async Task<string?> SetAdministratorAsync(string administratorId, string accountId, bool administrator, CancellationToken cancellationToken)
    {
        if (accountId == administratorId && !administrator)
        {
            return "AdminNotYourself";
        }

        if (await users.FindByIdAsync(accountId) is not { } account)
        {
            return "AdminNoSuchAccount";
        }

        account.IsAdministrator = administrator;
        if (!(await users.UpdateSecurityStampAsync(account)).Succeeded)
        {
            return "AdminTryAgain";
        }

        await record.RecordAsync(account.Id, administrator ? "made_administrator" : "administrator_removed", null, cancellationToken);
        return null;
    }

    /// <summary>Turns two-factor off and forgets the authenticator key and recovery codes, for someone who lost their phone.</summary>
    public async Task<string?> ResetTwoFactorAsync(string accountId, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(accountId) is not { } account)
        {
            return "AdminNoSuchAccount";
        }

        account.TwoFactorEnabled = false;
        account.AuthenticatorKey = null;
        account.RecoveryCodes = null;
        if (!(await users.UpdateSecurityStampAsync(account)).Succeeded)
        {
            return "AdminTryAgain";
        }

        await record.RecordAsync(account.Id, "two_factor_reset", null, cancellationToken);
        return null;
    }

    /// <summary>
    /// Whether the owner's account is deactivated (an owner made with the API alone has no account, and is not). Static
    /// over the store alone, so the booking pages ask it without making Identity's managers on every visit.
    /// </summary>
    public static async Task<bool> IsDeactivatedAsync(IAccountStore accounts, string ownerId, CancellationToken cancellationToken) =>
        await accounts.FindAccountByOwnerAsync(ownerId, cancellationToken) is { DeactivatedAt: not null };
}
