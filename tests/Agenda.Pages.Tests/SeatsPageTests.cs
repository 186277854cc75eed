using System.Net.Http.Json;
using Agenda.Pages.Tests.Support;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests;

/// <summary>A class with seats on the booking page: each slot says how many seats are left, and each invitee books one.</summary>
public sealed class SeatsPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Two_invitees_book_seats_of_one_class_and_the_page_counts_the_seats_left()
    {
        var owner = await fixture.Setup.OwnerAsync();
        var created = await fixture.Setup.Http.PostAsJsonAsync($"/v1/owners/{owner}/meeting-types", new { slug = "class", title = "Yoga class", duration_minutes = 60, seats = 3 });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        const string Nine = "2027-03-03T08:00:00Z";

        foreach (var (name, left) in new[] { ("Bo Invitee", "3 of 3 seats left"), ("Cy Invitee", "2 of 3 seats left") })
        {
            var page = await fixture.NewPageAsync();
            await page.GotoAsync($"/{owner}/class?month=2027-03&date=2027-03-03");
            var slot = page.Locator($".slot[data-start='{Nine}']");
            await Assertions.Expect(slot.Locator(".seats-left")).ToHaveTextAsync(left);
            if (name == "Cy Invitee")
            {
                var violations = await Accessibility.SeriousViolationsAsync(page, "slots with seats left");
                Assert.True(violations.Count == 0, string.Join("\n", violations));
                await BrowserFixture.ScreenshotAsync(page, "seats-slots-desktop");
                await page.SetViewportSizeAsync(390, 844);
                await BrowserFixture.ScreenshotAsync(page, "seats-slots-phone");
                await page.SetViewportSizeAsync(1280, 800);
            }

            await slot.ClickAsync();
            await Browsing.FillAsync(page, name, $"{name[..2].ToLowerInvariant()}@example.com");
            await page.GetByRole(AriaRole.Button, new() { Name = "Book" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your meeting is booked" })).ToBeVisibleAsync();
            await page.Context.CloseAsync();
        }

        var bookings = await fixture.Setup.BookingsOfAsync(owner);
        Assert.Equal(["Bo Invitee", "Cy Invitee"], bookings.Select(b => b!["invitee"]!["name"]!.GetValue<string>()).Order());
        Assert.Single(bookings.Select(b => b!["seat_slot_id"]!.GetValue<string>()).Distinct());
        var last = await fixture.NewPageAsync();
        await last.GotoAsync($"/{owner}/class?month=2027-03&date=2027-03-03");
        await Assertions.Expect(last.Locator($".slot[data-start='{Nine}'] .seats-left")).ToHaveTextAsync("1 of 3 seats left");
        await last.Context.CloseAsync();
    }
}
