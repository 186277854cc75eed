using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace Agenda.Api.Accounts;

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP, RFC 6238: six digits, 30 seconds, HMAC-SHA1, as Identity's
/// authenticator provider checks them) and ten single-use recovery codes. Turning it on takes a code from the app, so
/// the app is known to work before the password alone stops being enough. Turning it on or off, and a new key, change
/// the account's security stamp: its other sessions end, this one is renewed.
/// </summary>
internal sealed class AccountTwoFactor(AccountSignIn signIn, SignInRecord record)
{
    public const int RecoveryCodeCount = 10;

    private readonly UserManager<Account> users = signIn.UserManager;

    /// <summary>Whether the account has two-factor on, and how many recovery codes it has left; null when the account is gone.</summary>
    public async Task<TwoFactorState?> StateAsync(string accountId) =>
        await users.FindByIdAsync(accountId) is { } account
            ? new TwoFactorState(account.TwoFactorEnabled, await users.CountRecoveryCodesAsync(account))
            : null;

    /// <summary>A new secret for the app (the old one, if any, stops working), to be confirmed by <see cref="TurnOnAsync"/>.</summary>
    public async Task<AuthenticatorSetup?> StartAsync(string accountId)
    {
        if (await users.FindByIdAsync(accountId) is not { TwoFactorEnabled: false } account)
        {
            return null;
        }

        await users.ResetAuthenticatorKeyAsync(account);
        await signIn.RefreshSignInAsync(account);
        return await SetupAsync(account);
    }

    /// <summary>The secret being set up (for the page to show again after a wrong code); null when none is.</summary>
    public async Task<AuthenticatorSetup?> PendingAsync(string accountId) =>
        await users.FindByIdAsync(accountId) is { TwoFactorEnabled: false } account && account.AuthenticatorKey is not null ? await SetupAsync(account) : null;

    /// <summary>Turns two-factor on when <paramref name="code"/> is the app's current code: the new recovery codes, or null for a wrong code.</summary>
    public async Task<IReadOnlyList<string>?> TurnOnAsync(string accountId, string? code, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(accountId) is not { TwoFactorEnabled: false, AuthenticatorKey: not null } account
            || !await users.VerifyTwoFactorTokenAsync(account, TokenOptions.DefaultAuthenticatorProvider, Digits(code)))
        {
            return null;
        }

        await users.SetTwoFactorEnabledAsync(account, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(account, RecoveryCodeCount);
        await record.RecordAsync(account.Id, "two_factor_enabled", null, cancellationToken);
        await signIn.RefreshSignInAsync(account);
        return [.. codes ?? []];
    }

    /// <summary>New recovery codes in place of the old ones (which stop working); null when two-factor is off.</summary>
    public async Task<IReadOnlyList<string>?> NewRecoveryCodesAsync(string accountId, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(accountId) is not { TwoFactorEnabled: true } account)
        {
            return null;
        }

        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(account, RecoveryCodeCount);
        await record.RecordAsync(account.Id, "recovery_codes_made", null, cancellationToken);
        return [.. codes ?? []];
    }

    /// <summary>
    /// Turns two-factor off, proven by a current code from the app or the account's password (a wrong one counts
    /// towards the lockout). The app's secret and the recovery codes are dropped. Returns the key of a text saying why
    /// not, or null when done.
    /// </summary>
    public async Task<string?> TurnOffAsync(string accountId, string? codeOrPassword, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(accountId) is not { TwoFactorEnabled: true } account)
        {
            return "TwoFactorAlreadyOff";
        }

        var given = codeOrPassword?.Trim() ?? "";
        var proven = SixDigits(given)
            ? await users.VerifyTwoFactorTokenAsync(account, TokenOptions.DefaultAuthenticatorProvider, Digits(given))
            : account.PasswordHash is not null && await users.CheckPasswordAsync(account, given);
        if (!proven)
        {
            await users.AccessFailedAsync(account);
            return "TwoFactorProofWrong";
        }

        await users.SetTwoFactorEnabledAsync(account, false);
        await users.ResetAuthenticatorKeyAsync(account);
        // No codes at all: the old ones must not outlive two-factor, and turning it on again makes new ones.
        await users.GenerateNewTwoFactorRecoveryCodesAsync(account, 0);
        await record.RecordAsync(account.Id, "two_factor_disabled", null, cancellationToken);
        await signIn.RefreshSignInAsync(account);
        return null;
    }

    /// <summary>The account waiting for its second step in this browser (after its password), or null when none is (or it took over 5 minutes).</summary>
    public Task<Account?> WaitingAsync() => signIn.GetTwoFactorAuthenticationUserAsync();

    /// <summary>
    /// The second step of a sign-in: a code from the app or, when <paramref name="recoveryCode"/>, one of the
    /// recovery codes (each works once). A wrong one counts towards the lockout, as a wrong password does.
    /// </summary>
    public async Task<SecondStep> SecondStepAsync(string? code, bool recoveryCode, CancellationToken cancellationToken)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } account)
        {
            return SecondStep.TooSlow;
        }

        var method = recoveryCode ? "recovery_code" : "two_factor";
        var result = recoveryCode
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(code?.Trim() ?? "")
            : await signIn.TwoFactorAuthenticatorSignInAsync(Digits(code), isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await record.SignedInAsync(account, method, cancellationToken);
            return SecondStep.SignedIn;
        }

        // Identity counts a wrong app code towards the lockout, not a wrong recovery code: this does, so neither can be guessed at leisure.
        if (recoveryCode && !result.IsLockedOut && !result.IsNotAllowed)
        {
            await users.AccessFailedAsync(account);
            result = await users.IsLockedOutAsync(account) ? Microsoft.AspNetCore.Identity.SignInResult.LockedOut : result;
        }

        await record.RecordAsync(account.Id, "sign_in_failed", result.IsLockedOut ? "locked_out" : result.IsNotAllowed ? "not_allowed" : method, cancellationToken);
        return result.IsLockedOut ? SecondStep.LockedOut : result.IsNotAllowed ? SecondStep.NotAllowed : SecondStep.Wrong;
    }

    private async Task<AuthenticatorSetup> SetupAsync(Account account)
    {
        var key = await users.GetAuthenticatorKeyAsync(account) ?? throw new InvalidOperationException("The account has no authenticator key.");
        var uri = $"otpauth://totp/Agenda:{Uri.EscapeDataString(account.Email)}?secret={key}&issuer=Agenda&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return new AuthenticatorSetup(Grouped(key), uri, "data:image/png;base64," + Convert.ToBase64String(png));
    }

    /// <summary>The key in groups of four, as apps that take it typed show it; they ignore the spaces.</summary>
    private static string Grouped(string key) => string.Join(' ', key.Chunk(4).Select(c => new string(c)));

    private static string Digits(string? code) => (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();

    private static bool SixDigits(string given) => Digits(given) is { Length: 6 } digits && digits.All(char.IsAsciiDigit);
}

/// <summary>Two-factor's state on an account.</summary>
internal sealed record TwoFactorState(bool Enabled, int RecoveryCodesLeft);

/// <summary>What the page shows to set up the app: the key (grouped by four), the otpauth URI, and a QR code of it as a data: URI.</summary>
internal sealed record AuthenticatorSetup(string Key, string Uri, string QrCode);

/// <summary>What the second step of a sign-in did.</summary>
internal enum SecondStep
{
    SignedIn,
    Wrong,

    /// <summary>No sign-in waits for its second step in this browser: none began, or it took over 5 minutes.</summary>
    TooSlow,
    LockedOut,
    NotAllowed,
}
