using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Playwright;
using static Agenda.Pages.Tests.Accounts.SecondFactorBrowsing;

namespace Agenda.Pages.Tests.Accounts;

/// <summary>
/// Two-factor with an authenticator app, the app played by the test's own RFC 6238 code (<see cref="Totp"/>) from the
/// key the page shows: turned on with a code, then asked for after the password; a recovery code works once; wrong
/// codes are refused and count towards the lockout; turned off with the password.
/// </summary>
public sealed class TwoFactorTests(AccountsFixture fixture) : IClassFixture<AccountsFixture>
{
    private const string Email = "ana@example.com";

    [Fact]
    public async Task Two_factor_turned_on_with_an_app_code_asks_for_a_code_or_a_recovery_code_after_the_password()
    {
        var host = fixture.Host(mail: false);
        var page = await fixture.NewPageAsync(host);
        await SignedUpAsync(page, Email);

        await page.GotoAsync("/console/security/two-factor");
        await Assertions.Expect(page.Locator("#two-factor-state")).ToHaveTextAsync("Two-factor authentication is off.");
        await ScreenshotAsync(page, "two-factor-off");
        await page.Locator("#start-form button").ClickAsync();
        var key = await page.Locator("#two-factor-key").InnerTextAsync();
        await Assertions.Expect(page.Locator("#two-factor-qr")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^data:image/png;base64,"));
        await ScreenshotAsync(page, "two-factor-setup", axe: true);
        await page.Locator("#code").FillAsync(Totp.Wrong(key));
        await page.Locator("#turn-on-form button").ClickAsync();
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("That code is not right");
        Assert.Equal(key, await page.Locator("#two-factor-key").InnerTextAsync());
        await page.Locator("#code").FillAsync(Totp.Now(key));
        await page.Locator("#turn-on-form button").ClickAsync();
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("Two-factor authentication is on");
        var codes = await page.Locator(".recovery-codes code").AllInnerTextsAsync();
        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());
        await ScreenshotAsync(page, "two-factor-recovery-codes", axe: true);
        await page.GotoAsync("/console/security/two-factor");
        await Assertions.Expect(page.Locator("#recovery-codes-left")).ToHaveTextAsync("Recovery codes left: 10.");
        Assert.Equal(0, await page.Locator(".recovery-codes").CountAsync());
        await ScreenshotAsync(page, "two-factor-on");

        // The password alone no longer signs in: the app's code follows, and a wrong one is refused.
        await SignOutAsync(page);
        await PasswordAsync(page, "/console/bookings");
        await ScreenshotAsync(page, "two-factor-step", axe: true);
        await page.Locator("#code").FillAsync(Totp.Wrong(key));
        await page.Locator("#code-form button").ClickAsync();
        await Assertions.Expect(page.Locator("#two-factor-error")).ToHaveTextAsync("That code is not right. Check that the phone's clock is right, and enter the code the app shows now.");
        await page.Locator("#code").FillAsync(Totp.Now(key));
        await page.Locator("#code-form button").ClickAsync();
        await Support.Navigation.ExpectAsync(page, "**/console/bookings");

        // A recovery code signs in once.
        await SignOutAsync(page);
        await PasswordAsync(page);
        await RecoveryCodeAsync(page, codes[3]);
        await Support.Navigation.ExpectAsync(page, "**/console");
        await SignOutAsync(page);
        await PasswordAsync(page);
        await RecoveryCodeAsync(page, codes[3]);
        await Assertions.Expect(page.Locator("#two-factor-error")).ToHaveTextAsync("That recovery code is not right, or it was used already.");
        await RecoveryCodeAsync(page, codes[4].ToLowerInvariant());
        await Support.Navigation.ExpectAsync(page, "**/console");

        await page.GotoAsync("/console/security");
        await Assertions.Expect(page.Locator("#sign-in-record")).ToContainTextAsync("Signed in (with the password and a recovery code)");
        await Assertions.Expect(page.Locator("#sign-in-record")).ToContainTextAsync("Signed in (with the password and an authenticator code)");
        await Assertions.Expect(page.Locator("#sign-in-record")).ToContainTextAsync("Sign-in failed (with the password and an authenticator code)");
        await Assertions.Expect(page.Locator("#sign-in-record")).ToContainTextAsync("Two-factor turned on");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Two-factor authentication (on)");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Wrong_codes_lock_the_account_and_turning_two_factor_off_needs_the_password_or_a_code()
    {
        var host = fixture.Host(mail: false);
        var page = await fixture.NewPageAsync(host);
        await SignedUpAsync(page, Email);
        var key = await TurnOnAsync(page);

        // Turning off: a wrong proof is refused; the password is enough.
        await page.Locator("#proof").FillAsync("not the password");
        await page.Locator("#turn-off-form button").ClickAsync();
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("neither a current code from your app nor your password");
        await page.Locator("#proof").FillAsync(Password);
        await page.Locator("#turn-off-form button").ClickAsync();
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("Two-factor authentication is off");
        await SignOutAsync(page);
        await AccountsFixture.SignInAsync(page, Email, Password);
        await Support.Navigation.ExpectAsync(page, url => !url.Contains("/sign-in", StringComparison.Ordinal), "an address off /sign-in");
        Assert.DoesNotContain("/two-factor", page.Url, StringComparison.Ordinal);

        // On again (with a new key): five wrong codes after the password lock the account, and then even the right one is refused.
        key = await TurnOnAsync(page);
        await SignOutAsync(page);
        await PasswordAsync(page);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await page.Locator("#code").FillAsync(Totp.Wrong(key));
            await page.Locator("#code-form button").ClickAsync();
            await Assertions.Expect(page.Locator("#two-factor-error")).ToContainTextAsync(attempt < 5 ? "That code is not right" : "Too many wrong attempts");
        }

        await AccountsFixture.SignInAsync(page, Email, Password);
        await Assertions.Expect(page.Locator("#sign-in-error")).ToContainTextAsync("Too many wrong attempts");
        await page.Context.CloseAsync();
    }

