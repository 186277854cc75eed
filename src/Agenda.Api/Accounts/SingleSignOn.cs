using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Agenda.Api.Accounts;

/// <summary>
/// Turns the single sign-on provider's answer (kept in Identity's external cookie by the OpenID Connect handler) into a
/// console session. A sign-in linked to an account signs in to it. Otherwise the provider must vouch for the address
/// (<c>email_verified</c>): an active account with that address gets the sign-in linked (which confirms an unconfirmed
/// address), and with no account one is made, without a password, if the sign-up policy allows a new account. An
/// address the provider does not vouch for links and makes nothing. The account's own rules still hold: a deactivated
/// account does not sign in, lockout counts, and two-factor asks its second step.
/// </summary>
internal sealed class SingleSignOn(AccountSignIn signIn, UserManager<Account> users, AccountService accounts, SignInRecord record)
{
    public const string EmailClaim = "email";
    public const string EmailVerifiedClaim = "email_verified";
    public const string NameClaim = "name";

    /// <summary>The sign-in page's notice (a text key) after a forged, replayed, expired or otherwise refused answer.</summary>
    public const string FailedNotice = "SingleSignOnFailed";

    /// <summary>The sign-in page's notice after the person cancelled (or the provider refused) at the provider.</summary>
    public const string CancelledNotice = "SingleSignOnCancelled";

    /// <summary>Reads the provider's answer, acts on it and forgets it (the external cookie is removed in every case).</summary>
    public async Task<SingleSignOnAnswer> CompleteAsync(CancellationToken cancellationToken)
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null)
        {
            return new SingleSignOnAnswer.Refused(FailedNotice, null);
        }

        try
        {
            return await CompleteAsync(info, cancellationToken);
        }
        finally
        {
            await signIn.Context.SignOutAsync(IdentityConstants.ExternalScheme);
        }
    }

    private async Task<SingleSignOnAnswer> CompleteAsync(ExternalLoginInfo info, CancellationToken cancellationToken)
    {
        var account = await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey);
        if (account is null)
        {
            var email = info.Principal.FindFirstValue(EmailClaim)?.Trim();
            if (string.IsNullOrEmpty(email))
            {
                return new SingleSignOnAnswer.Refused("SingleSignOnNoEmail", null);
            }

            if (!string.Equals(info.Principal.FindFirstValue(EmailVerifiedClaim), "true", StringComparison.OrdinalIgnoreCase))
            {
                return new SingleSignOnAnswer.Refused("SingleSignOnUnverified", email);
            }

            account = await users.FindByEmailAsync(email);
            if (account is null)
            {
                switch (await accounts.SignUpVerifiedAsync(email, info.Principal.FindFirstValue(NameClaim), cancellationToken))
                {
                    case VerifiedSignUp.Made made:
                        account = made.Account;
                        break;
                    case VerifiedSignUp.Refused { Reason: "SignUpClosed" }:
                        return new SingleSignOnAnswer.Refused("SingleSignOnSignUpClosed", email);
                    case VerifiedSignUp.Refused { Reason: "EmailInvalid" }:
                        return new SingleSignOnAnswer.Refused("SingleSignOnEmailInvalid", email);
                    default:
                        // Another request made an account with this address, or took every booking-page address, meanwhile.
                        return new SingleSignOnAnswer.Refused(FailedNotice, email);
                }
            }
            else if (await LinkRefusalAsync(account, info.LoginProvider, cancellationToken) is { } refusal)
            {
                return new SingleSignOnAnswer.Refused(refusal, email);
            }

            if (!await LinkAsync(account, info, cancellationToken))
            {
                return new SingleSignOnAnswer.Refused(FailedNotice, email);
            }
        }
        else if (!account.IsActive)
        {
            await record.RecordAsync(account.Id, "sign_in_failed", "not_allowed", cancellationToken);
            return new SingleSignOnAnswer.Refused("SingleSignOnDeactivated", account.Email);
        }

        var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false, bypassTwoFactor: false);
        if (result.Succeeded)
        {
            return new SingleSignOnAnswer.SignedIn(First: await record.SignedInAsync(account, SingleSignOnOptions.Scheme, cancellationToken));
        }

        if (result.RequiresTwoFactor)
        {
            return new SingleSignOnAnswer.NeedsSecondFactor();
        }

        await record.RecordAsync(account.Id, "sign_in_failed", result.IsLockedOut ? "locked_out" : "not_allowed", cancellationToken);
        return new SingleSignOnAnswer.Refused(result.IsLockedOut ? "SingleSignOnLockedOut" : "SingleSignOnNotAllowed", account.Email);
    }

    /// <summary>Why the provider's sign-in may not be linked to this account found by its address, or null when it may.</summary>
    private async Task<string?> LinkRefusalAsync(Account account, string provider, CancellationToken cancellationToken)
    {
        if (!account.IsActive)
        {
            await record.RecordAsync(account.Id, "sign_in_failed", "not_allowed", cancellationToken);
            return "SingleSignOnDeactivated";
        }

        // Another person at the provider with this address now (a reused address) must not take over the account.
        return (await users.GetLoginsAsync(account)).Any(l => l.LoginProvider == provider) ? "SingleSignOnOtherLink" : null;
    }

    /// <summary>Links the provider's sign-in to the account; the provider vouched for the address, so it is confirmed too.</summary>
    private async Task<bool> LinkAsync(Account account, ExternalLoginInfo info, CancellationToken cancellationToken)
    {
        var confirms = !account.EmailConfirmed;
        account.EmailConfirmed = true;
        var linked = await users.AddLoginAsync(account, new UserLoginInfo(info.LoginProvider, info.ProviderKey, info.ProviderDisplayName));
        if (!linked.Succeeded)
        {
            return false;
        }

        if (confirms)
        {
            await record.RecordAsync(account.Id, "email_confirmed", SingleSignOnOptions.Scheme, cancellationToken);
        }

        await record.RecordAsync(account.Id, "login_linked", info.LoginProvider, cancellationToken);
        return true;
    }
}

/// <summary>What the provider's answer came to.</summary>
internal abstract record SingleSignOnAnswer
{
    private SingleSignOnAnswer()
    {
    }

    /// <summary>Signed in to the console (to an account made just now, or linked just now, or linked before).</summary>
    /// <param name="First">The account's first sign-in ever: the setup page comes next.</param>
    public sealed record SignedIn(bool First) : SingleSignOnAnswer;

    /// <summary>The account has two-factor on: its second step comes next.</summary>
    public sealed record NeedsSecondFactor : SingleSignOnAnswer;

    /// <summary>Not signed in, for a reason (a text key), about the address the provider gave, if any.</summary>
    public sealed record Refused(string Reason, string? Email) : SingleSignOnAnswer;
}
