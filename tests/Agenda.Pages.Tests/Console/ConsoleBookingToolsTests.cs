using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Console;

/// <summary>The console's bookings filtered by invitee and exported as CSV, as the API's list and export do.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleBookingToolsTests(ConsoleFixture console)
{
    [Fact]
    public async Task An_owner_finds_a_booking_by_the_invitees_name_and_exports_what_is_shown()
    {
        var owner = await console.BookableOwnerAsync();
        await console.BookAsync(owner, "2024-11-26T09:00:00Z", invitee: "Zoe Example");
        await console.BookAsync(owner, "2024-11-26T10:00:00Z", invitee: "Yann Other");
        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console/bookings");
        await Assertions.Expect(page.Locator("li.booking")).ToHaveCountAsync(2);

        await page.GetByLabel("Invitee's name or e-mail").FillAsync("zoe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator("li.booking")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("li.booking")).ToContainTextAsync("Zoe Example");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export as CSV" }).ClickAsync());
        Assert.Equal("bookings.csv", download.SuggestedFilename);
        var file = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("Zoe Example", file, StringComparison.Ordinal);
        Assert.DoesNotContain("Yann Other", file, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