    /// <summary>Turns two-factor on from its page with the app's current code; returns the key.</summary>
    private static async Task<string> TurnOnAsync(IPage page)
    {
        await page.GotoAsync("/console/security/two-factor");
        await page.Locator("#start-form button").ClickAsync();
        var key = await page.Locator("#two-factor-key").InnerTextAsync();
        await page.Locator("#code").FillAsync(Totp.Now(key));
        await page.Locator("#turn-on-form button").ClickAsync();
        await Assertions.Expect(page.Locator(".recovery-codes code")).ToHaveCountAsync(10);
        await page.GotoAsync("/console/security/two-factor");
        return key;
    }

    /// <summary>The password on the sign-in page, which leads to the second step.</summary>
    private static async Task PasswordAsync(IPage page, string returnUrl = "/console")
    {
        await page.GotoAsync($"/console/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.Locator("#email").FillAsync(Email);
        await page.Locator("#password").FillAsync(Password);
        await page.Locator("#password-form button[type=submit]").ClickAsync();
        await Support.Navigation.ExpectAsync(page, "**/console/two-factor**");
    }

    private static async Task RecoveryCodeAsync(IPage page, string code)
    {
        if (!await page.Locator("#recovery-code").IsVisibleAsync())
        {
            await page.Locator("#recovery summary").ClickAsync();
        }

        await page.Locator("#recovery-code").FillAsync(code);
        await page.Locator("#recovery-form button").ClickAsync();
    }
}

/// <summary>An authenticator app in a few lines: RFC 6238 (TOTP) over RFC 4226 (HOTP), HMAC-SHA1, 30-second steps, six digits.</summary>
internal static class Totp
{
    public static string Now(string base32Key) => At(base32Key, DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30);

    /// <summary>A code that is none of those accepted around now (the service takes a few steps either side).</summary>
    public static string Wrong(string base32Key)
    {
        var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
        var near = Enumerable.Range(-3, 7).Select(offset => At(base32Key, step + offset)).ToHashSet();
        return Enumerable.Range(0, 1000).Select(n => n.ToString("D6", CultureInfo.InvariantCulture)).First(code => !near.Contains(code));
    }

    public static string At(string base32Key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(Base32(base32Key), counter);
        var offset = hash[^1] & 0x0f;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7fffffff) % 1_000_000;
        return binary.ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 4648 base32 (A-Z, 2-7), ignoring spaces and padding, as apps take a typed key.</summary>
    private static byte[] Base32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.ToUpperInvariant().Where(c => c is not (' ' or '=')))
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException($"'{c}' is not a base32 digit.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. bytes];
    }
}
