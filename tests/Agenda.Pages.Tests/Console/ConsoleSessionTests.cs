using System.Net.Http.Json;
using Agenda.Api.Accounts;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Console;

/// <summary>Signing in with a key, the session cookie, and what ends a session.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleSessionTests(ConsoleFixture console)
{
    [Fact]
    public async Task Signing_in_with_a_key_shows_the_owners_bookings()
    {
        var owner = await console.BookableOwnerAsync();
        await console.BookAsync(owner, $"{ConsoleFixture.Tuesday}T09:00:00Z", invitee: "Carla Invitee");
        var page = await console.SignedInAsync(owner);

        await page.GetByRole(AriaRole.Link, new() { Name = "Bookings", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator(".booking .invitee-name")).ToHaveTextAsync("Carla Invitee");
        await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, "console-bookings.png"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_console_without_a_session_redirects_to_sign_in()
    {
        var page = await console.NewPageAsync();

        await page.GotoAsync("/console/meeting-types");

        Assert.Equal($"{console.BaseUrl}/console/sign-in?returnUrl=%2Fconsole%2Fmeeting-types", page.Url);
        await Assertions.Expect(page.Locator("#api-key")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_key_cannot_sign_in()
    {
        var owner = await console.NewOwnerAsync();
        var page = await console.NewPageAsync();
        await page.GotoAsync("/console/sign-in");

        await page.Locator("#api-key").FillAsync(owner.Key[..^2] + "xx");
        var answer = await page.RunAndWaitForResponseAsync(() => page.Locator("#key-form button[type=submit]").ClickAsync(), r => r.Request.Method == "POST");

        Assert.Equal(401, answer.Status);
        await Assertions.Expect(page.Locator("#sign-in-error")).ToContainTextAsync("not valid");
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "agenda_console");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_revoked_key_cannot_sign_in()
    {
        var owner = await console.NewOwnerAsync();
        Assert.Equal(204, (int)(await console.Admin.DeleteAsync($"/v1/owners/{owner.Id}/keys/{owner.KeyId}")).StatusCode);
        var page = await console.NewPageAsync();
        await page.GotoAsync("/console/sign-in");

        await page.Locator("#api-key").FillAsync(owner.Key);
        await page.Locator("#key-form button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator("#sign-in-error")).ToBeVisibleAsync();
        Assert.StartsWith($"{console.BaseUrl}/console/sign-in", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_administrator_key_cannot_sign_in()
    {
        var page = await console.NewPageAsync();
        await page.GotoAsync("/console/sign-in");
        var adminKey = console.Admin.DefaultRequestHeaders.Authorization!.Parameter!;

        await page.Locator("#api-key").FillAsync(adminKey);
        await page.Locator("#key-form button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator("#sign-in-error")).ToContainTextAsync("administrator key");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Revoking_the_key_ends_the_session_made_from_it()
    {
        var owner = await console.NewOwnerAsync();
        var page = await console.SignedInAsync(owner);

        Assert.Equal(204, (int)(await console.Admin.DeleteAsync($"/v1/owners/{owner.Id}/keys/{owner.KeyId}")).StatusCode);
        await page.GotoAsync("/console/keys");

        Assert.StartsWith($"{console.BaseUrl}/console/sign-in", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_session_outlives_the_revocation_of_another_key_of_the_owner()
    {
        var owner = await console.NewOwnerAsync();
        using var issued = await console.Client(owner.Key).PostAsync($"/v1/owners/{owner.Id}/keys", null);
        var other = (await issued.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonNode>())!["id"]!.GetValue<string>();
        var page = await console.SignedInAsync(owner);

        Assert.Equal(204, (int)(await console.Admin.DeleteAsync($"/v1/owners/{owner.Id}/keys/{other}")).StatusCode);
        await page.GotoAsync("/console/keys");

        Assert.Equal($"{console.BaseUrl}/console/keys", page.Url);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_session_cookie_is_HttpOnly_SameSite_Strict_and_only_for_the_console()
    {
        var owner = await console.NewOwnerAsync();
        var page = await console.SignedInAsync(owner);

        var cookie = Assert.Single(await page.Context.CookiesAsync(), c => c.Name == "agenda_console");

        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal("/console", cookie.Path);
        Assert.Equal(-1, cookie.Expires);
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => String(document.cookie.split('; ').find(c => c.startsWith('agenda_console=')))"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var owner = await console.NewOwnerAsync();
        var page = await console.SignedInAsync(owner);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GotoAsync("/console");

        Assert.StartsWith($"{console.BaseUrl}/console/sign-in", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
