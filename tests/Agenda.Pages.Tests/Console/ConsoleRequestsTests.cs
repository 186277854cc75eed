using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Console;

/// <summary>The owner answers requests of a type that requires approval in the console's Requests tab.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleRequestsTests(ConsoleFixture console)
{
    [Fact]
    public async Task The_owner_confirms_one_request_and_declines_another_with_a_word_for_the_invitee()
    {
        var owner = await console.BookableOwnerAsync();
        using var client = console.Client(owner.Key);
        Assert.Equal(201, (int)(await client.PostAsJsonAsync($"/v1/owners/{owner.Id}/meeting-types",
            new { slug = "consult", title = "Consultation", duration_minutes = 30, approval = new { holds_time = false } })).StatusCode);
        using var anonymous = console.Client();
        foreach (var name in new[] { "Ben Invitee", "Cy Invitee" })
        {
            Assert.Equal(201, (int)(await anonymous.PostAsJsonAsync($"/v1/owners/{owner.Id}/meeting-types/consult/bookings",
                new { start = $"{ConsoleFixture.Tuesday}T10:00:00Z", invitee = new { name, email = "guest@example.com" } })).StatusCode);
        }

        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console/bookings?status=pending");
        await Assertions.Expect(page.Locator(".request-status")).ToHaveCountAsync(2);
        var violations = await Support.Accessibility.SeriousViolationsAsync(page, "requests awaiting an answer");
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, "console-requests-desktop.png"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm with Ben Invitee" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("The request is confirmed; the invitee gets an e-mail with the invitation.");

        await page.GotoAsync("/console/bookings?status=pending");
        var cy = page.Locator(".booking", new() { HasText = "Cy Invitee" });
        await cy.Locator("details.confirm > summary").ClickAsync();
        await cy.GetByLabel("A word for the invitee (optional)").FillAsync("That time is taken now, sorry.");
        await cy.GetByRole(AriaRole.Button, new() { Name = "Decline the request with Cy Invitee" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("The request is declined; the invitee gets an e-mail.");

        var bookings = await console.GetAsync($"/v1/owners/{owner.Id}/bookings?status=declined");
        Assert.Equal("That time is taken now, sorry.", Assert.Single(bookings["bookings"]!.AsArray())!["cancel_reason"]!.GetValue<string>());
        await page.Context.CloseAsync();
    }
}
