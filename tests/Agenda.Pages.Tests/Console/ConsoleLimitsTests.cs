using System.Net.Http.Json;
using Agenda.Pages.Tests.Support;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Console;

/// <summary>
/// Limits in the console: the owner caps their week across meeting types, the week fills, and Friday, whose hours are
/// open, offers nothing; "Why not offered?" says which limit and how far it is counted.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleLimitsTests(ConsoleFixture console)
{
    [Fact]
    public async Task An_owner_with_a_weekly_cap_reached_sees_why_friday_offers_nothing()
    {
        var owner = await console.BookableOwnerAsync();
        var hours = new[] { new { start = "09:00", end = "12:00" } };
        var opened = await console.Admin.PutAsJsonAsync($"/v1/owners/{owner.Id}/weekly-hours", new { tuesday = hours, wednesday = hours, friday = hours });
        Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync());
        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console");
        await page.GetByRole(AriaRole.Link, new() { Name = "Limits" }).ClickAsync();

        // A limit that allows nothing is refused beside its field, then two a week is saved.
        await page.Locator("#limits-perweek").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save limits" }).ClickAsync();
        await Assertions.Expect(page.Locator("#limits-perweek-error")).ToBeVisibleAsync();
        await page.Locator("#limits-perweek").FillAsync("2");
        await page.Locator("#limits-weekstartson").SelectOptionAsync("monday");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save limits" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Your limits are saved.");
        await Assertions.Expect(page.Locator("#limits-perweek")).ToHaveValueAsync("2");
        var violations = await Accessibility.SeriousViolationsAsync(page, "limits across meeting types");
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleFixture.Screenshots, "console-limits.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the limits page scrolls sideways at 390 px");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleFixture.Screenshots, "console-limits-phone.png"), FullPage = true });
        await page.SetViewportSizeAsync(1280, 900);

        // Tuesday and Wednesday are booked: the week's two.
        await console.BookAsync(owner, $"{ConsoleFixture.Tuesday}T09:00:00Z", invitee: "Ben Booked");
        await console.BookAsync(owner, "2024-11-27T09:00:00Z", invitee: "Cy Booked");

        await page.GetByRole(AriaRole.Link, new() { Name = "Your week" }).ClickAsync();
        await Assertions.Expect(page.Locator("#day-2024-11-29 .hours")).ToHaveTextAsync("09:00–12:00");
        await Assertions.Expect(page.Locator("#day-2024-11-29 .offered li")).ToHaveCountAsync(0);
        await page.Locator("#day-2024-11-29 a.why").ClickAsync();
        await page.Locator("#explain-time").FillAsync("10:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();

        await Assertions.Expect(page.Locator("#reasons li")).ToHaveTextAsync(
            ["The limit of 2 bookings per week across all meeting types is reached: 2 from 2024-11-25 to 2024-12-01."]);
        await Assertions.Expect(page.Locator("#reasons li")).ToHaveAttributeAsync("data-code", "booking_limit_reached");
        await page.ScreenshotAsync(new() { Path = Path.Combine(ConsoleFixture.Screenshots, "console-explain-limit.png"), FullPage = true });
        // The next week is open again.
        await page.Locator("#explain-date").FillAsync("2024-12-06");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Assertions.Expect(page.Locator("#offered")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
