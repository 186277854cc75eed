using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Support;

/// <summary>Waiting for a navigation a key press should cause, with what the page showed when it did not come.</summary>
public static class Navigation
{
    public static async Task ExpectAsync(IPage page, string urlGlob, float timeout = 30_000)
    {
        try
        {
            await page.WaitForURLAsync(urlGlob, new() { Timeout = timeout });
        }
        catch (TimeoutException e)
        {
            var focused = await page.EvaluateAsync<string>("() => document.activeElement ? document.activeElement.outerHTML.slice(0, 300) : 'nothing'");
            throw new TimeoutException($"No navigation to {urlGlob}: still at {page.Url}, focus on {focused}.", e);
        }
    }
}
