using System.Text.RegularExpressions;
using Agenda.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Accounts;

/// <summary>
/// Single sign-on in the real browser against a real OpenID Connect provider (npm oidc-provider, <see cref="OidcProvider"/>):
/// its login page accepts any name, and a name starting with "unverified-" gets an address the provider does not vouch
/// for. Each test is a fresh installation with its own provider.
/// </summary>
public sealed partial class SingleSignOnTests(AccountsFixture fixture, OidcProviders providers) : IClassFixture<AccountsFixture>, IClassFixture<OidcProviders>
{
    [Fact]
    public async Task The_first_visitor_signs_in_through_single_sign_on_and_their_account_is_made_as_administrator()
    {
        var host = await HostAsync();
        var page = await fixture.NewPageAsync(host);
        await page.GotoAsync("/console/sign-in");
        await Assertions.Expect(page.Locator("#single-sign-on-form button")).ToHaveTextAsync("Sign in with Staff login");
        await Support.Screenshots.SaveAsync(page, Path.Combine(AccountsFixture.Screenshots, "sso-sign-in.png"));

        await SignInThroughProviderAsync(page, "ana@example.com");

        // A first sign-in leads through the setup page.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console/setup$"));
        await Assertions.Expect(page.Locator(".console-who")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".console-nav a[href='/console/admin']")).ToBeVisibleAsync();
        var account = await AccountAsync(host, "ana@example.com");
        Assert.True(account is { IsAdministrator: true, EmailConfirmed: true, PasswordHash: null }, $"The account as made: {account}");
        Assert.Equal("ana", account.OwnerId);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_existing_password_account_is_linked_by_its_verified_address_which_confirms_it_and_then_signs_in_through_single_sign_on()
    {
        var host = await HostAsync();
        var first = await fixture.NewPageAsync(host);
        await AccountsFixture.SignUpAsync(first, "bo@example.com", "a long enough password");
        await Assertions.Expect(first.Locator("#check-mail")).ToBeVisibleAsync();
        await first.Context.CloseAsync();
        Assert.False((await AccountAsync(host, "bo@example.com"))!.EmailConfirmed);

        var linking = await fixture.NewPageAsync(host);
        await SignInThroughProviderAsync(linking, "bo@example.com");
        await Assertions.Expect(linking).ToHaveURLAsync(new Regex("/console/setup$"));
        await Assertions.Expect(linking.Locator(".console-who")).ToBeVisibleAsync();
        await linking.GotoAsync("/console/security");
        await Assertions.Expect(linking.Locator("main")).ToContainTextAsync("Single sign-on linked");
        await linking.Context.CloseAsync();
        Assert.True((await AccountAsync(host, "bo@example.com"))!.EmailConfirmed);

        var again = await fixture.NewPageAsync(host);
        await SignInThroughProviderAsync(again, "bo@example.com");
        await Assertions.Expect(again).ToHaveURLAsync(new Regex("/console$"));
        await again.GotoAsync("/console/security");
        await Assertions.Expect(again.Locator("main")).ToContainTextAsync("Signed in (through single sign-on)");
        await Assertions.Expect(again.GetByText("Single sign-on linked")).ToHaveCountAsync(1);
        await again.Context.CloseAsync();

        // The address is confirmed now, so the password works too.
        var password = await fixture.NewPageAsync(host);
        await AccountsFixture.SignInAsync(password, "bo@example.com", "a long enough password");
        await Assertions.Expect(password).ToHaveURLAsync(new Regex("/console$"));
        await password.Context.CloseAsync();
    }

