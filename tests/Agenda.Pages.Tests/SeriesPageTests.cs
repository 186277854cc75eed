using System.Net.Http.Json;
using Agenda.Pages.Tests.Support;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests;

/// <summary>
/// A weekly series on the booking pages: the invitee chooses how often, the confirmation lists every meeting, and the
/// manage page lists the series and cancels a meeting with the rest.
/// </summary>
public sealed class SeriesPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_invitee_books_a_weekly_series_of_three_and_sees_every_meeting()
    {
        var owner = await fixture.Setup.OwnerAsync();
        var created = await fixture.Setup.Http.PostAsJsonAsync($"/v1/owners/{owner}/meeting-types",
            new { slug = "coaching", title = "Weekly coaching", duration_minutes = 60, recurrence = new { max_count = 6 } });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        const string Nine = "2027-03-03T08:00:00Z";

        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/{owner}/coaching?month=2027-03&date=2027-03-03");
        await page.Locator($".slot[data-start='{Nine}']").ClickAsync();
        await Browsing.FillAsync(page, "Bo Invitee", "bo@example.com");
        var repeat = page.GetByLabel("How often");
        Assert.Equal(["Just this once", "Every week, 2 times", "Every week, 3 times", "Every week, 4 times", "Every week, 5 times", "Every week, 6 times"],
            await repeat.Locator("option").AllTextContentsAsync());
        await repeat.SelectOptionAsync("3");
        var violations = await Accessibility.SeriousViolationsAsync(page, "booking form with a series");
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        await BrowserFixture.ScreenshotAsync(page, "series-form-desktop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your meeting is booked" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#series li")).ToHaveCountAsync(3);
        await BrowserFixture.ScreenshotAsync(page, "series-confirmed-desktop");
        await page.SetViewportSizeAsync(390, 844);
        await BrowserFixture.ScreenshotAsync(page, "series-confirmed-phone");
        await page.SetViewportSizeAsync(1280, 800);

        // The manage page lists the series; the second meeting's page cancels it with the rest.
        await page.Locator("#manage").ClickAsync();
        await Assertions.Expect(page.Locator("#series li")).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator("#series [aria-current='page']")).ToHaveCountAsync(1);
        await page.Locator("#series li").Nth(1).Locator("a").ClickAsync();
        await Assertions.Expect(page.Locator("#series li").Nth(1).Locator("[aria-current='page']")).ToHaveCountAsync(1);
        await page.Locator("#cancel-box summary").ClickAsync();
        await page.GetByLabel("Also cancel the later meetings of this series").CheckAsync();
        var violations2 = await Accessibility.SeriousViolationsAsync(page, "manage page of a series");
        Assert.True(violations2.Count == 0, string.Join("\n", violations2));
        await BrowserFixture.ScreenshotAsync(page, "series-manage-desktop");
        await page.Locator("#cancel").ClickAsync();
        await Assertions.Expect(page.Locator("#message")).ToBeVisibleAsync();
        // This meeting says it is cancelled; of the others, the third is struck through and the first is still a link.
        await Assertions.Expect(page.Locator("#status")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#series del")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#series a")).ToHaveCountAsync(1);
        await page.Context.CloseAsync();

        var bookings = await fixture.Setup.BookingsOfAsync(owner);
        Assert.Equal(["2027-03-03T08:00:00Z"], bookings.Select(b => b!["start_utc"]!.GetValue<string>()));
        Assert.Equal(0, bookings[0]!["series"]!["index"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_invitee_moves_a_meeting_with_the_rest_of_the_series_to_an_hour_later()
    {
        var owner = await fixture.Setup.OwnerAsync();
        var created = await fixture.Setup.Http.PostAsJsonAsync($"/v1/owners/{owner}/meeting-types",
            new { slug = "coaching", title = "Weekly coaching", duration_minutes = 60, recurrence = new { max_count = 6 } });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var booked = await fixture.Setup.Http.PostAsJsonAsync($"/v1/owners/{owner}/meeting-types/coaching/bookings",
            new { start = "2027-03-03T08:00:00Z", invitee = new { name = "Bo Invitee", email = "bo@example.com" }, recurrence = new { count = 3 } });
        var first = System.Text.Json.Nodes.JsonNode.Parse(await booked.Content.ReadAsStringAsync())!;
        var token = first["management_token"]!.GetValue<string>();

        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/booking/{first["id"]}?token={Uri.EscapeDataString(token)}&tz=Europe/Berlin&start=2027-03-03T09:00:00Z");
        await page.GetByLabel("Move the later meetings of this series too, to the same time each week").CheckAsync();
        await page.Locator("#confirm-move").ClickAsync();

        await Assertions.Expect(page.Locator("#message")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#series li")).ToHaveCountAsync(3);
        await page.Context.CloseAsync();
        var bookings = await fixture.Setup.BookingsOfAsync(owner);
        Assert.Equal(["2027-03-03T09:00:00Z", "2027-03-10T09:00:00Z", "2027-03-17T09:00:00Z"], bookings.Select(b => b!["start_utc"]!.GetValue<string>()).Order());
    }
}
