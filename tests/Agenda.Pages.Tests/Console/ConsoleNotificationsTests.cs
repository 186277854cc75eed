using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Console;

/// <summary>The owner's e-mail settings and webhook endpoints, managed in the console: checked through the public /v1 API.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleNotificationsTests(ConsoleFixture console)
{
    // Nothing listens on port 9 (discard), so deliveries to it fail and are logged.
    private const string DeadEnd = "http://127.0.0.1:9/hooks";

    [Fact]
    public async Task E_mail_address_and_language_saved_in_the_console_are_the_owners_settings()
    {
        var owner = await console.NewOwnerAsync();
        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console/notifications");

        await page.GetByLabel("Your e-mail address for booking notices").FillAsync("ana@example.com");
        await page.GetByLabel("Language of the e-mail").SelectOptionAsync("de");
        await page.Locator("form[aria-labelledby=email-heading] button").ClickAsync();

        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Saved.");
        var settings = await console.GetAsync($"/v1/owners/{owner.Id}/notifications");
        Assert.Equal("ana@example.com", settings["email"]!.GetValue<string>());
        Assert.Equal("de", settings["language"]!.GetValue<string>());
        await Assertions.Expect(page.GetByLabel("Language of the e-mail")).ToHaveValueAsync("de");

        // Past the browser's own check of the field, the service refuses it too.
        await page.Locator("form[aria-labelledby=email-heading]").EvaluateAsync("f => f.noValidate = true");
        await page.GetByLabel("Your e-mail address for booking notices").FillAsync("not an address");
        await page.Locator("form[aria-labelledby=email-heading] button").ClickAsync();
        await Assertions.Expect(page.Locator(".errors")).ToBeVisibleAsync();
        Assert.Equal("ana@example.com", (await console.GetAsync($"/v1/owners/{owner.Id}/notifications"))["email"]!.GetValue<string>());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_e_mail_sent_about_bookings_is_listed_with_the_mail_servers_refusal()
    {
        var owner = await console.BookableOwnerAsync();
        Assert.True((await console.Admin.PutAsJsonAsync($"/v1/owners/{owner.Id}/notifications", new { email = "ana@example.com", language = "en" })).IsSuccessStatusCode);
        await console.BookAsync(owner, $"{ConsoleFixture.Tuesday}T09:00:00Z");
        var page = await console.SignedInAsync(owner);

        // The dispatcher tries at once; the mail server cannot be reached, so both messages wait for their next attempt.
        var answers = page.Locator(".email-deliveries .delivery-answer:not(:empty)");
        for (var tries = 0; tries < 40; tries++)
        {
            await page.GotoAsync("/console/notifications");
            if (await answers.CountAsync() == 2)
            {
                break;
            }

            await Task.Delay(500);
        }

        await Assertions.Expect(answers).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".email-deliveries > li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".email-deliveries > li", new() { HasText = "invitee (ben@example.com)" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".email-deliveries > li", new() { HasText = "you (ana@example.com)" })).ToHaveCountAsync(1);
        foreach (var status in await page.Locator(".email-deliveries .delivery-status").AllTextContentsAsync())
        {
            Assert.StartsWith("pending, next attempt", status);
        }

        foreach (var answer in await answers.AllTextContentsAsync())
        {
            Assert.StartsWith("The mail server did not take the message", answer);
        }

        await page.Context.CloseAsync();
    }

    /// <summary>The booking events the endpoint form ticks by default, but for "Booking made".</summary>
    private static readonly string[] OtherBookingEvents =
        ["Booking cancelled", "Booking moved", "Booking requested (awaits your answer)", "Request confirmed", "Request declined", "Request expired", "Invitee marked as a no-show", "Invitee's personal data erased"];

    [Fact]
    public async Task A_webhook_endpoint_added_in_the_console_shows_its_secret_once_and_receives_the_ticked_events_only()
    {
        var owner = await console.BookableOwnerAsync();
        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console/notifications");

        await page.GetByLabel("Endpoint URL").FillAsync(DeadEnd);
        foreach (var label in OtherBookingEvents)
        {
            await page.GetByLabel(label).UncheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Add a webhook endpoint" }).ClickAsync();

        var secret = await page.Locator("#webhook-secret").TextContentAsync();
        Assert.StartsWith("whsec_", secret);
        var endpoints = (await console.GetAsync($"/v1/owners/{owner.Id}/webhooks"))["webhooks"]!.AsArray();
        var endpoint = Assert.Single(endpoints)!;
        Assert.Equal(DeadEnd, endpoint["url"]!.GetValue<string>());
        Assert.Equal(["booking.created"], endpoint["events"]!.AsArray().Select(e => e!.GetValue<string>()));
        // The secret is in that one answer only.
        await page.GotoAsync("/console/notifications");
        Assert.DoesNotContain(secret!, await page.ContentAsync(), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator($"#webhook-{endpoint["id"]} .card-title")).ToHaveTextAsync(DeadEnd);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_webhook_with_no_event_ticked_is_refused_and_nothing_is_added()
    {
        var owner = await console.NewOwnerAsync();
        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console/notifications");

        await page.GetByLabel("Endpoint URL").FillAsync(DeadEnd);
        foreach (var label in OtherBookingEvents.Prepend("Booking made"))
        {
            await page.GetByLabel(label).UncheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Add a webhook endpoint" }).ClickAsync();

        await Assertions.Expect(page.Locator(".errors li")).ToContainTextAsync("'events' must list one or more");
        await Assertions.Expect(page.GetByLabel("Endpoint URL")).ToHaveValueAsync(DeadEnd);
        Assert.Empty((await console.GetAsync($"/v1/owners/{owner.Id}/webhooks"))["webhooks"]!.AsArray());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_endpoint_page_shows_failed_attempts_and_switches_off_rotates_redelivers_and_deletes()
    {
        var owner = await console.BookableOwnerAsync();
        var made = await console.Admin.PostAsJsonAsync($"/v1/owners/{owner.Id}/webhooks", new { url = DeadEnd });
        var id = (await made.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["id"]!.GetValue<string>();
        await console.BookAsync(owner, $"{ConsoleFixture.Tuesday}T09:00:00Z");
        var page = await console.SignedInAsync(owner);

        // The dispatcher tries at once; the refused connection is in the log with the next attempt planned.
        for (var tries = 0; tries < 40; tries++)
        {
            await page.GotoAsync($"/console/notifications/webhooks/{id}");
            if (await page.Locator(".deliveries table.attempts tbody tr").CountAsync() > 0)
            {
                break;
            }

            await Task.Delay(500);
        }

        await Assertions.Expect(page.Locator(".deliveries table.attempts tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".delivery-status")).ToHaveTextAsync("pending");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send again: message" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("The message will be sent again within moments.");

        await page.GetByLabel("On (switching it on again clears why it was off)").UncheckAsync();
        await page.Locator("form[aria-label='Endpoint settings'] button").ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Saved.");
        Assert.False((await console.GetAsync($"/v1/owners/{owner.Id}/webhooks/{id}"))["enabled"]!.GetValue<bool>());
        await Assertions.Expect(page.Locator(".warning")).ToContainTextAsync("Off:");

        await page.GetByRole(AriaRole.Button, new() { Name = "Make a new signing secret" }).ClickAsync();
        Assert.StartsWith("whsec_", await page.Locator("#webhook-secret").TextContentAsync());

        await page.Locator("details.confirm > summary").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete this endpoint:" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("The webhook endpoint was deleted.");
        Assert.Empty((await console.GetAsync($"/v1/owners/{owner.Id}/webhooks"))["webhooks"]!.AsArray());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Another_owners_webhook_endpoint_is_not_found_and_cannot_be_changed()
    {
        var other = await console.NewOwnerAsync(name: "Other Owner");
        var made = await console.Admin.PostAsJsonAsync($"/v1/owners/{other.Id}/webhooks", new { url = DeadEnd });
        var id = (await made.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["id"]!.GetValue<string>();
        var page = await console.SignedInAsync(await console.NewOwnerAsync(name: "Me"));

        var answer = await page.GotoAsync($"/console/notifications/webhooks/{id}");
        Assert.Equal(404, answer!.Status);
        Assert.DoesNotContain(DeadEnd, await page.ContentAsync(), StringComparison.Ordinal);

        var delete = await page.APIRequest.PostAsync($"/console/notifications/webhooks/{id}?handler=Delete", new()
        {
            Form = ConsoleForms.Post(page, ("__RequestVerificationToken", await ConsoleForms.TokenAsync(page))),
        });
        Assert.Equal(404, delete.Status);
        Assert.Single((await console.GetAsync($"/v1/owners/{other.Id}/webhooks"))["webhooks"]!.AsArray());
        await page.Context.CloseAsync();
    }
}
