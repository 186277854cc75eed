using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Agenda.Pages.Tests.Support;

/// <summary>The axe scan every page test uses: the serious and critical violations of a page, each as one line naming <paramref name="where"/>.</summary>
public static class Accessibility
{
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page, string where) =>
        [.. (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{where}: {v.Id} ({v.Impact}) {v.Help}")];
}
