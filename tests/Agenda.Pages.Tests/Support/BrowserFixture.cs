using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Support;

/// <summary>
/// One host per test class, in the run's one browser (<see cref="SharedBrowser"/>); each test opens its own context,
/// so cookies and storage never leak between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = SharedBrowser.Chromium;

    private IBrowser? browser;

    public PagesHost Host { get; } = new();

    public string Address { get; private set; } = "";

    public Setup Setup { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Address = Host.Address;
        Setup = new Setup(Host.Http());
        browser = await SharedBrowser.GetAsync();
    }

    /// <summary>A fresh browser context: British English, in Berlin, on a desktop-sized window unless told otherwise.</summary>
    public async Task<IPage> NewPageAsync(string locale = "en-GB", string timeZone = "Europe/Berlin", int width = 1280, int height = 900, IEnumerable<string>? permissions = null, bool javaScript = true)
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address,
            Locale = locale,
            TimezoneId = timeZone,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
            Permissions = permissions,
            JavaScriptEnabled = javaScript,
        });
        context.SetDefaultTimeout(10_000);
        return await context.NewPageAsync();
    }

    /// <summary>Saves a screenshot of the page into the test output folder (screenshots/NAME.png).</summary>
    public static Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", name + ".png");
        return Screenshots.SaveAsync(page, path);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
