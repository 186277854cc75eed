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

    /// <summary>
    /// A destructive action's two steps: open its disclosure (whose summary names the action and, for screen readers,
    /// what it is done to), then press the button inside that does it.
    /// </summary>
    public static async Task ConfirmAsync(IPage page, string action, string subject)
    {
        await page.Locator("details.confirm > summary", new() { HasText = $"{action}… {subject}" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"{action}: {subject}", Exact = true }).ClickAsync();
    }

    /// <summary>The antiforgery token the page carries (every console page has one, in the sign-out form at least).</summary>
    public static async Task<string> TokenAsync(IPage page) =>
        (await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value"))!;
}
