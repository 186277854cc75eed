using Agenda.Api.Availability;
using Agenda.Api.Bookings;
using Agenda.Api.Calendars;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Notifications;
using Agenda.Api.Owners;
using Agenda.Api.Platform.Limits;
using Agenda.Api.Platform.Observability;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console.MeetingTypes;

/// <summary>
/// The owner's meeting types, and the form that creates one through the same use case as the API
/// (<see cref="OwnerMeetingTypes"/>); a slug left empty is made from the title (the page's script shows it while typing).
/// </summary>
internal sealed class MeetingTypesModel(OwnerMeetingTypes meetingTypes, LimitMetrics limits) : ConsolePage
{
    public IReadOnlyList<MeetingTypeResponse> Types { get; private set; } = [];

    [BindProperty]
    public MeetingTypeForm Form { get; set; } = new() { DurationMinutes = 30 };

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await PageAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (BindingFailed(MeetingTypeForm.Labels, MeetingTypeForm.FieldOfPosted))
        {
            return await PageAsync(cancellationToken);
        }

        // An empty slug is made from the title, numbered if the owner has it already (intro-2).
        switch (await meetingTypes.CreateWithSlugFromTitleAsync(OwnerId, Form.ToBody(string.IsNullOrWhiteSpace(Form.Slug) ? null : Form.Slug.Trim()), cancellationToken))
        {
            case MeetingTypeWrite.Saved:
                return Done("MeetingTypeCreated");
            case MeetingTypeWrite.Invalid invalid:
                Errors.Add(invalid.Errors, Form.FieldOfKey);
                break;
            case MeetingTypeWrite.Exists exists:
                Errors.Add("mt-slug", ConsoleTexts.Format("SlugTaken", exists.Slug));
                break;
            case MeetingTypeWrite.LimitReached reached:
                Errors.Add(OwnerLimitRefusals.Describe(reached.Reached, limits));
                break;
            default:
                return NotFoundPage();
        }

        return await PageAsync(cancellationToken);
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        if (await meetingTypes.ListAsync(OwnerId, cancellationToken) is not { } types)
        {
            return NotFoundPage();
        }

        Types = [.. types.Select(t => t.ToResponse())];
        return Page();
    }
}
