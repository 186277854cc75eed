using Agenda.Api.Availability;
using Agenda.Api.Bookings;
using Agenda.Api.Calendars;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Notifications;
using Agenda.Api.Owners;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console.MeetingTypes;

/// <summary>
/// One meeting type of the session's owner, edited or deleted through the same use case as the API
/// (<see cref="OwnerMeetingTypes"/>); any other slug is a 404.
/// </summary>
internal sealed class EditMeetingTypeModel(OwnerMeetingTypes meetingTypes) : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public string Slug { get; set; } = "";

    [BindProperty]
    public MeetingTypeForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await meetingTypes.FindAsync(OwnerId, Slug, cancellationToken) is not { } type)
        {
            return NotFoundPage();
        }

        Form = MeetingTypeForm.From(type.ToResponse());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (BindingFailed(MeetingTypeForm.Labels, MeetingTypeForm.FieldOfPosted))
        {
            return Page();
        }

        switch (await meetingTypes.ReplaceAsync(OwnerId, Slug, Form.ToBody(null), cancellationToken))
        {
            case MeetingTypeWrite.Saved:
                return Done("Saved");
            case MeetingTypeWrite.Invalid invalid:
                Errors.Add(invalid.Errors, MeetingTypeForm.FieldOf);
                return Page();
            default:
                return NotFoundPage();
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken) =>
        await meetingTypes.DeleteAsync(OwnerId, Slug, cancellationToken) ? Done("Deleted", "/Console/MeetingTypes/Index") : NotFoundPage();
}
