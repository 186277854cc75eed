using Agenda.Pages.Tests.Support;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Console;

/// <summary>"Why is a time not offered?" in the console: a booked time names the booking, a time outside the hours names the day's hours, a free time says it is offered.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleExplainTests(ConsoleFixture console)
{
    [Fact]
    public async Task The_owner_asks_about_three_times_and_reads_why_each_is_or_is_not_offered()
    {
        var owner = await console.BookableOwnerAsync();
        await console.BookAsync(owner, $"{ConsoleFixture.Tuesday}T09:00:00Z", invitee: "Ben Booked");
        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console");
        await page.GetByRole(AriaRole.Link, new() { Name = "Why not offered?" }).ClickAsync();

        await page.Locator("#explain-type").SelectOptionAsync("intro");
        await page.Locator("#explain-date").FillAsync(ConsoleFixture.Tuesday);
        await page.Locator("#explain-time").FillAsync("09:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reasons li")).ToHaveTextAsync(["A booking from 2024-11-26 09:00 to 2024-11-26 09:30 is in the way."]);
        var violations = await Accessibility.SeriousViolationsAsync(page, "why a time is not offered");
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleFixture.Screenshots, "console-explain.png"), FullPage = true });

        await page.Locator("#explain-time").FillAsync("13:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reasons li")).ToHaveTextAsync(["Outside the hours of that day (09:00–12:00)."]);
        await Assertions.Expect(page.Locator("#reasons li")).ToHaveAttributeAsync("data-code", "outside_availability");

        await page.Locator("#explain-time").FillAsync("10:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Assertions.Expect(page.Locator("#offered")).ToHaveTextAsync("This time is offered: an invitee can book it now.");
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the page scrolls sideways at 390 px");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleFixture.Screenshots, "console-explain-phone.png"), FullPage = true });
        await page.Context.CloseAsync();
    }
}
