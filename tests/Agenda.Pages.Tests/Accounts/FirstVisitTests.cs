using Agenda.Pages.Tests.Support;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Accounts;

/// <summary>
/// A newcomer's first visit on a fresh installation, in the browser only: <c>/</c>, the first account (administrator),
/// the setup page, and the link that others book with; and what the next visitor finds under the default policy.
/// </summary>
public sealed class FirstVisitTests(AccountsFixture fixture) : IClassFixture<AccountsFixture>
{
    [Fact]
    public async Task A_newcomer_creates_the_first_account_sets_up_a_page_and_shares_a_link_that_books()
    {
        // As installed by the README's first command: no mail server, so the address needs no confirmation.
        var host = fixture.Host(mail: false);
        var page = await fixture.NewPageAsync(host);

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create the first account" }).ClickAsync();
        await Navigation.ExpectAsync(page, $"{host.BaseUrl}/console/sign-up");
        await page.Locator("#email").FillAsync("ana@example.com");
        await page.Locator("#password").FillAsync("correct horse battery");
        await page.Locator("#name").FillAsync("Ana Lima");
        await page.Locator("#link").FillAsync("ana");
        await Support.Screenshots.SaveAsync(page, Path.Combine(AccountsFixture.Screenshots, "sign-up-first-1280.png"));
        await page.Locator("#sign-up-form button[type=submit]").ClickAsync();

        await Navigation.ExpectAsync(page, $"{host.BaseUrl}/console/setup");
        await Assertions.Expect(page.Locator("#display-name")).ToHaveValueAsync("Ana Lima");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Administration" })).ToBeVisibleAsync();
        await page.Locator("#time-zone").SelectOptionAsync("Europe/Lisbon");
        await Support.Screenshots.SaveAsync(page, Path.Combine(AccountsFixture.Screenshots, "setup-1280.png"));
        await page.Locator("#setup-form button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator("#share-link")).ToHaveValueAsync($"{host.BaseUrl}/ana");
        await page.GetByRole(AriaRole.Link, new() { Name = "Open my page" }).ClickAsync();
        await Navigation.ExpectAsync(page, $"{host.BaseUrl}/ana**");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "30 minute meeting" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();

        // The next visitor: sign-up is by invitation unless the administrator opened it.
        var next = await fixture.NewPageAsync(host);
        await next.GotoAsync("/");
        await Assertions.Expect(next.GetByRole(AriaRole.Link, new() { Name = "Create an account" })).ToHaveCountAsync(0);
        var closed = await next.GotoAsync("/console/sign-up");
        Assert.Equal(403, closed!.Status);
        await Assertions.Expect(next.Locator("#sign-up-closed")).ToContainTextAsync("invitation");
        await next.Context.CloseAsync();
    }

    [Fact]
    public async Task With_mail_an_account_is_confirmed_by_its_link_before_it_signs_in()
    {
        var host = fixture.Host(new Dictionary<string, string> { ["Accounts:SignUp"] = "Open" });
        var page = await fixture.NewPageAsync(host);

        await AccountsFixture.SignUpAsync(page, "bo@example.com", "a long enough password");
        await Assertions.Expect(page.Locator("#check-mail")).ToContainTextAsync("bo@example.com");
        await AccountsFixture.SignInAsync(page, "bo@example.com", "a long enough password");
        await Assertions.Expect(page.Locator("#sign-in-error")).ToContainTextAsync("Confirm your e-mail address first");

        var link = AccountsFixture.LinkIn(await fixture.MailToAsync("bo@example.com", "Confirm"));
        await page.GotoAsync(link);
        await page.Locator("#confirm-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("confirmed");
        // The link works once.
        await page.GotoAsync(link);
        await page.Locator("#confirm-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("does not work");

        await AccountsFixture.SignInAsync(page, "bo@example.com", "a long enough password");
        await Navigation.ExpectAsync(page, $"{host.BaseUrl}/console/setup");

        // Someone signing up with the same address learns nothing from the page; the owner of the address gets a note.
        var other = await fixture.NewPageAsync(host);
        await AccountsFixture.SignUpAsync(other, "bo@example.com", "another long password");
        await Assertions.Expect(other.Locator("#check-mail")).ToContainTextAsync("bo@example.com");
        await fixture.MailToAsync("bo@example.com", "You have an account already");
        await page.Context.CloseAsync();
        await other.Context.CloseAsync();
    }

    [Fact]
    public async Task The_account_pages_speak_german_to_a_german_browser_and_fit_a_phone()
    {
        var host = fixture.Host(mail: false);
        var page = await fixture.NewPageAsync(host, locale: "de-DE", width: 360);

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Das erste Konto anlegen" }).ClickAsync();
        await Navigation.ExpectAsync(page, $"{host.BaseUrl}/console/sign-up");
        await Assertions.Expect(page.GetByLabel("E-Mail-Adresse")).ToBeVisibleAsync();
        await FitsAsync(page, "sign-up-360-de");

        await page.Locator("#email").FillAsync("jo@example.com");
        await page.Locator("#password").FillAsync("ein langes Passwort");
        await page.Locator("#sign-up-form button[type=submit]").ClickAsync();
        await Navigation.ExpectAsync(page, $"{host.BaseUrl}/console/setup");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ihre Buchungsseite einrichten");
        await FitsAsync(page, "setup-360-de");

        await page.GotoAsync("/console/security");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Anmeldung und Sicherheit");
        await FitsAsync(page, "security-360-de");
        await page.Context.CloseAsync();
    }

    private static async Task FitsAsync(IPage page, string name)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{page.Url} is {widths[0]} px wide on a {widths[1]} px screen.");
        await Support.Screenshots.SaveAsync(page, Path.Combine(AccountsFixture.Screenshots, $"{name}.png"));
    }
}
