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

/// <summary>The owner's meeting types, and the form that creates one, through the same use case as the API (<see cref="OwnerMeetingTypes"/>).</summary>
internal sealed class MeetingTypesModel(OwnerMeetingTypes meetingTypes, LimitMetrics limits) : ConsolePage
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

        switch (await meetingTypes.CreateAsync(OwnerId, Form.ToBody(Form.Slug?.Trim()), cancellationToken))
        {
            case MeetingTypeWrite.Saved:
                return Done("Saved");
            case MeetingTypeWrite.Invalid invalid:
                Errors.AddRange(invalid.Errors.Messages);
                break;
            case MeetingTypeWrite.Exists exists:
                Errors.Add(OwnerMeetingTypes.AlreadyExists(OwnerId, exists.Slug));
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
