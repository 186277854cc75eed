using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Console;

/// <summary>The owner sees who comes to a class: the seat count on each seat's booking, and the class's attendee list.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleSeatsTests(ConsoleFixture console)
{
    [Fact]
    public async Task A_seat_says_how_full_its_class_is_and_leads_to_the_list_of_attendees()
    {
        var owner = await console.BookableOwnerAsync();
        using var client = console.Client(owner.Key);
        Assert.Equal(201, (int)(await client.PostAsJsonAsync($"/v1/owners/{owner.Id}/meeting-types", new { slug = "class", title = "Pottery class", duration_minutes = 60, seats = 4 })).StatusCode);
        using var anonymous = console.Client();
        foreach (var name in new[] { "Ben Invitee", "Cy Invitee" })
        {
            Assert.Equal(201, (int)(await anonymous.PostAsJsonAsync($"/v1/owners/{owner.Id}/meeting-types/class/bookings",
                new { start = $"{ConsoleFixture.Tuesday}T10:00:00Z", invitee = new { name, email = "guest@example.com" } })).StatusCode);
        }

        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console/bookings");
        await Assertions.Expect(page.Locator(".class-seats a")).ToHaveTextAsync(["2 of 4 seats taken", "2 of 4 seats taken"]);

        await page.Locator(".class-seats a").First.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Pottery class");
        await Assertions.Expect(page.Locator("table.attendees .invitee-name")).ToHaveTextAsync(["Ben Invitee", "Cy Invitee"]);
        await Assertions.Expect(page.Locator(".lead")).ToContainTextAsync("2 of 4 seats taken");
        var violations = await Support.Accessibility.SeriousViolationsAsync(page, "a class's attendees");
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, "console-seats-desktop.png"));

        var other = await console.BookableOwnerAsync();
        var seatSlot = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        var stranger = await console.SignedInAsync(other);
        Assert.Equal(404, (await stranger.GotoAsync($"/console/seats/{seatSlot}"))!.Status);
        await stranger.Context.CloseAsync();
        await page.Context.CloseAsync();
    }
}
