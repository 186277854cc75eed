using Agenda.Api.OwnerConsole;
using Agenda.Api.V1;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console;

/// <summary>The links to share, the calendar feed (issued and revoked through the /v1 handlers) and the owner's profile.</summary>
public sealed class IndexModel(IMeetingTypeStore meetingTypes, IOwnerStore owners, IFeedStore feeds) : ConsolePage
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
        var result = (await FeedsApi.IssueAsync(OwnerId, Request, feeds, cancellationToken)).Result;
        if (Accepted(result))
        {
            FeedUrl = ApiAnswer.ValueOf<FeedResponse>(result)?.Url;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeFeedAsync(CancellationToken cancellationToken) =>
        Accepted((await FeedsApi.RevokeAsync(OwnerId, feeds, cancellationToken)).Result) ? Done("FeedRevoked") : await PageAsync(cancellationToken);

    public async Task<IActionResult> OnPostProfileAsync(CancellationToken cancellationToken)
    {
        var name = string.IsNullOrWhiteSpace(DisplayName) ? null : DisplayName;
        return Accepted((await OwnersApi.UpdateOwnerAsync(OwnerId, new UpdateOwnerRequest(name, TimeZone), owners, cancellationToken)).Result)
            ? Done("Saved")
            : await PageAsync(cancellationToken);
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        MeetingTypes = await meetingTypes.ListMeetingTypesAsync(OwnerId, cancellationToken) ?? [];
}
