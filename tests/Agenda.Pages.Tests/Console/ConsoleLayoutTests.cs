using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Console;

/// <summary>Every console page, for people using a screen reader and on a phone: axe finds nothing serious, and 360 px need no sideways scrolling.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleLayoutTests(ConsoleFixture console)
{
    public static TheoryData<string> Pages => new()
    {
        "/console/sign-in", "/console", "/console/bookings", "/console/hours", "/console/overrides",
        "/console/meeting-types", "/console/meeting-types/intro", "/console/keys", "/console/notifications", ShowcaseWebhook, "/console/calendars", "/console/calendars/{calendar}",
        "/console/setup", "/console/security",
    };

    /// <summary>Stands for the address of the showcase owner's webhook endpoint, whose id is known only once it is made.</summary>
    private const string ShowcaseWebhook = "/console/notifications/webhooks/{showcase}";

    /// <summary>
    /// One load per page serves both checks: axe at a desktop width, then the same page at 360 px (the viewport
    /// narrowed, which lays it out again), each with its screenshot.
    /// </summary>
    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_console_page_has_no_serious_accessibility_violation_and_fits_a_360_px_screen(string path)
    {
        var page = await OwnerWithDataAsync(width: 1280);

        await page.GotoAsync(Resolved(path));
        var results = await page.RunAxe();

        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}");
        Assert.Empty(serious);
        await Support.Screenshots.SaveAsync(page, Shot(path, "desktop"));

        await page.SetViewportSizeAsync(360, 800);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scroll, client) = (widths[0], widths[1]);
        Assert.True(scroll <= client, $"{path} is {scroll} px wide on a {client} px screen.");
        await Support.Screenshots.SaveAsync(page, Shot(path, "360"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_new_owner_is_told_what_is_missing_and_on_a_phone_the_sections_are_one_menu_row()
    {
        var owner = await console.NewOwnerAsync();
        var page = await console.SignedInAsync(owner, width: 360);

        await Assertions.Expect(page.Locator("#missing-hours")).ToContainTextAsync("You have no weekly hours yet");
        await Assertions.Expect(page.Locator("#missing-types")).ToBeVisibleAsync();
        // On a phone the eleven sections wait behind one row that names the current one.
        var menu = page.Locator(".console-menu > summary");
        await Assertions.Expect(menu).ToHaveTextAsync("Menu Overview");
        Assert.True((await menu.BoundingBoxAsync())!.Height < 60);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "API keys" })).ToBeHiddenAsync();
        await menu.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Date overrides" }).ClickAsync();
        await Support.Navigation.ExpectAsync(page, $"{console.BaseUrl}/console/overrides");
        await Assertions.Expect(menu).ToHaveTextAsync("Menu Date overrides");

        // The warning's link leads to the hours; once saved, the overview stops asking for them.
        await page.GotoAsync("/console");
        await page.GetByRole(AriaRole.Link, new() { Name = "Set your weekly hours" }).ClickAsync();
        await Support.Navigation.ExpectAsync(page, $"{console.BaseUrl}/console/hours");
        await page.Locator("#wednesday-on").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Saved.");
        await page.GotoAsync("/console");
        await Assertions.Expect(page.Locator("#missing-hours")).ToHaveCountAsync(0);

        // On a wide screen the same sections are a sidebar, shown at once.
        await page.SetViewportSizeAsync(1280, 800);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "API keys" })).ToBeVisibleAsync();
        await Assertions.Expect(menu).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_sign_in_form_works_from_the_keyboard_alone()
    {
        var owner = await console.NewOwnerAsync();
        var page = await console.NewPageAsync();
        await page.GotoAsync("/console/sign-in");

        for (var presses = 0; presses < 10 && !await page.Locator("#api-key").EvaluateAsync<bool>("e => e === document.activeElement"); presses++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await page.Keyboard.TypeAsync(owner.Key);
        await page.Keyboard.PressAsync("Enter");

        await Support.Navigation.ExpectAsync(page, $"{console.BaseUrl}/console");
        await page.Context.CloseAsync();
    }

    private string Resolved(string path) =>
        path.Replace("{showcase}", console.ShowcaseWebhookId, StringComparison.Ordinal).Replace("{calendar}", console.ShowcaseCalendarId, StringComparison.Ordinal);

    /// <summary>A new browser context with the session of <see cref="ConsoleFixture.ShowcaseStateAsync"/>.</summary>
    private async Task<IPage> OwnerWithDataAsync(int width)
    {
        var state = await console.ShowcaseStateAsync();
        var context = await console.Browser.NewContextAsync(new()
        {
            BaseURL = console.BaseUrl,
            StorageState = state,
            ViewportSize = new() { Width = width, Height = 800 },
            Locale = "en-GB",
        });
        return await context.NewPageAsync();
    }

    private static string Shot(string path, string size) =>
        Path.Combine(ConsoleFixture.Screenshots, $"{path.Trim('/').Replace('/', '-')}-{size}.png");
}
