using Agenda.Api.Limits;
using Agenda.Api.Observability;
using Agenda.Api.OwnerConsole;
using Agenda.Api.V1;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console;

/// <summary>Date overrides: listed, added (a day off or other hours) and removed through the /v1 handlers.</summary>
public sealed class OverridesModel(IAvailabilityStore availability, LimitMetrics limits) : ConsolePage
{
    public IReadOnlyList<DateOverrideResponse> Overrides { get; private set; } = [];

    [BindProperty]
    public OverrideForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await PageAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var hours = Form.Starts.Zip(Form.Ends)
            .Where(r => !string.IsNullOrWhiteSpace(r.First) || !string.IsNullOrWhiteSpace(r.Second))
            .Select(r => (HoursBody?)new HoursBody(r.First?.Trim(), r.Second?.Trim()))
            .ToList();
        if (Form.DayOff == (hours.Count > 0))
        {
            Errors.Add(ConsoleTexts.Get("OverrideNeedsDayOffOrHours"));
            return await PageAsync(cancellationToken);
        }

        var body = new DateOverrideBody(Form.DayOff ? true : null, Form.DayOff ? null : hours);
        var answer = await AvailabilityApi.PutOverrideAsync(OwnerId, Form.Date?.Trim() ?? "", body, availability, limits, cancellationToken);
        return Accepted(answer.Result) ? Done("Saved") : await PageAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? date, CancellationToken cancellationToken)
    {
        var answer = ApiAnswer.Of((await AvailabilityApi.DeleteOverrideAsync(OwnerId, date ?? "", availability, cancellationToken)).Result);
        if (answer.NotFound)
        {
            return NotFoundPage();
        }

        Errors.AddRange(answer.Errors);
        return answer.Succeeded ? Done("Saved") : await PageAsync(cancellationToken);
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        if (ApiAnswer.ValueOf<DateOverridesResponse>((await AvailabilityApi.GetOverridesAsync(OwnerId, availability, cancellationToken)).Result) is not { } overrides)
        {
            return NotFoundPage();
        }

        Overrides = overrides.Overrides;
        return Page();
    }
}

/// <summary>The add form as typed: a date, and either a day off or up to two ranges.</summary>
public sealed class OverrideForm
{
    public string? Date { get; set; }

    public bool DayOff { get; set; }

    public List<string?> Starts { get; set; } = [];

    public List<string?> Ends { get; set; } = [];
}
