using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Console;

/// <summary>
/// Workflows in the console: made from the form's starting texts, a template with a typo refused beside its field with
/// its line, previewed with a made-up booking, and each run of a booking shown in the workflow's log; checked through
/// the /v1 API.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleWorkflowsTests(ConsoleFixture console)
{
    [Fact]
    public async Task An_owner_makes_a_reminder_fixes_a_typo_the_page_points_at_previews_it_and_sees_its_run_for_a_booking()
    {
        var owner = await console.BookableOwnerAsync(name: "Ana Example");
        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console");
        await page.GetByRole(AriaRole.Link, new() { Name = "Workflows" }).ClickAsync();
        await Support.Navigation.ExpectAsync(page, $"{console.BaseUrl}/console/workflows");
        await Assertions.Expect(page.GetByLabel("Name", new() { Exact = true })).ToHaveValueAsync("Reminder a day before");

        await page.GetByLabel("Minutes before or after").FillAsync("120");
        await page.GetByLabel("Message").FillAsync("Hello {{ invitee.name }},\nsee you {{ bookng.start }}.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the workflow" }).ClickAsync();
        await Assertions.Expect(page.Locator("#wf-body")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#wf-body-error")).ToContainTextAsync("line 2: there is no field 'bookng.start'");
        Assert.Empty((await console.GetAsync($"/v1/owners/{owner.Id}/workflows"))["workflows"]!.AsArray());

        await page.GetByLabel("Message").FillAsync("Hello {{ invitee.name }},\nsee you {{ booking.start }}.\n{{ booking.manage_url }}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the workflow" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Saved.");
        var card = page.Locator("ul.workflows li");
        await Assertions.Expect(card).ToContainTextAsync("2 h before the meeting starts");
        await Assertions.Expect(card).ToContainTextAsync("E-mail the invitee");
        var saved = Assert.Single((await console.GetAsync($"/v1/owners/{owner.Id}/workflows"))["workflows"]!.AsArray())!;
        Assert.Equal(("before_start", 120, "email_invitee"), (saved["trigger"]!.GetValue<string>(), saved["offset_minutes"]!.GetValue<int>(), saved["action"]!.GetValue<string>()));

        // A booking on Tuesday at 10:00 UTC: its reminder is planned for 08:00 UTC, two hours before.
        var booking = await console.BookAsync(owner, "2024-11-26T10:00:00Z");
        await card.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Reminder a day before", Level = 1 })).ToBeVisibleAsync();
        var run = page.Locator("ul.workflow-runs li");
        for (var tries = 0; tries < 50 && await run.CountAsync() == 0; tries++)
        {
            // The outbox plans the run within a round of its dispatcher.
            await Task.Delay(100);
            await page.ReloadAsync();
        }

        await Assertions.Expect(run).ToContainTextAsync(booking);
        await Assertions.Expect(run.Locator(".run-status")).ToContainTextAsync("planned, next attempt");
        await Assertions.Expect(run.Locator(".run-status")).ToContainTextAsync("08:00");

        await page.GetByLabel("Subject").FillAsync("Soon: {{ booking.title }} <b>{{ invitee.name }}</b>");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(page.Locator("#preview-subject")).ToHaveTextAsync("Soon: Intro call <b>Jane Doe</b>");
        await Assertions.Expect(page.Locator("#preview-body")).ToContainTextAsync("Hello Jane Doe,");
        await Assertions.Expect(page.Locator("#preview-body a")).ToHaveAttributeAsync("href", "https://agenda.example.com/booking/bkg_sample?token=sample");
        // The preview saved nothing.
        Assert.StartsWith("Reminder: ", (await console.GetAsync($"/v1/owners/{owner.Id}/workflows/{saved["id"]}"))["subject"]!.GetValue<string>(), StringComparison.Ordinal);

        await page.SetViewportSizeAsync(390, 800);
        var violations = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.Empty(violations);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "The workflow page scrolls sideways at 390 px");
        await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, "console-workflow-390.png"));
        await page.SetViewportSizeAsync(1280, 900);
        await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, "console-workflow-1280.png"));
        await page.GotoAsync("/console/workflows");
        await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, "console-workflows-1280.png"));

        await page.GotoAsync($"/console/workflows/{saved["id"]}");
        await ConsoleForms.ConfirmAsync(page, "Delete", "Reminder a day before");
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Deleted.");
        Assert.Empty((await console.GetAsync($"/v1/owners/{owner.Id}/workflows"))["workflows"]!.AsArray());
        await page.Context.CloseAsync();
    }
}
