using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Support;

/// <summary>
/// The pages' screenshots, for a person to look at (README: "Looking at the pages"): saved only when the run asks for
/// them with AGENDA_SCREENSHOTS=1, since encoding full pages takes a good share of the browser tests' time and no test
/// reads them back. Nothing a test asserts depends on whether they are taken.
/// </summary>
public static class Screenshots
{
    public static readonly bool Wanted = Environment.GetEnvironmentVariable("AGENDA_SCREENSHOTS") == "1";

    /// <summary>Saves the whole page at <paramref name="path"/> when screenshots are wanted.</summary>
    public static Task SaveAsync(IPage page, string path) =>
        Wanted ? page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true }) : Task.CompletedTask;
}
