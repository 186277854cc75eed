using System.Globalization;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Console;

/// <summary>The owner's branding, set in the console, as invitees then see it on the booking page.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleBrandingTests(ConsoleFixture console)
{
    /// <summary>A real 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    [Fact]
    public async Task A_colour_a_welcome_and_a_photo_set_in_the_console_brand_the_owners_booking_page()
    {
        var owner = await console.BookableOwnerAsync();
        var page = await console.SignedInAsync(owner);
        await page.GotoAsync("/console/branding");

        // A colour too light for white text is refused in words, with a darker shade of its hue one click away.
        await page.GetByLabel("Brand colour as #RRGGBB").FillAsync("#7aa7e8");
        await page.GetByLabel("Welcome text for invitees").FillAsync("Hello!\nPick any time that suits you.");
        await page.Locator("form[aria-labelledby=look-heading] button.primary").ClickAsync();
        await Assertions.Expect(page.Locator(".errors")).ToContainTextAsync("#7aa7e8 has a contrast of 2.46:1 against white");
        await Assertions.Expect(page.GetByLabel("Welcome text for invitees")).ToHaveValueAsync("Hello!\nPick any time that suits you.");
        var axe = await page.RunAxe();
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id} ({v.Impact}): {v.Help}"));
        await page.SetViewportSizeAsync(360, 800);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "The page needs sideways scrolling at 360 px.");
        await page.SetViewportSizeAsync(1280, 800);
        await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, "branding-refused.png"));
        await page.Locator("#use-suggestion").ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Branding saved.");
        var colour = (await console.GetAsync($"/v1/owners/{owner.Id}/branding"))["brand_color"]!.GetValue<string>();
        await Assertions.Expect(page.GetByLabel("Or pick the colour")).ToHaveValueAsync(colour);

        await page.Locator("#photo-file").SetInputFilesAsync(new FilePayload { Name = "ana.png", MimeType = "image/png", Buffer = Png });
        await Assertions.Expect(page.Locator("#photo-preview")).ToBeVisibleAsync();
        await page.Locator("form[aria-labelledby=photo-heading] button").ClickAsync();
        await Assertions.Expect(page.Locator(".notice")).ToHaveTextAsync("Photo saved.");
        await Assertions.Expect(page.Locator("#current-photo")).ToHaveAttributeAsync("src", $"/v1/owners/{owner.Id}/photo?v=1");

        await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, "branding-saved.png"));
        await page.GotoAsync($"/{owner.Id}");
        var avatar = page.Locator(".meeting-panel img.avatar");
        await Assertions.Expect(avatar).ToHaveAttributeAsync("src", $"/v1/owners/{owner.Id}/photo?v=1");
        Assert.True(await avatar.EvaluateAsync<bool>("img => img.complete && img.naturalWidth === 1"), "The photo did not load.");
        Assert.Equal("Hello!\nPick any time that suits you.", await page.Locator(".meeting-panel .welcome").TextContentAsync());
        // The brand colour replaces the pages' accent: the meeting types' edge is drawn in it.
        Assert.Equal(colour, await page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()"));
        Assert.Equal(Rgb(colour), await page.Locator(".types a").First.EvaluateAsync<string>("a => getComputedStyle(a).borderInlineStartColor"));
        await Support.Screenshots.SaveAsync(page, Path.Combine(ConsoleFixture.Screenshots, "branding-booking-page.png"));
        await page.Context.CloseAsync();
    }

    private static string Rgb(string hex)
    {
        int Channel(int at) => int.Parse(hex.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return $"rgb({Channel(1)}, {Channel(3)}, {Channel(5)})";
    }
}
