using System.Net.Http.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Console;

/// <summary>The console's activity page: the owner's changes made here and with their key, newest first, with who, what, the result and the address.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleActivityTests(ConsoleFixture console)
{
    [Fact]
    public async Task An_owner_sees_a_cancel_made_in_the_console_and_a_change_made_with_a_key_in_the_activity()
    {
        var owner = await console.BookableOwnerAsync();
        await console.BookAsync(owner, "2024-11-26T09:00:00Z", invitee: "Carla Cancelled");
        using (var api = console.Client(owner.Key))
        {
            (await api.PutAsJsonAsync($"/v1/owners/{owner.Id}/weekly-hours", new { tuesday = new[] { new { start = "09:00", end = "13:00" } } })).EnsureSuccessStatusCode();
        }

        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console/bookings");
        var card = page.Locator("li.booking", new() { HasText = "Carla Cancelled" });
        await card.GetByText("Cancel…").ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel the booking" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Activity" }).ClickAsync();
        var rows = page.Locator("#activity tbody tr");
        await Assertions.Expect(rows.First).ToContainTextAsync("POST /console/bookings (Cancel)");
        await Assertions.Expect(rows.First).ToContainTextAsync("You");
        await Assertions.Expect(rows.First).ToContainTextAsync("Done");
        await Assertions.Expect(page.Locator("#activity")).ToContainTextAsync("PUT /v1/owners/{ownerId}/weekly-hours");

        // Everything held about the owner, to take away.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download all my data (JSON)" }).ClickAsync());
        Assert.Equal("my-data.json", download.SuggestedFilename);
        var data = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync((await download.PathAsync())!))!;
        Assert.Equal(owner.Id, data["owner_id"]!.GetValue<string>());
        Assert.Equal("Carla Cancelled", data["tables"]!["bookings"]![0]!["invitee"]!.GetValue<string>());

        await page.SetViewportSizeAsync(390, 800);
        var violations = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, "console-activity-390.png"));
        await page.SetViewportSizeAsync(1280, 900);
        await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, "console-activity-1280.png"));
        await page.Context.CloseAsync();
    }
}
