using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Console;

/// <summary>Seats and approval set in the console's meeting type form reach the service, and come back into the form.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleBookingKindsTests(ConsoleFixture console)
{
    [Fact]
    public async Task Seats_and_approval_set_in_the_form_are_the_types_and_a_bad_wait_is_said_beside_its_field()
    {
        var owner = await console.BookableOwnerAsync();
        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console/meeting-types/intro");

        await page.Locator("#mt-seats").FillAsync("8");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Saved.");
        Assert.Equal(8, (await console.GetAsync($"/v1/owners/{owner.Id}/meeting-types/intro"))["seats"]!.GetValue<int>());
        await Assertions.Expect(page.Locator("#mt-seats")).ToHaveValueAsync("8");

        // Approval with seats is refused beside the wait's field; without seats it is kept.
        // The booking options are shown opened on an existing type's page (its lengths are set).
        await Assertions.Expect(page.Locator("details.more-rules", new() { Has = page.Locator("#mt-requiresapproval") })).ToHaveAttributeAsync("open", "open");
        await page.Locator("#mt-requiresapproval").CheckAsync();
        await page.Locator("#mt-approvalexpireshours").FillAsync("48");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("#mt-approvalexpireshours-error")).ToBeVisibleAsync();
        Assert.Null((await console.GetAsync($"/v1/owners/{owner.Id}/meeting-types/intro"))["approval"]);

        await page.Locator("#mt-seats").FillAsync("");
        await page.Locator("#mt-approvalholdstime").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Saved.");
        var saved = await console.GetAsync($"/v1/owners/{owner.Id}/meeting-types/intro");
        Assert.Null(saved["seats"]);
        Assert.Equal(2880, saved["approval"]!["expires_after_minutes"]!.GetValue<int>());
        Assert.True(saved["approval"]!["holds_time"]!.GetValue<bool>());
        await Assertions.Expect(page.Locator("#mt-requiresapproval")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#mt-approvalexpireshours")).ToHaveValueAsync("48");
        await page.Context.CloseAsync();
    }
}
