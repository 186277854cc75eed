using Agenda.Pages.Tests.Support;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests;

/// <summary>The manage page, reached with the management token: move or cancel, as the API does.</summary>
public sealed class ManageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Invitee_moves_the_booking_to_another_free_slot()
    {
        var owner = await fixture.Setup.OwnerAsync();
        var (id, token) = await fixture.Setup.BookAsync(owner, "2027-03-03T08:00:00Z");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/booking/{id}?token={Uri.EscapeDataString(token)}");

        await page.Locator("a[data-date='2027-03-04']").ClickAsync();
        await page.Locator("button.slot[data-start='2027-03-04T10:00:00Z']").ClickAsync();

        // Nothing moves before the invitee sees both times and confirms.
        await Assertions.Expect(page.Locator("#move-from")).ToHaveTextAsync("Wednesday, 3 March 2027, 09:00 – 10:00 (Europe/Berlin)");
        await Assertions.Expect(page.Locator("#move-to")).ToHaveTextAsync("Thursday, 4 March 2027, 11:00 – 12:00 (Europe/Berlin)");
        Assert.Equal("2027-03-03T08:00:00Z", (await fixture.Setup.BookingAsync(id, token))["start_utc"]!.GetValue<string>());
        await BrowserFixture.ScreenshotAsync(page, "5-move-review");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm the new time" }).ClickAsync();

        await Assertions.Expect(page.Locator("#message")).ToHaveTextAsync("Your meeting was moved.");
        await Assertions.Expect(page.Locator("#time-invitee")).ToHaveTextAsync("Thursday, 4 March 2027, 11:00 – 12:00 (Europe/Berlin)");
        var booking = await fixture.Setup.BookingAsync(id, token);
        Assert.Equal("2027-03-04T10:00:00Z", booking["start_utc"]!.GetValue<string>());
        Assert.Contains("2027-03-03T08:00:00Z", await fixture.Setup.FreeStartsAsync(owner, "2027-03-03"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Moving_to_a_slot_taken_meanwhile_is_refused_with_fresh_slots_and_the_booking_stays()
    {
        var owner = await fixture.Setup.OwnerAsync();
        var (id, token) = await fixture.Setup.BookAsync(owner, "2027-03-03T08:00:00Z");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/booking/{id}?token={Uri.EscapeDataString(token)}&month=2027-03&date=2027-03-04");
        await fixture.Setup.BookAsync(owner, "2027-03-04T09:00:00Z", name: "Someone else");

        await page.Locator("button.slot[data-start='2027-03-04T09:00:00Z']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm the new time" }).ClickAsync();

        await Assertions.Expect(page.Locator("#message")).ToContainTextAsync("just taken");
        Assert.Equal(["2027-03-04T08:00:00Z", "2027-03-04T10:00:00Z"], await Browsing.SlotStartsAsync(page));
        Assert.Equal("2027-03-03T08:00:00Z", (await fixture.Setup.BookingAsync(id, token))["start_utc"]!.GetValue<string>());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Invitee_cancels_with_a_reason_and_the_slot_is_free_again()
    {
        var owner = await fixture.Setup.OwnerAsync();
        var (id, token) = await fixture.Setup.BookAsync(owner, "2027-03-03T08:00:00Z");
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/booking/{id}?token={Uri.EscapeDataString(token)}");

        // Cancelling takes two steps: the first opens the box, the second cancels.
        await page.GetByText("Cancel meeting", new() { Exact = true }).ClickAsync();
        Assert.Equal("active", (await fixture.Setup.BookingAsync(id, token))["status"]!.GetValue<string>());
        await page.GetByLabel("Reason (optional)").FillAsync("Ill, sorry");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel the meeting" }).ClickAsync();

        await Assertions.Expect(page.Locator("#message")).ToHaveTextAsync("Your meeting was cancelled.");
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("This booking is cancelled.");
        var booking = await fixture.Setup.BookingAsync(id, token);
        Assert.Equal("cancelled", booking["status"]!.GetValue<string>());
        Assert.Equal("Ill, sorry", booking["cancel_reason"]!.GetValue<string>());
        Assert.Equal("invitee", booking["cancelled_by"]!.GetValue<string>());
        Assert.Contains("2027-03-03T08:00:00Z", await fixture.Setup.FreeStartsAsync(owner, "2027-03-03"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Manage_page_with_a_wrong_or_missing_token_shows_nothing_of_the_booking()
    {
        var owner = await fixture.Setup.OwnerAsync();
        var (id, token) = await fixture.Setup.BookAsync(owner, "2027-03-03T08:00:00Z", name: "Secret Person");
        var page = await fixture.NewPageAsync();

        foreach (var address in new[] { $"/booking/{id}", $"/booking/{id}?token=bkt_wrong", $"/booking/{id}/confirmed?token={token}x" })
        {
            var response = await page.GotoAsync(address);
            Assert.Equal(404, response!.Status);
            Assert.DoesNotContain("Secret Person", await page.ContentAsync());
        }

        await page.Context.CloseAsync();
    }
}
