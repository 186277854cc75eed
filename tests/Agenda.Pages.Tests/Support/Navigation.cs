using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Support;

/// <summary>
/// Waiting for the page to arrive at an address after an action (a click, a key press, a form sent). It polls the
/// page's address instead of waiting for Playwright's navigation and load events: in .NET those events arrive on
/// another thread, and a navigation that completes between Playwright's first look at the address and its listening
/// for the event is missed (seen in CI: the page stood at the address, its document complete, while
/// <c>WaitForURLAsync</c> kept waiting for 30 seconds). A failure says where the page stood and what had focus.
/// </summary>
public static class Navigation
{
    /// <param name="urlGlob">The whole address, where <c>**</c> stands for anything and <c>*</c> for anything without a '/'.</param>
    public static Task ExpectAsync(IPage page, string urlGlob, float timeout = 30_000)
    {
        var pattern = GlobToRegex(urlGlob);
        return ExpectAsync(page, url => pattern.IsMatch(url), urlGlob, timeout);
    }

    /// <param name="arrived">Whether the page's address is where it should arrive.</param>
    /// <param name="where">Where that is, in words, for the failure.</param>
    public static async Task ExpectAsync(IPage page, Func<string, bool> arrived, string where, float timeout = 30_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeout);
        while (!arrived(page.Url))
        {
            if (DateTime.UtcNow > deadline)
            {
                var state = await page.EvaluateAsync<string>("() => document.readyState + '; focus on ' + (document.activeElement ? document.activeElement.outerHTML.slice(0, 200) : 'nothing')");
                throw new TimeoutException($"No navigation to {where} within {timeout / 1000} s: at {page.Url}, document {state}.");
            }

            await Task.Delay(25);
        }

        // The new document, parsed far enough to act on.
        await page.Locator("body").WaitForAsync(new() { Timeout = timeout });
    }

    private static Regex GlobToRegex(string glob)
    {
        var pattern = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            if (glob[i] != '*')
            {
                pattern.Append(Regex.Escape(glob[i].ToString()));
            }
            else if (i + 1 < glob.Length && glob[i + 1] == '*')
            {
                pattern.Append(".*");
                i++;
            }
            else
            {
                pattern.Append("[^/]*");
            }
        }

        return new Regex(pattern.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
