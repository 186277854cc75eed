using Agenda.Api.OwnerConsole;
using Agenda.Api.V1;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console.MeetingTypes;

/// <summary>One meeting type of the session's owner, edited or deleted through the /v1 handlers; any other slug is a 404.</summary>
public sealed class EditMeetingTypeModel(IMeetingTypeStore store) : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public string Slug { get; set; } = "";

    [BindProperty]
    public MeetingTypeForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (ApiAnswer.ValueOf<MeetingTypeResponse>((await MeetingTypesApi.GetAsync(OwnerId, Slug, store, cancellationToken)).Result) is not { } type)
        {
            return NotFoundPage();
        }

        Form = MeetingTypeForm.From(type);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (BindingFailed(MeetingTypeForm.Labels))
        {
            return Page();
        }

        var answer = ApiAnswer.Of((await MeetingTypesApi.ReplaceAsync(OwnerId, Slug, Form.ToBody(null), store, cancellationToken)).Result);
        if (answer.NotFound)
        {
            return NotFoundPage();
        }

        Errors.AddRange(answer.Errors);
        return answer.Succeeded ? Done("Saved") : Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken) =>
        ApiAnswer.Of((await MeetingTypesApi.DeleteAsync(OwnerId, Slug, store, cancellationToken)).Result).Succeeded
            ? Done("Deleted", "/Console/MeetingTypes/Index")
            : NotFoundPage();
}
