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
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true });
    }
}
