using System.Net.Http.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Console;

/// <summary>
/// The console's bookings filtered by invitee and exported as CSV, as the API's list and export do; a private note
/// written on a booking; and an invitee who has not come to a meeting that has begun marked as a no-show.
/// </summary>
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

    [Fact]
    public async Task An_owner_writes_a_private_note_and_marks_a_late_invitee_as_a_no_show_once_the_meeting_has_begun()
    {
        // "Now" is Monday 08:00 UTC: a meeting at 08:00 has begun, one at 09:00 has not.
        var owner = await console.NewOwnerAsync();
        using var api = console.Client(owner.Key);
        await api.PutAsJsonAsync($"/v1/owners/{owner.Id}/weekly-hours", new { monday = new[] { new { start = "08:00", end = "10:00" } } });
        (await api.PostAsJsonAsync($"/v1/owners/{owner.Id}/meeting-types", new { slug = "intro", title = "Intro call", duration_minutes = 30 })).EnsureSuccessStatusCode();
        var late = await console.BookAsync(owner, "2024-11-25T08:00:00Z", invitee: "Lena Late");
        await console.BookAsync(owner, "2024-11-25T09:00:00Z", invitee: "Otto Ontime");
        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console/bookings");

        var lena = page.Locator("li.booking", new() { HasText = "Lena Late" });
        var otto = page.Locator("li.booking", new() { HasText = "Otto Ontime" });
        await Assertions.Expect(otto.GetByRole(AriaRole.Button, new() { Name = "Mark as no-show" })).ToHaveCountAsync(0);
        await lena.GetByRole(AriaRole.Button, new() { Name = "Mark as no-show" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Marked as a no-show.");
        await Assertions.Expect(page.Locator("li.booking", new() { HasText = "Lena Late" }).Locator(".no-show")).ToHaveTextAsync("Marked as a no-show.");
        var listed = (await console.GetAsync($"/v1/owners/{owner.Id}/bookings"))["bookings"]!.AsArray();
        Assert.Equal("2024-11-25T08:00:00Z", listed.Single(b => b!["id"]!.GetValue<string>() == late)!["no_show_at"]!.GetValue<string>());

        // A private note: written in the card, kept with its line break, shown to the owner, on the booking in the API.
        await otto.GetByText("Add a private note…").ClickAsync();
        await otto.GetByLabel("Private note").FillAsync("Wants the enterprise plan.\nCall back on Friday.");
        await otto.GetByRole(AriaRole.Button, new() { Name = "Save note" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("Private note saved.");
        await Assertions.Expect(page.Locator("li.booking", new() { HasText = "Otto Ontime" }).Locator("dd.private-note")).ToHaveTextAsync("Wants the enterprise plan.\nCall back on Friday.");
        listed = (await console.GetAsync($"/v1/owners/{owner.Id}/bookings"))["bookings"]!.AsArray();
        Assert.Equal("Wants the enterprise plan.\nCall back on Friday.", listed.Single(b => b!["invitee"]!["name"]!.GetValue<string>() == "Otto Ontime")!["private_note"]!.GetValue<string>());

        await page.SetViewportSizeAsync(390, 800);
        var violations = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "The bookings page scrolls sideways at 390 px");
        await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, "console-bookings-notes-390.png"));
        await page.SetViewportSizeAsync(1280, 900);
        await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, "console-bookings-notes-1280.png"));
        await page.Context.CloseAsync();
    }
}
