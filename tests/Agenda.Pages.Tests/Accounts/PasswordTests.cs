using System.Net.Http.Json;
using Agenda.Pages.Tests.Support;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Accounts;

/// <summary>
/// Passwords in the browser: a wrong one and an unknown address get the same answer; five failures lock the account;
/// a reset link works once; the answer to "forgot" is the same for every address; a new password and "sign out
/// everywhere" end the account's other sessions; the sign-in record shows what happened.
/// </summary>
public sealed class PasswordTests(AccountsFixture fixture) : IClassFixture<AccountsFixture>
{
    private const string Password = "first password here";

    [Fact]
    public async Task Wrong_passwords_and_unknown_addresses_get_one_answer_and_five_failures_lock_the_account()
    {
        var host = fixture.Host(mail: false);
        var page = await fixture.NewPageAsync(host);
        await AccountsFixture.SignUpAsync(page, "cy@example.com", Password);
        await Navigation.ExpectAsync(page, $"{host.BaseUrl}/console/setup");
        var other = await fixture.NewPageAsync(host);

        await AccountsFixture.SignInAsync(other, "nobody@example.com", Password);
        var unknown = await other.Locator("#sign-in-error").TextContentAsync();
        await AccountsFixture.SignInAsync(other, "cy@example.com", "wrong password");
        Assert.Equal(unknown, await other.Locator("#sign-in-error").TextContentAsync());

        for (var attempt = 2; attempt <= 5; attempt++)
        {
            await AccountsFixture.SignInAsync(other, "cy@example.com", "wrong password");
        }

        await AccountsFixture.SignInAsync(other, "cy@example.com", Password);
        await Assertions.Expect(other.Locator("#sign-in-error")).ToContainTextAsync("locked");

        await page.GotoAsync("/console/security");
        await Assertions.Expect(page.Locator("#sign-in-record")).ToContainTextAsync("Sign-in failed (locked out)");
        await Assertions.Expect(page.Locator("#sign-in-record")).ToContainTextAsync("Signed in");
        await page.Context.CloseAsync();
        await other.Context.CloseAsync();
    }

    [Fact]
    public async Task A_reset_link_sets_a_new_password_once_and_every_address_gets_the_same_answer()
    {
        var host = fixture.Host();
        var page = await fixture.NewPageAsync(host);
        await AccountsFixture.SignUpAsync(page, "di@example.com", Password);
        await page.GotoAsync(AccountsFixture.LinkIn(await fixture.MailToAsync("di@example.com", "Confirm")));
        await page.Locator("#confirm-form button[type=submit]").ClickAsync();

        await page.GotoAsync("/console/forgot-password");
        await page.Locator("#email").FillAsync("di@example.com");
        await page.Locator("#forgot-form button[type=submit]").ClickAsync();
        var known = (await page.Locator("#forgot-sent").TextContentAsync())!.Replace("di@example.com", "", StringComparison.Ordinal);
        await page.GotoAsync("/console/forgot-password");
        await page.Locator("#email").FillAsync("stranger@example.com");
        await page.Locator("#forgot-form button[type=submit]").ClickAsync();
        Assert.Equal(known, (await page.Locator("#forgot-sent").TextContentAsync())!.Replace("stranger@example.com", "", StringComparison.Ordinal));
        await fixture.MailToAsync("stranger@example.com", "No account");

        var link = AccountsFixture.LinkIn(await fixture.MailToAsync("di@example.com", "Reset"));
        await page.GotoAsync(link);
        // The browser refuses it already (minlength); without that, the service does.
        await page.Locator("#password").EvaluateAsync("field => field.removeAttribute('minlength')");
        await page.Locator("#password").FillAsync("short");
        await page.Locator("#reset-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#reset-errors")).ToContainTextAsync("too short");
        await page.Locator("#password").FillAsync("second password here");
        await page.Locator("#reset-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is set");

        await page.GotoAsync(link);
        await page.Locator("#password").FillAsync("third password here");
        await page.Locator("#reset-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#reset-errors")).ToContainTextAsync("does not work");

        await AccountsFixture.SignInAsync(page, "di@example.com", Password);
        await Assertions.Expect(page.Locator("#sign-in-error")).ToBeVisibleAsync();
        await AccountsFixture.SignInAsync(page, "di@example.com", "second password here");
        await Navigation.ExpectAsync(page, $"{host.BaseUrl}/console/setup");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_new_password_and_sign_out_everywhere_end_the_other_sessions()
    {
        var host = fixture.Host(mail: false);
        var first = await fixture.NewPageAsync(host);
        await AccountsFixture.SignUpAsync(first, "ed@example.com", Password);
        await Navigation.ExpectAsync(first, $"{host.BaseUrl}/console/setup");
        var second = await fixture.NewPageAsync(host);
        await AccountsFixture.SignInAsync(second, "ed@example.com", Password);
        await Navigation.ExpectAsync(second, $"{host.BaseUrl}/console");

        await first.GotoAsync("/console/security");
        await first.Locator("#current-password").FillAsync(Password);
        await first.Locator("#new-password").FillAsync("changed password here");
        await first.Locator("#password-form button[type=submit]").ClickAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is changed");

        await second.GotoAsync("/console/bookings");
        await Navigation.ExpectAsync(second, $"{host.BaseUrl}/console/sign-in**");
        await AccountsFixture.SignInAsync(second, "ed@example.com", "changed password here");
        await Navigation.ExpectAsync(second, $"{host.BaseUrl}/console");

        await first.GotoAsync("/console/security");
        await first.Locator("#sign-out-everywhere-form button[type=submit]").ClickAsync();
        await Navigation.ExpectAsync(first, $"{host.BaseUrl}/console/sign-in**");
        await second.GotoAsync("/console/bookings");
        await Navigation.ExpectAsync(second, $"{host.BaseUrl}/console/sign-in**");
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    [Fact]
    public async Task An_api_key_does_not_sign_in_to_the_console_unless_the_setting_allows_it()
    {
        var host = fixture.Host(mail: false);
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", host.AdminKey);
        var created = await http.PostAsJsonAsync("/v1/owners", new { id = "program" });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var page = await fixture.NewPageAsync(host);

        await page.GotoAsync("/console/sign-in");
        await Assertions.Expect(page.Locator("#key-form")).ToHaveCountAsync(0);
        var token = await page.Locator("#password-form input[name=__RequestVerificationToken]").InputValueAsync();
        var posted = await page.APIRequest.PostAsync("/console/sign-in?handler=Key", new() { Form = page.APIRequest.CreateFormData().Set("key", "agk_anything").Set("__RequestVerificationToken", token) });

        Assert.Equal(404, posted.Status);
        await page.Context.CloseAsync();
    }
}
