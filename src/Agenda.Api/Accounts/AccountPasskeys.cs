using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using NodaTime;

namespace Agenda.Api.Accounts;

/// <summary>
/// An account's passkeys (WebAuthn credentials, checked by Identity's passkey handler): add one, name it, remove it,
/// and sign in with one without a password. A ceremony is two requests: the options (whose challenge Identity keeps
/// in the short-lived <c>agenda_step</c> cookie), then the browser's answer. A passkey signs in on its own, without the
/// second step of two-factor: it is something the person has, unlocked by something they are or know.
/// </summary>
internal sealed class AccountPasskeys(AccountSignIn signIn, SignInRecord record)
{
    public const int MaximumNameLength = 60;

    private readonly UserManager<Account> users = signIn.UserManager;

    /// <summary>The account's passkeys, oldest first.</summary>
    public async Task<IReadOnlyList<PasskeyListing>> ListAsync(string accountId)
    {
        if (await users.FindByIdAsync(accountId) is not { } account)
        {
            return [];
        }

        return [.. (await users.GetPasskeysAsync(account)).Select(p => new PasskeyListing(
            WebEncoders.Base64UrlEncode(p.CredentialId), p.Name ?? "", Instant.FromDateTimeOffset(p.CreatedAt)))];
    }

    /// <summary>The options for <c>navigator.credentials.create</c>, as JSON; null when the account is gone.</summary>
    public async Task<string?> CreationOptionsAsync(string accountId, string? displayName)
    {
        if (await users.FindByIdAsync(accountId) is not { } account)
        {
            return null;
        }

        return await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = account.Id,
            Name = account.Email,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? account.Email : displayName,
        });
    }

    /// <summary>
    /// Keeps the passkey the browser made (its answer to the creation options) under <paramref name="name"/>, or the
    /// browser's name when none is given.
    /// </summary>
    public async Task<PasskeyAddition> AddAsync(string accountId, string? credentialJson, string? name, string? browser, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(accountId) is not { } account)
        {
            return new PasskeyAddition.Refused("AccountGone");
        }

        if (CleanName(name) is not { } chosen)
        {
            return new PasskeyAddition.Refused("PasskeyNameTooLong");
        }

        if (string.IsNullOrWhiteSpace(credentialJson))
        {
            return new PasskeyAddition.Refused("PasskeyNotMade");
        }

        PasskeyAttestationResult attestation;
        try
        {
            attestation = await signIn.PerformPasskeyAttestationAsync(credentialJson);
        }
        catch (InvalidOperationException)
        {
            // No ceremony under way in this browser: its state expired (5 minutes) or was used already.
            return new PasskeyAddition.Refused("PasskeyTooSlow");
        }

        // The ceremony was made for this account: a credential made for another (another tab's session) is not added here.
        if (!attestation.Succeeded || attestation.UserEntity?.Id != account.Id)
        {
            return new PasskeyAddition.Refused("PasskeyNotMade");
        }

        var passkey = attestation.Passkey;
        passkey.Name = chosen.Length > 0 ? chosen : DefaultName(browser);
        if (!(await users.AddOrUpdatePasskeyAsync(account, passkey)).Succeeded)
        {
            return new PasskeyAddition.Refused("PasskeyNotMade");
        }

        await record.RecordAsync(account.Id, "passkey_added", null, cancellationToken);
        await signIn.RefreshSignInAsync(account);
        return new PasskeyAddition.Added(WebEncoders.Base64UrlEncode(passkey.CredentialId));
    }

    /// <summary>Gives one of the account's passkeys a new name; the key of a text saying why not, or null when done.</summary>
    public async Task<string?> RenameAsync(string accountId, string? credentialId, string? name)
    {
        if (CleanName(name) is not { Length: > 0 } chosen)
        {
            return name?.Trim().Length > MaximumNameLength ? "PasskeyNameTooLong" : "PasskeyNameMissing";
        }

        if (await FindAsync(accountId, credentialId) is not ({ } account, { } passkey))
        {
            return "PasskeyMissing";
        }

        passkey.Name = chosen;
        return (await users.AddOrUpdatePasskeyAsync(account, passkey)).Succeeded ? null : "PasskeyMissing";
    }

    /// <summary>
    /// Removes one of the account's passkeys; the key of a text saying why not, or null when done. The last way in is
    /// kept: an account without a password or a single sign-on link keeps its last passkey.
    /// </summary>
    public async Task<string?> RemoveAsync(string accountId, string? credentialId, CancellationToken cancellationToken)
    {
        if (await FindAsync(accountId, credentialId) is not ({ } account, { } passkey))
        {
            return "PasskeyMissing";
        }

        if (account.PasswordHash is null && (await users.GetLoginsAsync(account)).Count == 0 && (await users.GetPasskeysAsync(account)).Count == 1)
        {
            return "PasskeyIsLastWayIn";
        }

        if (!(await users.RemovePasskeyAsync(account, passkey.CredentialId)).Succeeded)
        {
            return "PasskeyMissing";
        }

        await record.RecordAsync(account.Id, "passkey_removed", null, cancellationToken);
        await signIn.RefreshSignInAsync(account);
        return null;
    }

    /// <summary>The options for <c>navigator.credentials.get</c>, as JSON: any passkey of this service may answer (the browser offers the person's).</summary>
    public Task<string> RequestOptionsAsync() => signIn.MakePasskeyRequestOptionsAsync(null);

    /// <summary>
    /// Signs in with the browser's answer to the request options. The passkey names its account: one that is unknown
    /// (removed, or never added here), or whose signature does not hold, signs in nowhere. A locked, unconfirmed or
    /// deactivated account is refused as with a password, and the refusal recorded.
    /// </summary>
    public async Task<PasskeySignIn> SignInAsync(string? credentialJson, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(credentialJson))
        {
            return PasskeySignIn.Unknown;
        }

        PasskeyAssertionResult<Account> assertion;
        try
        {
            assertion = await signIn.PerformPasskeyAssertionAsync(credentialJson);
        }
        catch (InvalidOperationException)
        {
            return PasskeySignIn.TooSlow;
        }

        if (!assertion.Succeeded)
        {
            return PasskeySignIn.Unknown;
        }

        var account = assertion.User;
        if (await users.IsLockedOutAsync(account))
        {
            await record.RecordAsync(account.Id, "sign_in_failed", "locked_out", cancellationToken);
            return PasskeySignIn.LockedOut;
        }

        if (!await signIn.CanSignInAsync(account))
        {
            await record.RecordAsync(account.Id, "sign_in_failed", "not_allowed", cancellationToken);
            return PasskeySignIn.NotAllowed;
        }

        // The passkey's signature counter moves on, so a cloned authenticator shows itself by going back.
        if (!(await users.AddOrUpdatePasskeyAsync(account, assertion.Passkey)).Succeeded)
        {
            return PasskeySignIn.Unknown;
        }

        await signIn.SignInAsync(account, isPersistent: false, "passkey");
        await record.SignedInAsync(account, "passkey", cancellationToken);
        return PasskeySignIn.SignedIn;
    }

    /// <summary>
    /// Whether the page that ran a ceremony (the origin the authenticator signed) is this service as the browser reached
    /// it, or its <c>PublicBaseUrl</c> (the address before a proxy that ends TLS). Identity's own check compares with the
    /// request's Origin header, which browsers send as "null" from pages whose referrer policy is no-referrer, as the
    /// console's is.
    /// </summary>
    public static ValueTask<bool> IsThisServicesOrigin(PasskeyOriginValidationContext context, Uri? publicBaseUrl)
    {
        if (context.CrossOrigin || !Uri.TryCreate(context.Origin, UriKind.Absolute, out var origin))
        {
            return ValueTask.FromResult(false);
        }

        var request = context.HttpContext.Request;
        var reached = new Uri($"{request.Scheme}://{request.Host}");
        return ValueTask.FromResult(Uri.Compare(origin, reached, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
            || (publicBaseUrl is not null && Uri.Compare(origin, publicBaseUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0));
    }

    private async Task<(Account, UserPasskeyInfo)?> FindAsync(string accountId, string? credentialId)
    {
        byte[] id;
        try
        {
            id = WebEncoders.Base64UrlDecode(credentialId ?? "");
        }
        catch (FormatException)
        {
            return null;
        }

        if (id.Length == 0 || await users.FindByIdAsync(accountId) is not { } account || await users.GetPasskeyAsync(account, id) is not { } passkey)
        {
            return null;
        }

        return (account, passkey);
    }

    /// <summary>The name trimmed ("" for none), or null when it is too long.</summary>
    private static string? CleanName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        return trimmed.Length <= MaximumNameLength ? trimmed : null;
    }

    private static string DefaultName(string? browser) =>
        string.IsNullOrWhiteSpace(browser) ? AccountTexts.Get("PasskeyDefaultName") : BrowserNames.Short(browser);
}

/// <summary>A passkey as its page lists it: its credential id (base64url), its name, when it was added.</summary>
internal sealed record PasskeyListing(string Id, string Name, Instant CreatedAt);

/// <summary>What adding a passkey did: added (its credential id), or refused (the key of a text saying why).</summary>
internal abstract record PasskeyAddition
{
    private PasskeyAddition()
    {
    }

    public sealed record Added(string Id) : PasskeyAddition;

    public sealed record Refused(string Reason) : PasskeyAddition;
}

/// <summary>What a passkey sign-in did.</summary>
internal enum PasskeySignIn
{
    SignedIn,

    /// <summary>The passkey is not one of any account here, or its answer does not hold.</summary>
    Unknown,

    /// <summary>No ceremony under way in this browser: it took longer than 5 minutes, or was used already.</summary>
    TooSlow,
    LockedOut,

    /// <summary>The account's address is not confirmed, or the account is deactivated.</summary>
    NotAllowed,
}
