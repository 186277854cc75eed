using System.Net.Http.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Console;

/// <summary>In Open mode there are no keys: the sign-in page names an owner by id, under a warning.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class OpenModeConsoleTests(ConsoleFixture console, OpenModeHost open) : IClassFixture<OpenModeHost>
{
    [Fact]
    public async Task In_open_mode_an_owner_signs_in_by_id_under_a_warning()
    {
        using var anyone = new HttpClient { BaseAddress = new Uri(open.BaseUrl) };
        var id = $"open-{Guid.NewGuid():N}"[..16];
        Assert.Equal(201, (int)(await anyone.PostAsJsonAsync("/v1/owners", new { id, name = "Olga Open" })).StatusCode);
        var page = await PageAsync();
        await page.GotoAsync("/console/sign-in");

        await Assertions.Expect(page.Locator(".warning")).ToContainTextAsync("Open mode");
        await Assertions.Expect(page.Locator("#api-key")).ToHaveCountAsync(0);
        await page.Locator("#owner-id").FillAsync(id);
        await page.Locator("#owner-form button[type=submit]").ClickAsync();

        await Support.Navigation.ExpectAsync(page, $"{open.BaseUrl}/console");
        await Assertions.Expect(page.Locator(".console-who")).ToHaveTextAsync("Signed in as Olga Open");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task In_open_mode_an_unknown_owner_id_cannot_sign_in()
    {
        var page = await PageAsync();
        await page.GotoAsync("/console/sign-in");

        await page.Locator("#owner-id").FillAsync("nobody-here");
        await page.Locator("#owner-form button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator("#sign-in-error")).ToContainTextAsync("no owner");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_session_unused_for_longer_than_its_lifetime_ends()
    {
        var page = await SignedInAsync();

        open.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));
        await page.GotoAsync("/console");

        Assert.StartsWith($"{open.BaseUrl}/console/sign-in", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_session_in_use_slides_past_its_first_lifetime()
    {
        var page = await SignedInAsync();

        open.Clock.Advance(TimeSpan.FromHours(5));
        await page.GotoAsync("/console/keys");
        open.Clock.Advance(TimeSpan.FromHours(5));
        await page.GotoAsync("/console");

        Assert.Equal($"{open.BaseUrl}/console", page.Url);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_booking_whose_time_has_passed_is_listed_under_past_not_upcoming()
    {
        using var anyone = new HttpClient { BaseAddress = new Uri(open.BaseUrl) };
        var id = await NewOwnerAsync(anyone);
        var allDay = new[] { new { start = "00:00", end = "24:00" } };
        await anyone.PutAsJsonAsync($"/v1/owners/{id}/weekly-hours", new { monday = allDay, tuesday = allDay, wednesday = allDay, thursday = allDay, friday = allDay, saturday = allDay, sunday = allDay });
        await anyone.PostAsJsonAsync($"/v1/owners/{id}/meeting-types", new { slug = "intro", title = "Intro", duration_minutes = 30 });
        var tomorrow = open.Clock.GetUtcNow().AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var slots = await anyone.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>($"/v1/owners/{id}/meeting-types/intro/slots?from={tomorrow}&to={tomorrow}");
        var start = slots!["slots"]![0]!["start_utc"]!.GetValue<string>();
        Assert.Equal(201, (int)(await anyone.PostAsJsonAsync($"/v1/owners/{id}/meeting-types/intro/bookings", new { start, invitee = new { name = "Paula Past" } })).StatusCode);
        open.Clock.Advance(TimeSpan.FromDays(3));

        var page = await SignedInAsync(id);
        await page.GotoAsync("/console/bookings?status=upcoming");
        await Assertions.Expect(page.Locator(".invitee-name")).ToHaveCountAsync(0);
        await page.GotoAsync("/console/bookings?status=past");

        await Assertions.Expect(page.Locator(".invitee-name")).ToHaveTextAsync("Paula Past");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel booking with Paula Past" })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task In_open_mode_a_new_owner_is_created_from_the_browser_and_signed_in()
    {
        var id = $"new-{Guid.NewGuid():N}"[..16];
        var page = await PageAsync();
        await page.GotoAsync("/console/sign-in");

        await page.GetByRole(AriaRole.Link, new() { Name = "No owner yet? Create one" }).ClickAsync();
        Assert.Empty((await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}"));
        await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, "console-new-owner-desktop.png"));
        await page.Locator("#new-id").FillAsync(id);
        await page.Locator("#new-name").FillAsync("Nora New");
        await page.Locator("#new-zone").FillAsync("Europe/Berlin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create and sign in" }).ClickAsync();

        await Support.Navigation.ExpectAsync(page, $"{open.BaseUrl}/console?notice=OwnerCreated");
        await Assertions.Expect(page.Locator(".console-who")).ToHaveTextAsync("Signed in as Nora New");
        using var anyone = new HttpClient { BaseAddress = new Uri(open.BaseUrl) };
        var owner = await anyone.GetFromJsonAsync<System.Text.Json.Nodes.JsonNode>($"/v1/owners/{id}");
        Assert.Equal("Europe/Berlin", owner!["time_zone"]!.GetValue<string>());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task In_open_mode_a_taken_id_or_an_unknown_zone_creates_nothing_and_says_why()
    {
        using var anyone = new HttpClient { BaseAddress = new Uri(open.BaseUrl) };
        var taken = await NewOwnerAsync(anyone);
        var fresh = $"new-{Guid.NewGuid():N}"[..16];
        var page = await PageAsync();

        await page.GotoAsync("/console/new-owner");
        await page.Locator("#new-id").FillAsync(taken);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create and sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#create-errors")).ToContainTextAsync("exists already");
        await page.Locator("#new-id").FillAsync(fresh);
        await page.Locator("#new-zone").FillAsync("Mars/Olympus");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create and sign in" }).ClickAsync();

        await Assertions.Expect(page.Locator("#create-errors")).ToContainTextAsync("time_zone");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await anyone.GetAsync($"/v1/owners/{fresh}")).StatusCode);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task With_keys_there_is_no_page_that_creates_owners()
    {
        using var http = new HttpClient { BaseAddress = new Uri(console.BaseUrl) };

        using var answer = await http.GetAsync("/console/new-owner");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, answer.StatusCode);
    }

    private static async Task<string> NewOwnerAsync(HttpClient anyone)
    {
        var id = $"open-{Guid.NewGuid():N}"[..16];
        Assert.Equal(201, (int)(await anyone.PostAsJsonAsync("/v1/owners", new { id })).StatusCode);
        return id;
    }

    private async Task<IPage> SignedInAsync(string? id = null)
    {
        using var anyone = new HttpClient { BaseAddress = new Uri(open.BaseUrl) };
        id ??= await NewOwnerAsync(anyone);
        var page = await PageAsync();
        await page.GotoAsync("/console/sign-in");
        await page.Locator("#owner-id").FillAsync(id);
        await page.Locator("#owner-form button[type=submit]").ClickAsync();
        await Support.Navigation.ExpectAsync(page, $"{open.BaseUrl}/console");
        return page;
    }

    private async Task<IPage> PageAsync()
    {
        var context = await console.Browser.NewContextAsync(new() { BaseURL = open.BaseUrl, Locale = "en-GB" });
        return await context.NewPageAsync();
    }
}
