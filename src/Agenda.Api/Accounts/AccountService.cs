using System.Text;
using System.Text.RegularExpressions;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Hosting;
using Agenda.Scheduling.Zones;
using Agenda.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using NodaTime;

namespace Agenda.Api.Accounts;

/// <summary>
/// The account use cases every sign-in door shares: sign up (the first account, or as the sign-up policy allows, or by
/// invitation; with a password, or without one for an address a single sign-on provider verified), confirm the address, forget and reset the password, sign in with a password, change it, sign out
/// everywhere. Forms that take an address answer the same whether or not it has an account, and do the same work
/// (one message kept to send), so neither the answer nor its timing tells who has one.
/// </summary>
internal sealed partial class AccountService(
    UserManager<Account> users, AccountSignIn signIn, IAccountStore accounts, AccountUserStore store, AccountMailer mailer, AccountOptions options,
    SignInRecord record, Invitations invitations)
{
    /// <summary>A hash that no password matches, checked for an unknown address so that its answer takes as long as a wrong password's.</summary>
    private static readonly string DecoyHash = new PasswordHasher<Account>().HashPassword(null!, Guid.NewGuid().ToString("N"));

    /// <summary>Whether the sign-up form may be used now, with or without an invitation.</summary>
    public async Task<SignUpState> SignUpStateAsync(string? inviteToken, CancellationToken cancellationToken)
    {
        if (await accounts.CountAccountsAsync(cancellationToken) == 0)
        {
            return new SignUpState(Allowed: true, First: true, Invite: null);
        }

        if (inviteToken is not null)
        {
            var invite = await invitations.FindUsableAsync(inviteToken, cancellationToken);
            return new SignUpState(invite is not null, First: false, invite);
        }

        return new SignUpState(options.SignUp == SignUpPolicy.Open, First: false, Invite: null);
    }

    /// <summary>
    /// Makes the account and its owner. Signs in at once when the address needs no confirmation (an invitation proved it,
    /// or the service sends no mail); otherwise sends the confirmation link. An address that has an account already gets a
    /// note instead, and the same answer.
    /// </summary>
    public async Task<SignUpAnswer> SignUpAsync(SignUpForm form, CancellationToken cancellationToken)
    {
        var state = await SignUpStateAsync(form.InviteToken, cancellationToken);
        if (!state.Allowed)
        {
            return new SignUpAnswer.Refused(form.InviteToken is null ? "SignUpClosed" : "InviteNotUsable");
        }

        var email = (state.Invite?.Email ?? form.Email ?? "").Trim();
        var errors = new List<string>();
        if (!IsAddress(email))
        {
            errors.Add("EmailInvalid");
        }

        errors.AddRange(await PasswordProblemsAsync(form.Password));
        var zone = ZoneRules.Find(form.TimeZone?.Trim() ?? "") ?? DateTimeZone.Utc;
        var name = string.IsNullOrWhiteSpace(form.Name) ? null : form.Name.Trim();
        if (name is { Length: > 100 })
        {
            errors.Add("NameTooLong");
        }

        string? chosenId = null;
        if (!string.IsNullOrWhiteSpace(form.Link))
        {
            chosenId = form.Link.Trim().ToLowerInvariant();
            if (!LinkShape().IsMatch(chosenId) || ReservedSegments.Contains(chosenId))
            {
                errors.Add("LinkInvalid");
            }
        }

        if (errors.Count > 0)
        {
            return new SignUpAnswer.Invalid(errors);
        }

        var confirmed = state.Invite is not null || !mailer.Available;
        var (made, created) = await CreateWithOwnerAsync(email, form.Password, confirmed, name, zone, chosenId, state.Invite?.TokenHash, cancellationToken);
        switch (made)
        {
            case AccountCreation.OwnerTaken:
                return new SignUpAnswer.Invalid(["LinkTaken"]);
            case AccountCreation.InviteNotUsable:
                return new SignUpAnswer.Refused("InviteNotUsable");
            case AccountCreation.EmailTaken when mailer.Available:
                await mailer.AccountExistsAsync(email, cancellationToken);
                return new SignUpAnswer.CheckMail(email);
            case AccountCreation.EmailTaken:
                return new SignUpAnswer.Invalid(["EmailTaken"]);
        }

        await record.RecordAsync(created!.Id, "account_created", null, cancellationToken);
        if (confirmed)
        {
            await signIn.SignInAsync(created, isPersistent: false, "password");
            await record.SignedInAsync(created, "password", cancellationToken);
            return new SignUpAnswer.SignedIn(created.OwnerId);
        }

        await SendConfirmationAsync(created, cancellationToken);
        return new SignUpAnswer.CheckMail(email);
    }

    /// <summary>
    /// Makes an account without a password, for an address a single sign-on provider has verified (so it is confirmed),
    /// when the sign-up policy allows a new account: the first, or any when sign-up is open. Its owner's booking page
    /// address is made from the e-mail address, as on the sign-up form; the caller links the provider's sign-in to it.
    /// </summary>
    public async Task<VerifiedSignUp> SignUpVerifiedAsync(string email, string? name, CancellationToken cancellationToken)
    {
        if (!(await SignUpStateAsync(null, cancellationToken)).Allowed)
        {
            return new VerifiedSignUp.Refused("SignUpClosed");
        }

        email = email.Trim();
        if (!IsAddress(email))
        {
            return new VerifiedSignUp.Refused("EmailInvalid");
        }

        name = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        var (made, created) = await CreateWithOwnerAsync(
            email, password: null, confirmed: true, name is { Length: > 100 } ? name[..100] : name, DateTimeZone.Utc, chosenId: null, inviteTokenHash: null,
            cancellationToken);
        if (created is null)
        {
            return new VerifiedSignUp.Refused(made == AccountCreation.EmailTaken ? "EmailTaken" : "LinkTaken");
        }

        await record.RecordAsync(created.Id, "account_created", "oidc", cancellationToken);
        return new VerifiedSignUp.Made(created);
    }

    /// <summary>Confirms the address with the link's code; false for a wrong, used or expired code (a link works once).</summary>
    public async Task<bool> ConfirmEmailAsync(string? accountId, string? code, CancellationToken cancellationToken)
    {
        if (accountId is null || Decode(code) is not { } token || await users.FindByIdAsync(accountId) is not { EmailConfirmed: false } account)
        {
            return false;
        }

        var confirmed = await users.ConfirmEmailAsync(account, token);
        if (confirmed.Succeeded)
        {
            await record.RecordAsync(account.Id, "email_confirmed", null, cancellationToken);
        }

        return confirmed.Succeeded;
    }

    /// <summary>
    /// Sends a reset link to an address with a confirmed account, the confirmation link again to one not confirmed yet,
    /// and a note to any other address; the page answers the same in every case.
    /// </summary>
    public async Task RequestPasswordResetAsync(string? email, CancellationToken cancellationToken)
    {
        if (!mailer.Available || string.IsNullOrWhiteSpace(email) || !MimeKit.MailboxAddress.TryParse(email.Trim(), out _))
        {
            return;
        }

        var account = await users.FindByEmailAsync(email.Trim());
        if (account is null || !account.IsActive)
        {
            await mailer.NoAccountAsync(email.Trim(), cancellationToken);
        }
        else if (!account.EmailConfirmed)
        {
            await SendConfirmationAsync(account, cancellationToken);
        }
        else
        {
            var token = await users.GeneratePasswordResetTokenAsync(account);
            await mailer.ResetPasswordAsync(account.Email, $"/console/reset-password?account={account.Id}&code={Encode(token)}", cancellationToken);
        }
    }

    /// <summary>Sets a new password with the link's code; the code works once (the new password changes what it was made from).</summary>
    public async Task<IReadOnlyList<string>> ResetPasswordAsync(string? accountId, string? code, string? password, CancellationToken cancellationToken)
    {
        if (accountId is null || Decode(code) is not { } token || await users.FindByIdAsync(accountId) is not { IsActive: true } account)
        {
            return ["ResetLinkInvalid"];
        }

        if (await PasswordProblemsAsync(password) is { Count: > 0 } problems)
        {
            return problems;
        }

        var reset = await users.ResetPasswordAsync(account, token, password!);
        if (!reset.Succeeded)
        {
            return ["ResetLinkInvalid"];
        }

        // A reset proves the address and ends a lockout; every other session of the account has ended with the stamp.
        account = (await users.FindByIdAsync(accountId))!;
        account.EmailConfirmed = true;
        account.LockoutEnd = null;
        account.AccessFailedCount = 0;
        await users.UpdateAsync(account);
        await record.RecordAsync(account.Id, "password_reset", null, cancellationToken);
        return [];
    }

    /// <summary>
    /// Signs in with an address and a password: signed in, or the second factor is needed next, or refused. An unknown
    /// address costs a password check too and gets the wrong password's answer; each failure counts towards the lockout.
    /// </summary>
    public async Task<PasswordSignIn> PasswordSignInAsync(string? email, string? password, CancellationToken cancellationToken)
    {
        var account = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (account is null || account.PasswordHash is null)
        {
            users.PasswordHasher.VerifyHashedPassword(null!, DecoyHash, password ?? "");
            return PasswordSignIn.Wrong;
        }

        var result = await signIn.PasswordSignInAsync(account, password ?? "", isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return await record.SignedInAsync(account, "password", cancellationToken) ? PasswordSignIn.FirstSignIn : PasswordSignIn.SignedIn;
        }

        await record.RecordAsync(account.Id, result.RequiresTwoFactor ? "password_accepted" : "sign_in_failed",
            result.IsLockedOut ? "locked_out" : result.IsNotAllowed ? "not_allowed" : result.RequiresTwoFactor ? null : "password", cancellationToken);
        return result.RequiresTwoFactor ? PasswordSignIn.NeedsSecondFactor
            : result.IsLockedOut ? PasswordSignIn.LockedOut
            : result.IsNotAllowed && account.IsActive && !account.EmailConfirmed ? PasswordSignIn.Unconfirmed
            : PasswordSignIn.Wrong;
    }

    /// <summary>Changes the password of a signed-in account (the current one must be given); ends its other sessions.</summary>
    public async Task<IReadOnlyList<string>> ChangePasswordAsync(string accountId, string? current, string? password, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(accountId) is not { } account)
        {
            return ["AccountGone"];
        }

        if (await PasswordProblemsAsync(password) is { Count: > 0 } problems)
        {
            return problems;
        }

        var changed = account.PasswordHash is null
            ? await users.AddPasswordAsync(account, password!)
            : await users.ChangePasswordAsync(account, current ?? "", password!);
        if (!changed.Succeeded)
        {
            return [changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)) ? "CurrentPasswordWrong" : "PasswordNotChanged"];
        }

        await record.RecordAsync(account.Id, "password_changed", null, cancellationToken);
        await signIn.RefreshSignInAsync((await users.FindByIdAsync(accountId))!);
        return [];
    }

    /// <summary>Ends every session of the account, this one included.</summary>
    public async Task SignOutEverywhereAsync(string accountId, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(accountId) is { } account)
        {
            await users.UpdateSecurityStampAsync(account);
            await record.RecordAsync(account.Id, "signed_out_everywhere", null, cancellationToken);
        }

        await ConsoleSession.SignOutAsync(signIn.Context);
    }

    /// <summary>Sends the link that confirms the account's address.</summary>
    public async Task SendConfirmationAsync(Account account, CancellationToken cancellationToken)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(account);
        await mailer.ConfirmAddressAsync(account.Email, $"/console/confirm-email?account={account.Id}&code={Encode(token)}", cancellationToken);
    }

    /// <summary>What is wrong with a new password, as text keys: too short, too long, or refused by Identity's validators.</summary>
    public async Task<List<string>> PasswordProblemsAsync(string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < options.MinimumPasswordLength)
        {
            return ["PasswordTooShort"];
        }

        if (password.Length > AccountOptions.MaximumPasswordLength)
        {
            return ["PasswordTooLong"];
        }

        foreach (var validator in users.PasswordValidators)
        {
            if (!(await validator.ValidateAsync(users, null!, password)).Succeeded)
            {
                return ["PasswordRefused"];
            }
        }

        return [];
    }

    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static string? Decode(string? code)
    {
        try
        {
            return string.IsNullOrEmpty(code) ? null : Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="email"/> is one plain address (no display name, no group).</summary>
    private static bool IsAddress(string email) =>
        MimeKit.MailboxAddress.TryParse(email, out var address) && address.Address == email && email.Contains('@', StringComparison.Ordinal);

    /// <summary>
    /// Makes an account and its owner in one transaction, under the owner id chosen or the first free one made from the
    /// address (<see cref="Candidates"/>); with a password's hash, or none. The outcome is the store's, and the account as
    /// read back when it was made (<see cref="AccountCreation.OwnerTaken"/>: the chosen id, or every candidate, was taken).
    /// </summary>
    private async Task<(AccountCreation Made, Account? Created)> CreateWithOwnerAsync(
        string email, string? password, bool confirmed, string? name, DateTimeZone zone, string? chosenId, string? inviteTokenHash, CancellationToken cancellationToken)
    {
        var normalized = users.NormalizeEmail(email);
        foreach (var ownerId in Candidates(chosenId, email))
        {
            var account = new Account
            {
                Id = Guid.CreateVersion7().ToString("N"),
                OwnerId = ownerId,
                Email = email,
                NormalizedEmail = normalized,
                EmailConfirmed = confirmed,
                IsAdministrator = options.Administrator is { } named && string.Equals(named, email, StringComparison.OrdinalIgnoreCase),
                CreatedAt = store.Now,
            };
            account.PasswordHash = password is null ? null : users.PasswordHasher.HashPassword(account, password);
            var made = await accounts.CreateAccountAsync(new NewAccount(store.ToStored(account), name, zone), firstBecomesAdministrator: true, inviteTokenHash, cancellationToken);
            if (made == AccountCreation.OwnerTaken && chosenId is null)
            {
                continue;
            }

            return made is AccountCreation.Created or AccountCreation.CreatedAsAdministrator ? (made, await users.FindByIdAsync(account.Id)) : (made, null);
        }

        return (AccountCreation.OwnerTaken, null);
    }

    /// <summary>The owner id (the booking page's address) chosen, or ones made from the address: "ana.smith@…" gives ana-smith, ana-smith-2, …</summary>
    private static IEnumerable<string> Candidates(string? chosen, string email)
    {
        if (chosen is not null)
        {
            yield return chosen;
            yield break;
        }

        var local = email[..email.IndexOf('@', StringComparison.Ordinal)].ToLowerInvariant();
        var stem = NotLinkCharacters().Replace(local, "-").Trim('-');
        stem = stem.Length == 0 ? "owner" : stem[..Math.Min(stem.Length, 40)].Trim('-');
        if (ReservedSegments.Contains(stem))
        {
            stem += "-page";
        }

        yield return stem;
        for (var n = 2; n <= 9; n++)
        {
            yield return $"{stem}-{n}";
        }

        yield return $"{stem}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3))}";
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex LinkShape();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotLinkCharacters();
}

/// <summary>Whether the sign-up form may be used, and the invitation it would use.</summary>
internal sealed record SignUpState(bool Allowed, bool First, StoredInvite? Invite);

/// <summary>The sign-up form's fields.</summary>
internal sealed record SignUpForm(string? Email, string? Password, string? Name, string? Link, string? TimeZone, string? InviteToken);

/// <summary>What signing up did.</summary>
internal abstract record SignUpAnswer
{
    private SignUpAnswer()
    {
    }

    public sealed record SignedIn(string OwnerId) : SignUpAnswer;

    public sealed record CheckMail(string Email) : SignUpAnswer;

    public sealed record Invalid(IReadOnlyList<string> Problems) : SignUpAnswer;

    public sealed record Refused(string Reason) : SignUpAnswer;
}

/// <summary>What making an account for a provider-verified address did: made, or refused for a reason (a text key).</summary>
internal abstract record VerifiedSignUp
{
    private VerifiedSignUp()
    {
    }

    public sealed record Made(Account Account) : VerifiedSignUp;

    public sealed record Refused(string Reason) : VerifiedSignUp;
}

/// <summary>What a password sign-in did.</summary>
internal enum PasswordSignIn
{
    SignedIn,

    /// <summary>Signed in, for the first time: the setup page comes next.</summary>
    FirstSignIn,
    NeedsSecondFactor,
    Wrong,
    LockedOut,
    Unconfirmed,
}
