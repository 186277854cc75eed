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
        await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, "console-limits.png"));
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the limits page scrolls sideways at 390 px");
        await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, "console-limits-phone.png"));
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
        await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, "console-explain-limit.png"));
        // The next week is open again.
        await page.Locator("#explain-date").FillAsync("2024-12-06");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Assertions.Expect(page.Locator("#offered")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_owner_with_two_schedules_and_a_types_weekly_cap_reached_sees_why_friday_evening_offers_nothing()
    {
        var owner = await console.BookableOwnerAsync();
        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console/hours");

        // A second schedule, made in the console: Tuesday and Friday evenings.
        await page.GetByRole(AriaRole.Link, new() { Name = "+ New schedule" }).ClickAsync();
        await page.Locator("#schedule-name").FillAsync("Evenings for clients");
        foreach (var day in new[] { "tuesday", "friday" })
        {
            await page.Locator($"#{day}-on").CheckAsync();
            await page.Locator($"#{day}-1-start").SelectOptionAsync("18:00");
            await page.Locator($"#{day}-1-end").SelectOptionAsync("20:00");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Schedule saved.");
        await Assertions.Expect(page.Locator(".tabs a[aria-current=page]")).ToHaveTextAsync("Evenings for clients");
        var violations = await Accessibility.SeriousViolationsAsync(page, "a named schedule's hours");
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, "console-schedule.png"));

        // A client call, at most two a week, offered on the evenings: chosen on its form.
        var typed = await console.Admin.PostAsJsonAsync($"/v1/owners/{owner.Id}/meeting-types", new { slug = "client", title = "Client call", duration_minutes = 60, limits = new { per_week = 2 } });
        Assert.True(typed.IsSuccessStatusCode, await typed.Content.ReadAsStringAsync());
        await page.GotoAsync("/console/meeting-types/client");
        await page.Locator("#mt-schedule").SelectOptionAsync(new SelectOptionValue { Label = "Evenings for clients" });
        await page.Locator("form:has(#mt-schedule) button.primary").First.ClickAsync();
        await Assertions.Expect(page.Locator("#mt-schedule")).ToHaveValueAsync("evenings-for-clients");

        // Tuesday evening fills the week's two.
        using var anonymous = console.Client();
        foreach (var start in new[] { "2024-11-26T18:00:00Z", "2024-11-26T19:00:00Z" })
        {
            var booked = await anonymous.PostAsJsonAsync($"/v1/owners/{owner.Id}/meeting-types/client/bookings", new { start, invitee = new { name = "Ben Client", email = "ben@example.com" } });
            Assert.True(booked.IsSuccessStatusCode, await booked.Content.ReadAsStringAsync());
        }

        await page.GotoAsync("/console/availability?type=client");
        await Assertions.Expect(page.Locator("#day-2024-11-29 .hours")).ToHaveTextAsync("18:00–20:00");
        await Assertions.Expect(page.Locator("#day-2024-11-29 .offered li")).ToHaveCountAsync(0);
        await page.Locator("#day-2024-11-29 a.why").ClickAsync();
        await page.Locator("#explain-time").FillAsync("18:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reasons li")).ToHaveTextAsync(
            ["This type's limit of 2 bookings per week is reached: 2 from 2024-11-25 to 2024-12-01."]);

        // A morning that day: outside the evenings, which the answer names, and the limit too.
        await page.Locator("#explain-time").FillAsync("10:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Assertions.Expect(page.Locator("#reasons li")).ToHaveTextAsync(
        [
            "Outside the hours of that day (18:00–20:00). These are the hours of the schedule “Evenings for clients”.",
            "This type's limit of 2 bookings per week is reached: 2 from 2024-11-25 to 2024-12-01.",
        ]);
        await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, "console-explain-schedule.png"));

        // The intro call keeps the default hours (Tuesday mornings), and the schedule in use is not deleted.
        await page.GotoAsync("/console/availability?type=intro");
        await Assertions.Expect(page.Locator("#day-2024-11-26 .hours")).ToHaveTextAsync("09:00–12:00");
        await page.GotoAsync("/console/hours?schedule=evenings-for-clients");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete this schedule" }).ClickAsync();
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("is used by these meeting types: client");
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the schedule editor scrolls sideways at 390 px");
        await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, "console-schedule-phone.png"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_schedule_kept_in_new_york_with_a_trip_to_tokyo_and_a_day_off_and_the_owners_own_trip_are_set_in_the_console()
    {
        var owner = await console.BookableOwnerAsync();
        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console/hours");
        await page.GetByRole(AriaRole.Link, new() { Name = "+ New schedule" }).ClickAsync();

        // Tuesday and Thursday mornings in New York, but on 28 and 29 November the owner is in Tokyo.
        await page.Locator("#schedule-name").FillAsync("Abroad");
        await page.Locator("#schedule-zone").SelectOptionAsync("America/New_York");
        foreach (var day in new[] { "tuesday", "thursday" })
        {
            await page.Locator($"#{day}-on").CheckAsync();
            await page.Locator($"#{day}-1-start").SelectOptionAsync("09:00");
            await page.Locator($"#{day}-1-end").SelectOptionAsync("11:00");
        }

        await page.Locator("#travel-0-from").FillAsync("2024-11-28");
        await page.Locator("#travel-0-to").FillAsync("2024-11-29");
        await page.Locator("#travel-0-zone").SelectOptionAsync("Asia/Tokyo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Schedule saved.");
        await Assertions.Expect(page.Locator("#schedule-zone")).ToHaveValueAsync("America/New_York");
        await Assertions.Expect(page.Locator("#travel-0-zone")).ToHaveValueAsync("Asia/Tokyo");

        // A second trip that ends before it starts is refused beside its last day, and nothing changes.
        await page.Locator("#travel-1-from").FillAsync("2024-12-10");
        await page.Locator("#travel-1-to").FillAsync("2024-12-05");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#travel-1-to-error")).ToContainTextAsync("Trip 2 ends before it starts");
        var violations = await Accessibility.SeriousViolationsAsync(page, "a schedule with its zone and a trip");
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, "console-schedule-travel.png"));
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), "the schedule editor with trips scrolls sideways at 390 px");
        await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, "console-schedule-travel-phone.png"));
        await page.SetViewportSizeAsync(1280, 900);

        // The schedule's own date overrides: Tuesday 3 December off.
        await page.GotoAsync("/console/hours?schedule=abroad");
        await page.GetByRole(AriaRole.Link, new() { Name = "Date overrides of this schedule" }).ClickAsync();
        await Assertions.Expect(page.Locator("#schedule-overrides")).ToContainTextAsync("“Abroad”, in its zone (America/New_York)");
        await page.Locator("#override-from").FillAsync("2024-12-03");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the override" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("The override is saved.");
        await Assertions.Expect(page.Locator(".override-list li")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#schedule-overrides")).ToBeVisibleAsync();

        // Offered in Berlin's time: New York's 09:00 is 15:00; in Tokyo, 09:00 is 01:00; 3 December is off.
        var typed = await console.Admin.PostAsJsonAsync($"/v1/owners/{owner.Id}/meeting-types", new { slug = "far", title = "Far call", duration_minutes = 60, schedule = "abroad" });
        Assert.True(typed.IsSuccessStatusCode, await typed.Content.ReadAsStringAsync());
        using var anonymous = console.Client();
        var search = await anonymous.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/v1/owners/{owner.Id}/meeting-types/far/slots?from=2024-11-25&to=2024-12-08&time_zone=Europe/Berlin");
        Assert.Equal(
            [
                "2024-11-26T15:00:00+01:00", "2024-11-26T16:00:00+01:00", "2024-11-28T01:00:00+01:00", "2024-11-28T02:00:00+01:00",
                "2024-12-05T15:00:00+01:00", "2024-12-05T16:00:00+01:00",
            ],
            search!["slots"]!.AsArray().Select(s => s!["start"]!.GetValue<string>()));

        // Removing the day off offers 3 December again.
        await page.Locator(".override-list details summary").ClickAsync();
        await page.Locator(".override-list button.danger").ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToContainTextAsync("The override is removed");
        await Assertions.Expect(page.Locator(".override-list li")).ToHaveCountAsync(0);
        var again = await anonymous.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/v1/owners/{owner.Id}/meeting-types/far/slots?from=2024-12-03&to=2024-12-03&time_zone=Europe/Berlin");
        Assert.Equal(2, again!["slots"]!.AsArray().Count);

        // The default hours travel too. Two trips sharing a date are refused, and the hours changed with them stay as they were.
        await page.GotoAsync("/console/hours");
        await page.Locator("#travel-0-from").FillAsync("2024-12-10");
        await page.Locator("#travel-0-to").FillAsync("2024-12-12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToBeVisibleAsync();
        await page.Locator("#tuesday-on").UncheckAsync();
        await page.Locator("#travel-1-from").FillAsync("2024-12-12");
        await page.Locator("#travel-1-to").FillAsync("2024-12-13");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#travel-1-from-error")).ToContainTextAsync("shares dates with the one from 2024-12-10 to 2024-12-12");
        var weekly = await console.Admin.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/v1/owners/{owner.Id}/weekly-hours");
        Assert.NotEmpty(weekly!["tuesday"]!.AsArray());

        // A trip set on the default tab is the owner's.
        await page.GotoAsync("/console/hours");
        await page.Locator("#travel-0-from").FillAsync("2024-12-10");
        await page.Locator("#travel-0-to").FillAsync("2024-12-12");
        await page.Locator("#travel-0-zone").SelectOptionAsync("Asia/Tokyo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#travel-0-zone")).ToHaveValueAsync("Asia/Tokyo");
        var trips = await console.Admin.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/v1/owners/{owner.Id}/travel");
        Assert.Equal(("2024-12-10", "2024-12-12", "Asia/Tokyo"), (trips!["travel"]![0]!["from"]!.GetValue<string>(), trips["travel"]![0]!["to"]!.GetValue<string>(), trips["travel"]![0]!["time_zone"]!.GetValue<string>()));
        await page.Context.CloseAsync();
    }
}
