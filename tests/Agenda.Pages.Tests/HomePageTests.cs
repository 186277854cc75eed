using Agenda.Pages.Tests.Support;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests;

/// <summary>A first visit: <c>/</c> in a browser says what the service is and leads into the console, in the visitor's language.</summary>
public sealed class HomePageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_root_says_what_the_service_is_and_leads_to_the_console_sign_in()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Let people book time with you");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "API reference" })).ToHaveAttributeAsync("href", "/scalar/v1");
        Assert.Empty(await Accessibility.SeriousViolationsAsync(page, "/"));
        await BrowserFixture.ScreenshotAsync(page, "home-desktop");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in to your console" }).ClickAsync();

        await Navigation.ExpectAsync(page, $"{fixture.Address}/console/sign-in");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_root_fits_a_phone_and_speaks_german_to_a_german_browser()
    {
        var page = await fixture.NewPageAsync(locale: "de-DE", width: 360, height: 740);

        await page.GotoAsync("/");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Lassen Sie andere Termine bei Ihnen buchen");
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"/ is {widths[0]} px wide on a {widths[1]} px screen.");
        await BrowserFixture.ScreenshotAsync(page, "home-360-de");
        await page.Context.CloseAsync();
    }
}
