using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Console;

/// <summary>Forms posted straight from a signed-in page, as an attacker or a script would, around the page's own controls.</summary>
public static class ConsoleForms
{
    public static IFormData Post(IPage page, params (string Name, string Value)[] fields)
    {
        var form = page.APIRequest.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }

        return form;
    }

    /// <summary>The antiforgery token the page carries (every console page has one, in the sign-out form at least).</summary>
    public static async Task<string> TokenAsync(IPage page) =>
        (await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value"))!;
}
