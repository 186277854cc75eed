using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Support;

/// <summary>
/// One headless chromium (Debian's, never a downloaded one) for the whole test run: every fixture opens its own
/// contexts in it, so cookies and storage never leak between tests, and the browser starts once instead of once per
/// test class. Playwright ends it when the test process exits.
/// </summary>
public static class SharedBrowser
{
    public const string Chromium = "/usr/lib/chromium/chromium";

    private static readonly Lazy<Task<IBrowser>> Browser = new(LaunchAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Task<IBrowser> GetAsync() => Browser.Value;

    private static async Task<IBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        // Nothing the tests do needs a GPU, extensions or chromium's own background work (updates, sync, translation,
        // hints fetched from the network, which is not reachable here anyway): off, they leave the two cores to the pages.
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args =
            [
                "--disable-gpu", "--disable-extensions", "--disable-background-networking", "--disable-component-update", "--disable-default-apps",
                "--disable-sync", "--no-first-run", "--mute-audio", "--disable-features=Translate,MediaRouter,OptimizationHints",
            ],
        });
    }
}
