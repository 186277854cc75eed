using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Console;

/// <summary>A weekly series in the console: offered from the meeting type's form, shown on its bookings, cancelled from a meeting on.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleSeriesTests(ConsoleFixture console)
{
    [Fact]
    public async Task The_owner_offers_series_sees_each_meeting_s_place_and_cancels_the_rest_of_a_series()
    {
        var owner = await console.BookableOwnerAsync();
        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console/meeting-types/intro");
        await page.Locator("#mt-offersseries").CheckAsync();
        await page.Locator("#mt-seriesmaxcount").FillAsync("60");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("#mt-seriesmaxcount-error")).ToBeVisibleAsync();
        await page.Locator("#mt-seriesmaxcount").FillAsync("6");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Saved.");
        Assert.Equal(6, (await console.GetAsync($"/v1/owners/{owner.Id}/meeting-types/intro"))["recurrence"]!["max_count"]!.GetValue<int>());

        using var anonymous = console.Client();
        var booked = await anonymous.PostAsJsonAsync($"/v1/owners/{owner.Id}/meeting-types/intro/bookings",
            new { start = $"{ConsoleFixture.Tuesday}T09:00:00Z", invitee = new { name = "Ben Weekly", email = "ben@example.com" }, recurrence = new { count = 4 } });
        Assert.Equal(System.Net.HttpStatusCode.Created, booked.StatusCode);

        await page.GotoAsync("/console/bookings");
        var cards = page.Locator("li.booking");
        await Assertions.Expect(cards.Locator(".series-place")).ToHaveTextAsync(["Meeting 1 of a weekly series", "Meeting 2 of a weekly series", "Meeting 3 of a weekly series", "Meeting 4 of a weekly series"]);
        var second = cards.Nth(1);
        await second.GetByText("Cancel…").ClickAsync();
        await second.GetByLabel("Also cancel the later meetings of this series").CheckAsync();
        await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, "console-series-cancel.png"));
        await second.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel the booking" }).ClickAsync();

        await Assertions.Expect(page.Locator(".notice")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("li.booking .series-place")).ToHaveTextAsync(["Meeting 1 of a weekly series"]);
        var cancelled = await console.GetAsync($"/v1/owners/{owner.Id}/bookings?status=cancelled");
        Assert.Equal(3, cancelled["bookings"]!.AsArray().Count);
        await page.Context.CloseAsync();
    }
}
