using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Support;

/// <summary>
/// Waiting for a navigation a key press should cause, with what the page showed when it did not come. It waits for the
/// new document's DOMContentLoaded, not its load event: on a loaded machine a page once stood at the right address,
/// parsed, while its load event (which waits for every stylesheet, script and icon) had not come in 30 seconds.
/// </summary>
public static class Navigation
{
    public static async Task ExpectAsync(IPage page, string urlGlob, float timeout = 30_000)
    {
        try
        {
            await page.WaitForURLAsync(urlGlob, new() { Timeout = timeout, WaitUntil = WaitUntilState.DOMContentLoaded });
        }
        catch (TimeoutException e)
        {
            var state = await page.EvaluateAsync<string>("() => document.readyState + '; focus on ' + (document.activeElement ? document.activeElement.outerHTML.slice(0, 200) : 'nothing')");
            throw new TimeoutException($"No navigation to {urlGlob}: at {page.Url}, document {state}.", e);
        }
    }
}
