using Agenda.Api.MeetingTypes;
using Agenda.Api.Platform.Access;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console.MeetingTypes;

/// <summary>
/// One meeting type of the session's owner, edited or deleted through the same use case as the API
/// (<see cref="OwnerMeetingTypes"/>), with its single-use links (<see cref="SingleUseLinks"/>); any other slug is a 404.
/// </summary>
internal sealed class EditMeetingTypeModel(OwnerMeetingTypes meetingTypes, SingleUseLinks links, BookingLinks urls) : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public string Slug { get; set; } = "";

    [BindProperty]
    public MeetingTypeForm Form { get; set; } = new();

    /// <summary>The saved description as the booking page shows it, for the preview.</summary>
    public string SavedDescriptionHtml { get; private set; } = "";

    /// <summary>The type's single-use links; null when the page answers 404.</summary>
    public SingleUseLinksPanel? Links { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(keepPosted: false, cancellationToken) ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(keepPosted: true, cancellationToken))
        {
            return NotFoundPage();
        }

        if (BindingFailed(MeetingTypeForm.Labels, MeetingTypeForm.FieldOfPosted))
        {
            return Page();
        }

        switch (await meetingTypes.ReplaceAsync(OwnerId, Slug, Form.ToBody(null), cancellationToken))
        {
            case MeetingTypeWrite.Saved:
                return Done("Saved");
            case MeetingTypeWrite.Invalid invalid:
                Errors.Add(invalid.Errors, Form.FieldOfKey);
                return Page();
            default:
                return NotFoundPage();
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken) =>
        await meetingTypes.DeleteAsync(OwnerId, Slug, cancellationToken) ? Done("Deleted", "/Console/MeetingTypes/Index") : NotFoundPage();

    /// <summary>Makes a single-use link and shows its address in this answer only (no redirect).</summary>
    public async Task<IActionResult> OnPostMakeLinkAsync(string? linkLabel, CancellationToken cancellationToken) =>
        await LoadAsync(keepPosted: false, cancellationToken) && await Links!.MakeAsync(linkLabel, cancellationToken) ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostRevokeLinkAsync(string? linkId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(keepPosted: false, cancellationToken))
        {
            return NotFoundPage();
        }

        return await Links!.RevokeAsync(linkId, cancellationToken) ? Done("LinkRevokedNotice") : Page();
    }

    /// <summary>Reads the type, its preview and links; the form from the saved type unless <paramref name="keepPosted"/>. False when the owner has no such type.</summary>
    private async Task<bool> LoadAsync(bool keepPosted, CancellationToken cancellationToken)
    {
        if (await meetingTypes.FindAsync(OwnerId, Slug, cancellationToken) is not { } type)
        {
            return false;
        }

        if (!keepPosted)
        {
            Form = MeetingTypeForm.From(type.ToResponse());
        }

        SavedDescriptionHtml = MeetingDescription.ToHtml(type.Details.Description);
        Links = new SingleUseLinksPanel(links, urls, LinkTarget.Owner(OwnerId, Slug), this);
        return await Links.LoadAsync(cancellationToken);
    }
}
