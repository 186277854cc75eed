using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Support;

/// <summary>Steps of the invitee's way through the pages, as a person takes them: by clicking what the page shows.</summary>
public static class Browsing
{
    /// <summary>Wednesday 2027-03-03, two days after the fixed "now"; on weekdays the owners are free 09:00-12:00.</summary>
    public const string Date = "2027-03-03";

    public static async Task OpenDateAsync(IPage page, string owner, string date = Date, string slug = "intro")
    {
        await page.GotoAsync($"/{owner}/{slug}?month={date[..7]}");
        await page.Locator($"a[data-date='{date}']").ClickAsync();
        await page.Locator("#slots").WaitForAsync();
    }

    /// <summary>Chooses the slot starting at <paramref name="startUtc"/> in the month view, which holds it and opens its form.</summary>
    public static async Task OpenFormAsync(IPage page, string owner, string startUtc, string date = Date)
    {
        await OpenDateAsync(page, owner, date);
        await page.Locator($".slot[data-start='{startUtc}']").ClickAsync();
        await page.Locator("form.details").WaitForAsync();
    }

    public static async Task FillAsync(IPage page, string name, string email, string note = "")
    {
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Note (optional)").FillAsync(note);
    }

    /// <summary>
    /// Sends the booking form on the page twice at once, as a slow network and an impatient click would, and returns
    /// where each answer ended after its redirects.
    /// </summary>
    public static async Task<string[]> SendFormTwiceAsync(IPage page) =>
        await page.EvaluateAsync<string[]>(
            """
            async () => {
              const form = document.querySelector("form.details");
              const send = () => fetch(location.href, { method: "POST", body: new URLSearchParams(new FormData(form)) });
              const answers = await Promise.all([send(), send()]);
              return answers.map(a => a.status === 200 ? a.url : "status " + a.status);
            }
            """);

    public static async Task<IReadOnlyList<string>> SlotStartsAsync(IPage page) =>
        [.. await page.Locator(".slot[data-start]").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('data-start'))")];

    public static async Task<IReadOnlyList<string>> SlotLabelsAsync(IPage page) =>
        [.. (await page.Locator(".slot").AllInnerTextsAsync()).Select(t => t.Trim())];
}
