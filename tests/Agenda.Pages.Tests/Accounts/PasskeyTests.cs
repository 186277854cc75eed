using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Agenda.Pages.Tests.Accounts.SecondFactorBrowsing;

namespace Agenda.Pages.Tests.Accounts;

/// <summary>
/// Passkeys in the real browser, made and used by Chromium's virtual authenticator (a platform authenticator that
/// keeps discoverable credentials and verifies the user at once): several per account, sign-in without a password,
/// and a passkey that is removed, or belongs to another account, signs in to nothing.
/// </summary>
public sealed class PasskeyTests(AccountsFixture fixture) : IClassFixture<AccountsFixture>
{
    [Fact]
    public async Task Passkeys_are_added_and_named_sign_in_without_a_password_and_a_removed_one_no_longer_signs_in()
    {
        var host = fixture.Host(mail: false);
        var page = await fixture.NewPageAsync(host);
        var authenticator = await VirtualAuthenticator.AttachAsync(page);
        await SignedUpAsync(page, "ana@example.com");

        await page.GotoAsync("/console/security/passkeys");
        await Assertions.Expect(page.Locator("#no-passkeys")).ToBeVisibleAsync();
        await page.Locator("#add-passkey-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-passkey]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("The passkey is added");
        await Assertions.Expect(page.Locator("[data-passkey] input[name=name]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("Laptop");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("renamed");

        // A device keeps one passkey per account: the laptop's refuses a second, another device (the phone) adds one.
        await page.Locator("#add-passkey-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#add-passkey-form [role=alert]")).ToContainTextAsync("This device has a passkey for your account already");
        var laptop = (await authenticator.CredentialsAsync()).Single();
        await authenticator.RemoveAsync(laptop);
        await page.Locator("#passkey-name").FillAsync("Phone");
        await page.Locator("#add-passkey-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-passkey] .card-title")).ToHaveTextAsync(["Laptop", "Phone"]);
        var phone = (await authenticator.CredentialsAsync()).Single();
        Assert.Equal(await page.Locator("[data-passkey]", new() { HasText = "Phone" }).GetAttributeAsync("data-passkey"), Base64Url(phone.GetProperty("credentialId").GetString()!));
        await ScreenshotAsync(page, "passkeys", axe: true);

        // Signed out, the sign-in page offers a passkey, and the phone's signs in without a password.
        await SignOutAsync(page);
        await page.GotoAsync("/console/sign-in?returnUrl=%2Fconsole%2Fsecurity");
        await ScreenshotAsync(page, "sign-in-with-passkey");
        await page.Locator("#passkey-form button").ClickAsync();
        await Support.Navigation.ExpectAsync(page, "**/console/security");
        await Assertions.Expect(page.Locator("#sign-in-record tbody tr").First).ToContainTextAsync("Signed in (with a passkey)");
        await Assertions.Expect(page.Locator("#sign-in-record")).ToContainTextAsync("Passkey added");

        await page.GotoAsync("/console/security/passkeys");
        await Console.ConsoleForms.ConfirmAsync(page, "Remove", "Phone");
        await Assertions.Expect(page.Locator("[data-passkey] .card-title")).ToHaveTextAsync(["Laptop"]);

        // The phone still holds its passkey, but it no longer signs in here; the laptop's still does.
        await SignOutAsync(page);
        await page.Locator("#passkey-form button").ClickAsync();
        await Assertions.Expect(page.Locator("#passkey-sign-in-error")).ToContainTextAsync("does not sign in to any account here");
        Assert.EndsWith("/console/passkey", page.Url, StringComparison.Ordinal);
        await ScreenshotAsync(page, "passkey-refused", axe: true);
        await page.GotoAsync("/console");
        await Support.Navigation.ExpectAsync(page, "**/console/sign-in**");
        await authenticator.RemoveAsync(phone);
        await authenticator.AddAsync(laptop);
        await page.Locator("#passkey-form button").ClickAsync();
        await Support.Navigation.ExpectAsync(page, url => !url.Contains("/sign-in", StringComparison.Ordinal) && !url.Contains("/passkey", StringComparison.Ordinal), "an address off /sign-in and /passkey");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_passkey_of_another_account_does_not_sign_in_to_this_one()
    {
        var host = fixture.Host(new Dictionary<string, string> { ["Accounts:SignUp"] = "Open" }, mail: false);
        var ana = await fixture.NewPageAsync(host);
        var anasDevice = await VirtualAuthenticator.AttachAsync(ana);
        await SignedUpAsync(ana, "ana@example.com");
        await ana.GotoAsync("/console/security/passkeys");
        await ana.Locator("#add-passkey-form button[type=submit]").ClickAsync();
        await Assertions.Expect(ana.Locator("[data-passkey]")).ToHaveCountAsync(1);
        var anasHandle = (await anasDevice.CredentialsAsync())[0].GetProperty("userHandle").GetString()!;

        var bea = await fixture.NewPageAsync(host);
        await VirtualAuthenticator.AttachAsync(bea);
        await SignedUpAsync(bea, "bea@example.com");
        await bea.GotoAsync("/console/security/passkeys");
        await bea.Locator("#add-passkey-form button[type=submit]").ClickAsync();
        await Assertions.Expect(bea.Locator("[data-passkey]")).ToHaveCountAsync(1);
        await SignOutAsync(bea);

        // Bea's passkey, sent as if it were Ana's (her user handle in its answer), signs in to nobody.
        await bea.RouteAsync("**/console/passkey", async route =>
        {
            var form = System.Web.HttpUtility.ParseQueryString(route.Request.PostData ?? "");
            var credential = JsonNode.Parse(form["credential"] ?? "{}")!;
            credential["response"]!["userHandle"] = Base64Url(anasHandle);
            form["credential"] = credential.ToJsonString();
            await route.ContinueAsync(new() { PostData = System.Text.Encoding.UTF8.GetBytes(form.ToString()!) });
        });
        await bea.GotoAsync("/console/sign-in");
        await bea.Locator("#passkey-form button").ClickAsync();
        await Assertions.Expect(bea.Locator("#passkey-sign-in-error")).ToContainTextAsync("does not sign in to any account here");
        await bea.GotoAsync("/console");
        await Support.Navigation.ExpectAsync(bea, "**/console/sign-in**");

        // Sent as it is, it signs Bea in, and only Bea.
        await bea.UnrouteAllAsync();
        await bea.Locator("#passkey-form button").ClickAsync();
        await Support.Navigation.ExpectAsync(bea, url => !url.Contains("/sign-in", StringComparison.Ordinal) && !url.Contains("/passkey", StringComparison.Ordinal), "an address off /sign-in and /passkey");
        await bea.GotoAsync("/console/security");
        await Assertions.Expect(bea.Locator("main")).ToContainTextAsync("Your account: bea@example.com");
        await ana.GotoAsync("/console/security");
        await Assertions.Expect(ana.Locator("#sign-in-record")).Not.ToContainTextAsync("with a passkey");
        await ana.Context.CloseAsync();
        await bea.Context.CloseAsync();
    }

    /// <summary>Standard base64 (as the DevTools protocol gives it) as base64url without padding (as WebAuthn's JSON has it).</summary>
    private static string Base64Url(string base64) => base64.TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Chromium's virtual authenticator on one browser context, through the DevTools protocol's WebAuthn domain.</summary>
internal sealed class VirtualAuthenticator
{
    private readonly ICDPSession cdp;
    private readonly string id;

    private VirtualAuthenticator(ICDPSession cdp, string id)
    {
        this.cdp = cdp;
        this.id = id;
    }

    /// <summary>A platform authenticator with discoverable credentials that verifies the user at once, for the page's context.</summary>
    public static async Task<VirtualAuthenticator> AttachAsync(IPage page)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        var added = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
            },
        });
        return new VirtualAuthenticator(cdp, added!.Value.GetProperty("authenticatorId").GetString()!);
    }

    /// <summary>The credentials the authenticator holds (credentialId, userHandle and privateKey in base64, signCount, ...), oldest first.</summary>
    public async Task<IReadOnlyList<JsonElement>> CredentialsAsync()
    {
        var answer = await cdp.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = id });
        return [.. answer!.Value.GetProperty("credentials").EnumerateArray().Select(c => c.Clone())];
    }

    /// <summary>Forgets a credential, as a lost or reset device would.</summary>
    public Task RemoveAsync(JsonElement credential) => cdp.SendAsync("WebAuthn.removeCredential", new Dictionary<string, object>
    {
        ["authenticatorId"] = id,
        ["credentialId"] = credential.GetProperty("credentialId").GetString()!,
    });

    /// <summary>Puts a credential (as <see cref="CredentialsAsync"/> gave it) back.</summary>
    public Task AddAsync(JsonElement credential) => cdp.SendAsync("WebAuthn.addCredential", new Dictionary<string, object>
    {
        ["authenticatorId"] = id,
        ["credential"] = JsonSerializer.Deserialize<Dictionary<string, object>>(credential.GetRawText())!,
    });
}
