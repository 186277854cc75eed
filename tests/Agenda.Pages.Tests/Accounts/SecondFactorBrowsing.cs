using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Accounts;

/// <summary>Steps the passkey and two-factor tests share: an account made and signed in, signing out, screenshots at two widths.</summary>
internal static class SecondFactorBrowsing
{
    public const string Password = "correct horse battery staple";

    /// <summary>Makes an account on a host without mail (it signs in at once) and waits until it has.</summary>
    public static async Task SignedUpAsync(IPage page, string email)
    {
        await AccountsFixture.SignUpAsync(page, email, Password);
        await Support.Navigation.ExpectAsync(page, url => !url.Contains("/sign-up", StringComparison.Ordinal), "an address off /sign-up");
    }

    public static async Task SignOutAsync(IPage page)
    {
        await page.GotoAsync("/console/security");
        await page.Locator(".console-signout button").ClickAsync();
        await Support.Navigation.ExpectAsync(page, "**/console/sign-in");
    }

    /// <summary>
    /// Saves the page at 1280 and at 390 pixels wide (a phone) into <see cref="AccountsFixture.Screenshots"/>, and leaves
    /// it at 1280; at 390 it must not scroll sideways and, when <paramref name="axe"/>, axe finds nothing serious.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name, bool axe = false)
    {
        foreach (var width in new[] { 390, 1280 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await Support.Screenshots.SaveAsync(page, Path.Combine(AccountsFixture.Screenshots, $"{name}-{width}.png"));
            if (width == 390)
            {
                Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 390"), $"{name} scrolls sideways at 390 px");
                if (axe)
                {
                    Assert.Empty(await Support.Accessibility.SeriousViolationsAsync(page, name));
                }
            }
        }
    }
}
