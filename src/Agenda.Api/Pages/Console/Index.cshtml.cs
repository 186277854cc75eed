using Agenda.Api.Availability;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Notifications;
using Agenda.Api.Owners;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console;

/// <summary>The links to share, the calendar feed and the owner's profile, through the same use cases as the API (<see cref="OwnerProfile"/>).</summary>
internal sealed class IndexModel(IMeetingTypeStore meetingTypes, OwnerProfile profile) : ConsolePage
{
    public IReadOnlyList<StoredMeetingType> MeetingTypes { get; private set; } = [];

    /// <summary>The feed's address, just issued: the only time it can be shown, as only its hash is kept.</summary>
    public string? FeedUrl { get; private set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? TimeZone { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostIssueFeedAsync(CancellationToken cancellationToken)
    {
        if (await profile.IssueFeedAsync(OwnerId, cancellationToken) is not { } token)
        {
            return NotFoundPage();
        }

        FeedUrl = $"{Request.Scheme}://{Request.Host}{OwnerProfile.FeedPath(token)}";

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeFeedAsync(CancellationToken cancellationToken) =>
        await profile.RevokeFeedAsync(OwnerId, cancellationToken) ? Done("FeedRevoked") : NotFoundPage();

    public async Task<IActionResult> OnPostProfileAsync(CancellationToken cancellationToken)
    {
        var name = string.IsNullOrWhiteSpace(DisplayName) ? null : DisplayName;
        var (errors, updated) = await profile.UpdateAsync(OwnerId, name, TimeZone, cancellationToken);
        if (errors is not null)
        {
            Errors.AddRange(errors.Messages);
            return await PageAsync(cancellationToken);
        }

        return updated is null ? NotFoundPage() : Done("Saved");
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        MeetingTypes = await meetingTypes.ListMeetingTypesAsync(OwnerId, cancellationToken) ?? [];
}