    [Fact]
    public async Task An_address_the_provider_does_not_vouch_for_is_refused_and_nothing_is_made()
    {
        var host = await HostAsync();
        var page = await fixture.NewPageAsync(host);

        await SignInThroughProviderAsync(page, "unverified-cy@example.com");

        await Assertions.Expect(page.Locator("#single-sign-on-refused")).ToHaveTextAsync(
            "Your provider did not confirm this address (cy@example.com), so it cannot sign you in here. Confirm the address with your provider, or sign in another way.");
        await Support.Screenshots.SaveAsync(page, Path.Combine(AccountsFixture.Screenshots, "sso-refused.png"));
        Assert.Equal(0, await host.Services.GetRequiredService<IAccountStore>().CountAccountsAsync(CancellationToken.None));
        await page.GotoAsync("/console");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/console/sign-in"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task With_sign_up_closed_a_new_person_is_refused_and_nothing_is_made()
    {
        var host = await HostAsync(new Dictionary<string, string> { ["Accounts:SignUp"] = "Closed" });
        var administrator = await fixture.NewPageAsync(host);
        await AccountsFixture.SignUpAsync(administrator, "admin@example.com", "a long enough password");
        await Assertions.Expect(administrator.Locator("#check-mail")).ToBeVisibleAsync();
        await administrator.Context.CloseAsync();

        var page = await fixture.NewPageAsync(host, locale: "de-DE");
        await SignInThroughProviderAsync(page, "dee@example.com", signInButton: "Mit Staff login anmelden");

        await Assertions.Expect(page.Locator("#single-sign-on-refused")).ToHaveTextAsync(
            "Für dee@example.com gibt es hier kein Konto, und neue Konten gibt es nur auf Einladung. Bitten Sie die Verwaltung dieses Dienstes um eine Einladung.");
        Assert.Null(await AccountAsync(host, "dee@example.com"));
        Assert.Equal(1, await host.Services.GetRequiredService<IAccountStore>().CountAccountsAsync(CancellationToken.None));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_forged_or_replayed_answer_leads_back_to_the_sign_in_page_with_a_notice_and_signs_in_no_one()
    {
        var host = await HostAsync();
        var forged = await fixture.NewPageAsync(host);

        var answer = await forged.GotoAsync("/console/signin-oidc?state=garbage&code=x");

        Assert.Equal(200, answer!.Status);
        await Assertions.Expect(forged).ToHaveURLAsync(new Regex("/console/sign-in\\?notice=SingleSignOnFailed$"));
        await Assertions.Expect(forged.Locator("#single-sign-on-notice")).ToHaveTextAsync(
            "Single sign-on did not work: the answer from your provider was missing, expired or meant for another browser. Try again.");
        await Support.Screenshots.SaveAsync(forged, Path.Combine(AccountsFixture.Screenshots, "sso-failed-notice.png"));
        await forged.Context.CloseAsync();

        // A genuine answer, used once by its browser, then replayed from another.
        var genuine = await fixture.NewPageAsync(host);
        string? callback = null;
        genuine.Request += (_, request) => callback = request.Url.Contains("/console/signin-oidc", StringComparison.Ordinal) ? request.Url : callback;
        await SignInThroughProviderAsync(genuine, "eve@example.com");
        await Assertions.Expect(genuine).ToHaveURLAsync(new Regex("/console/setup$"));
        await genuine.Context.CloseAsync();
        Assert.NotNull(callback);

        var replay = await fixture.NewPageAsync(host);
        await replay.GotoAsync(callback);
        await Assertions.Expect(replay).ToHaveURLAsync(new Regex("/console/sign-in\\?notice=SingleSignOnFailed$"));
        await replay.GotoAsync("/console");
        await Assertions.Expect(replay).ToHaveURLAsync(new Regex("/console/sign-in"));
        Assert.Equal(1, await host.Services.GetRequiredService<IAccountStore>().CountAccountsAsync(CancellationToken.None));
        await replay.Context.CloseAsync();
    }

    /// <summary>A fresh installation whose single sign-on goes to a provider of its own ("Staff login").</summary>
    private async Task<AccountsHost> HostAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var provider = providers.Reserve();
        var all = new Dictionary<string, string>(provider.Settings("Staff login"));
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var host = fixture.Host(all);
        await provider.StartAsync(host.BaseUrl + "/console/signin-oidc");
        return host;
    }

    /// <summary>The sign-in page's button, then the provider's login (any password) and consent pages, as a person would.</summary>
    private static async Task SignInThroughProviderAsync(IPage page, string login, string signInButton = "Sign in with Staff login")
    {
        await page.GotoAsync("/console/sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = signInButton }).ClickAsync();
        await page.Locator("input[name=login]").FillAsync(login);
        await page.Locator("input[name=password]").FillAsync("any password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign-in" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Support.Navigation.ExpectAsync(page, url => !url.Contains("/interaction/", StringComparison.Ordinal) && !url.Contains("/auth", StringComparison.Ordinal), "an address off /interaction/ and /auth");
    }

    private static async Task<StoredAccount?> AccountAsync(AccountsHost host, string email) =>
        await host.Services.GetRequiredService<IAccountStore>().FindAccountByEmailAsync(email.ToUpperInvariant(), CancellationToken.None);
}
