using System.Net.Http.Json;
using Agenda.Pages.Tests.Support;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Console;

/// <summary>
/// "Why is a time not offered?" in the console: a booked time names the booking, a time outside the hours names the day's
/// hours, a free time says it is offered; and the week as invitees see it, day by day.
/// </summary>
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
        await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, "console-explain.png"));

        await page.Locator("#explain-time").FillAsync("13:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reasons li")).ToHaveTextAsync(["Outside the hours of that day (09:00–12:00)."]);
        await Assertions.Expect(page.Locator("#reasons li")).ToHaveAttributeAsync("data-code", "outside_availability");

        await page.Locator("#explain-time").FillAsync("10:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Assertions.Expect(page.Locator("#offered")).ToHaveTextAsync("This time is offered: an invitee can book it now.");
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the page scrolls sideways at 390 px");
        await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, "console-explain-phone.png"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_week_shows_each_days_hours_what_fills_them_and_the_times_offered_and_leads_to_the_explanation()
    {
        var owner = await console.BookableOwnerAsync();
        await console.BookAsync(owner, $"{ConsoleFixture.Tuesday}T09:00:00Z", invitee: "Ben Booked");
        var overridden = await console.Admin.PutAsJsonAsync($"/v1/owners/{owner.Id}/date-overrides/2024-11-28", new { hours = new[] { new { start = "14:00", end = "15:00" } } });
        Assert.True(overridden.IsSuccessStatusCode, await overridden.Content.ReadAsStringAsync());
        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console");
        await page.GetByRole(AriaRole.Link, new() { Name = "Your week" }).ClickAsync();

        var tuesday = page.Locator("#day-2024-11-26");
        await Assertions.Expect(tuesday.Locator(".hours")).ToHaveTextAsync("09:00–12:00");
        await Assertions.Expect(tuesday.Locator(".block")).ToHaveTextAsync(["09:00–09:30 Booking (Intro call)"]);
        await Assertions.Expect(tuesday.Locator(".offered li")).ToHaveCountAsync(5);
        await Assertions.Expect(page.Locator("#day-2024-11-28 .hours")).ToContainTextAsync("14:00–15:00");
        await Assertions.Expect(page.Locator("#day-2024-11-28 .badge")).ToHaveTextAsync("date override");
        await Assertions.Expect(page.Locator("#day-2024-11-28 .offered li")).ToHaveTextAsync(["14:00", "14:30"]);
        await Assertions.Expect(page.Locator("#day-2024-11-25 .hours")).ToHaveTextAsync("No hours");
        var violations = await Accessibility.SeriousViolationsAsync(page, "the week as invitees see it");
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, "console-week.png"));
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the week scrolls sideways at 390 px");
        await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, "console-week-phone.png"));
        await page.SetViewportSizeAsync(1280, 900);

        await page.Locator("#week-after").ClickAsync();
        await Assertions.Expect(page.Locator("#day-2024-12-03")).ToBeVisibleAsync();
        await page.Locator("#week-before").ClickAsync();

        // The month, in brief: each date's hours, times offered and what is taken, linked to its week.
        await page.Locator("#show-month").ClickAsync();
        await Assertions.Expect(page.Locator("#month-span")).ToHaveTextAsync("November 2024");
        await Assertions.Expect(page.Locator("#date-2024-11-26")).ToContainTextAsync("Times offered: 5");
        await Assertions.Expect(page.Locator("#date-2024-11-26")).ToContainTextAsync("Taken: 1");
        await Assertions.Expect(page.Locator("#date-2024-11-19")).ToContainTextAsync("Times offered: 0");
        var monthViolations = await Accessibility.SeriousViolationsAsync(page, "the month as invitees see it");
        Assert.True(monthViolations.Count == 0, string.Join("\n", monthViolations));
        await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, "console-month.png"));
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the month scrolls sideways at 390 px");
        await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, "console-month-phone.png"));
        await page.SetViewportSizeAsync(1280, 900);
        // Dates the service does not schedule on are answered, never a server error.
        Assert.Equal(200, (await page.GotoAsync("/console/availability?week=9999-12-31"))!.Status);
        Assert.Equal(200, (await page.GotoAsync("/console/availability?month=9999-12"))!.Status);
        Assert.Equal(200, (await page.GotoAsync("/console/explain?type=intro&date=9999-12-31&time=10:00"))!.Status);
        await Assertions.Expect(page.Locator("#explain-date-error, .errors, [id$='-error']").First).ToBeVisibleAsync();
        await page.GotoAsync("/console/availability?month=2024-11");
        await page.Locator("#date-2024-11-26 a").ClickAsync();
        await tuesday.Locator("a.why").ClickAsync();
        await Assertions.Expect(page.Locator("#explain-date")).ToHaveValueAsync(ConsoleFixture.Tuesday);
        await page.Locator("#explain-time").FillAsync("09:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reasons li")).ToHaveTextAsync(["A booking from 2024-11-26 09:00 to 2024-11-26 09:30 is in the way."]);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_host_asks_about_a_team_type_and_reads_each_hosts_answer()
    {
        var ana = await console.BookableOwnerAsync();
        var ben = await console.BookableOwnerAsync(name: "Ben Beispiel");
        var team = $"t{Guid.NewGuid():N}"[..16];
        var created = await console.Admin.PostAsJsonAsync($"/v1/owners/{ana.Id}/teams", new { id = team, name = "Sales" });
        var code = System.Text.Json.Nodes.JsonNode.Parse(await created.Content.ReadAsStringAsync())!["join_code"]!.GetValue<string>();
        Assert.True((await console.Admin.PutAsJsonAsync($"/v1/teams/{team}/members/{ben.Id}", new { join_code = code })).IsSuccessStatusCode);
        var typed = await console.Admin.PostAsJsonAsync($"/v1/teams/{team}/meeting-types", new
        {
            slug = "demo",
            title = "Team demo",
            kind = "collective",
            duration_minutes = 30,
            hosts = new[] { new { owner_id = ana.Id }, new { owner_id = ben.Id } },
        });
        Assert.True(typed.IsSuccessStatusCode, await typed.Content.ReadAsStringAsync());
        await console.BookAsync(ben, $"{ConsoleFixture.Tuesday}T09:00:00Z", invitee: "Cy Booked");
        var page = await console.SignedInAsync(ana);

        await page.GotoAsync("/console/explain");
        await page.Locator("#explain-type").SelectOptionAsync($"team:{team}/demo");
        await page.Locator("#explain-date").FillAsync(ConsoleFixture.Tuesday);
        await page.Locator("#explain-time").FillAsync("09:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();

        await Assertions.Expect(page.Locator("#hosts > li > .card-title")).ToHaveTextAsync(["Ana Example: free", "Ben Beispiel: not free, because"]);
        await Assertions.Expect(page.Locator("#hosts .reasons li")).ToHaveTextAsync(["A booking from 2024-11-26 09:00 to 2024-11-26 09:30 is in the way."]);
        var violations = await Accessibility.SeriousViolationsAsync(page, "why a team's time is not offered");
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        await page.Context.CloseAsync();
    }
}
