using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Console;

/// <summary>Owner-provided text stays text, forms need their antiforgery token, and one owner's session never reaches another's data.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleSecurityTests(ConsoleFixture console)
{
    private const string Script = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 1\">";

    [Fact]
    public async Task Script_in_every_owner_provided_field_is_shown_as_text()
    {
        var owner = await console.BookableOwnerAsync(name: "Name " + Script, title: "Title " + Script);
        var booking = await console.BookAsync(owner, $"{ConsoleFixture.Tuesday}T09:00:00Z", invitee: "Invitee " + Script, note: "Note " + Script);
        using var reasonBooking = await console.Client().PostAsJsonAsync(
            $"/v1/owners/{owner.Id}/meeting-types/intro/bookings", new { start = $"{ConsoleFixture.Tuesday}T11:00:00Z", invitee = new { name = "Dora" } });
        var cancelled = (await reasonBooking.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonNode>())!["id"]!.GetValue<string>();
        await console.Admin.PostAsJsonAsync($"/v1/bookings/{cancelled}/cancel", new { reason = "Reason " + Script });
        var page = await console.SignedInAsync(owner);
        var dialogs = 0;
        page.Dialog += (_, dialog) => dialogs++;

        await Assertions.Expect(page.Locator(".console-who")).ToHaveTextAsync($"Signed in as Name {Script}");
        await Assertions.Expect(page.Locator(".links li").Nth(1)).ToContainTextAsync($"Title {Script}");
        await Assertions.Expect(page.Locator("#display-name")).ToHaveValueAsync("Name " + Script);
        await page.GotoAsync("/console/bookings");
        await Assertions.Expect(page.Locator(".invitee-name")).ToHaveTextAsync("Invitee " + Script);
        await Assertions.Expect(page.Locator(".note")).ToHaveTextAsync("Note " + Script);
        await Assertions.Expect(page.Locator($"#booking-{booking} dd").First).ToHaveTextAsync("Title " + Script);
        await page.GotoAsync("/console/bookings?status=cancelled");
        await Assertions.Expect(page.Locator($"#booking-{cancelled}")).ToContainTextAsync("Reason " + Script);
        await page.GotoAsync("/console/meeting-types");
        await Assertions.Expect(page.Locator(".card-title")).ToHaveTextAsync("Title " + Script);
        await page.GotoAsync("/console/meeting-types/intro");
        await Assertions.Expect(page.Locator("#mt-title")).ToHaveValueAsync("Title " + Script);

        // The console's own script is the only one, from the host.
        Assert.Equal(0, await page.Locator("main script:not([src^='/js/console.']), main img").CountAsync());
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__pwned"));
        Assert.Equal(0, dialogs);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_console_form_posted_without_its_antiforgery_token_is_refused_and_changes_nothing()
    {
        var owner = await console.NewOwnerAsync();
        var page = await console.SignedInAsync(owner);

        var answer = await page.APIRequest.PostAsync("/console/meeting-types", new()
        {
            Form = ConsoleForms.Post(page, ("Form.Slug", "forged"), ("Form.Title", "Forged"), ("Form.DurationMinutes", "30")),
        });

        Assert.Equal(400, answer.Status);
        await console.GetAsync($"/v1/owners/{owner.Id}/meeting-types/forged", 404);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_same_form_with_its_antiforgery_token_is_accepted()
    {
        var owner = await console.NewOwnerAsync();
        var page = await console.SignedInAsync(owner);

        var answer = await page.APIRequest.PostAsync("/console/meeting-types", new()
        {
            Form = ConsoleForms.Post(page, ("Form.Slug", "genuine"), ("Form.Title", "Genuine"), ("Form.DurationMinutes", "30"), ("__RequestVerificationToken", await ConsoleForms.TokenAsync(page))),
            MaxRedirects = 0,
        });

        Assert.Equal(302, answer.Status);
        await console.GetAsync($"/v1/owners/{owner.Id}/meeting-types/genuine");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_owners_session_cannot_cancel_another_owners_booking()
    {
        var other = await console.BookableOwnerAsync();
        var theirs = await console.BookAsync(other, $"{ConsoleFixture.Tuesday}T09:00:00Z");
        var page = await console.SignedInAsync(await console.NewOwnerAsync());

        var answer = await page.APIRequest.PostAsync("/console/bookings?handler=Cancel", new()
        {
            Form = ConsoleForms.Post(page, ("bookingId", theirs), ("__RequestVerificationToken", await ConsoleForms.TokenAsync(page))),
        });

        Assert.Equal(404, answer.Status);
        Assert.Equal("active", (await console.GetAsync($"/v1/bookings/{theirs}"))["status"]!.GetValue<string>());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_owners_session_cannot_open_change_or_delete_another_owners_meeting_type()
    {
        var other = await console.BookableOwnerAsync();
        var page = await console.SignedInAsync(await console.NewOwnerAsync());

        var open = await page.GotoAsync("/console/meeting-types/intro");
        Assert.Equal(404, open!.Status);
        var token = await ConsoleForms.TokenAsync(page);
        var change = await page.APIRequest.PostAsync("/console/meeting-types/intro", new()
        {
            Form = ConsoleForms.Post(page, ("Form.Title", "Taken over"), ("Form.DurationMinutes", "30"), ("__RequestVerificationToken", token)),
        });
        var delete = await page.APIRequest.PostAsync("/console/meeting-types/intro?handler=Delete", new() { Form = ConsoleForms.Post(page, ("__RequestVerificationToken", token)) });

        Assert.Equal((404, 404), (change.Status, delete.Status));
        Assert.Equal("Intro call", (await console.GetAsync($"/v1/owners/{other.Id}/meeting-types/intro"))["title"]!.GetValue<string>());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_owners_console_shows_nothing_of_another_owner()
    {
        var other = await console.BookableOwnerAsync(name: "Other Owner", title: "Their meeting");
        await console.BookAsync(other, $"{ConsoleFixture.Tuesday}T09:00:00Z", invitee: "Their invitee");
        await console.Admin.PostAsync($"/v1/owners/{other.Id}/keys", null);
        var page = await console.SignedInAsync(await console.NewOwnerAsync(name: "Me"));

        foreach (var path in new[] { "/console", "/console/bookings", "/console/meeting-types", "/console/keys", "/console/overrides", "/console/hours", "/console/notifications", "/console/calendars" })
        {
            await page.GotoAsync(path);
            var html = await page.ContentAsync();
            Assert.DoesNotContain(other.Id, html, StringComparison.Ordinal);
            Assert.DoesNotContain(other.KeyId, html, StringComparison.Ordinal);
            Assert.DoesNotContain("Their", html, StringComparison.Ordinal);
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Console_pages_carry_a_content_security_policy_without_inline_script_and_refuse_framing()
    {
        var page = await console.SignedInAsync(await console.NewOwnerAsync());

        var answer = await page.GotoAsync("/console/keys");
        var headers = await answer!.AllHeadersAsync();

        Assert.Contains("script-src 'self'", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("script:not([src])").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Console_pages_may_not_be_stored_by_any_cache()
    {
        var page = await console.SignedInAsync(await console.NewOwnerAsync());

        var answer = await page.GotoAsync("/console/keys");

        Assert.Contains("no-store", (await answer!.AllHeadersAsync())["cache-control"], StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
