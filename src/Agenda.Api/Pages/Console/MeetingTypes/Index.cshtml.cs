using Agenda.Api.Observability;
using Agenda.Api.OwnerConsole;
using Agenda.Api.V1;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console.MeetingTypes;

/// <summary>The owner's meeting types, and the form that creates one through the /v1 handler.</summary>
public sealed class MeetingTypesModel(IMeetingTypeStore store, LimitMetrics limits, TimeProvider time) : ConsolePage
{
    public IReadOnlyList<MeetingTypeResponse> Types { get; private set; } = [];

    [BindProperty]
    public MeetingTypeForm Form { get; set; } = new() { DurationMinutes = 30 };

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await PageAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (BindingFailed(MeetingTypeForm.Labels))
        {
            return await PageAsync(cancellationToken);
        }

        var answer = await MeetingTypesApi.CreateAsync(OwnerId, Form.ToBody(Form.Slug?.Trim()), store, limits, time, cancellationToken);
        return Accepted(answer.Result) ? Done("Saved") : await PageAsync(cancellationToken);
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        if (ApiAnswer.ValueOf<MeetingTypesResponse>((await MeetingTypesApi.ListAsync(OwnerId, store, cancellationToken)).Result) is not { } types)
        {
            return NotFoundPage();
        }

        Types = types.MeetingTypes;
        return Page();
    }
}
