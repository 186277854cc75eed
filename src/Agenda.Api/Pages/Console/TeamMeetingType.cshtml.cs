using Agenda.Api.MeetingTypes;
using Agenda.Api.Platform.Access;
using Agenda.Api.Teams;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// A team meeting type's single-use links, for the team's admins (<see cref="TeamService.CanManage"/>), through the same
/// use case as the API (<see cref="SingleUseLinks"/>). Anyone else, and a type the team does not have, get the 404 page.
/// </summary>
internal sealed class TeamMeetingTypeModel(TeamService teams, SingleUseLinks links, BookingLinks urls) : ConsolePage
{
    public StoredTeam? Team { get; private set; }

    public StoredTeamMeetingType? Type { get; private set; }

    /// <summary>The type's single-use links; null when the page answers 404.</summary>
    public SingleUseLinksPanel? Links { get; private set; }

    public async Task<IActionResult> OnGetAsync(string teamId, string slug, CancellationToken cancellationToken) =>
        await LoadAsync(teamId, slug, cancellationToken) ? Page() : NotFoundPage();

    /// <summary>Makes a single-use link and shows its address in this answer only (no redirect).</summary>
    public async Task<IActionResult> OnPostMakeLinkAsync(string teamId, string slug, string? linkLabel, CancellationToken cancellationToken) =>
        await LoadAsync(teamId, slug, cancellationToken) && await Links!.MakeAsync(linkLabel, cancellationToken) ? Page() : NotFoundPage();

    public async Task<IActionResult> OnPostRevokeLinkAsync(string teamId, string slug, string? linkId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(teamId, slug, cancellationToken))
        {
            return NotFoundPage();
        }

        return await Links!.RevokeAsync(linkId, cancellationToken) ? Done("LinkRevokedNotice") : Page();
    }

    /// <returns>False when there is no such team or type, or the signed-in owner is not one of the team's admins.</returns>
    private async Task<bool> LoadAsync(string teamId, string slug, CancellationToken cancellationToken)
    {
        if (await teams.FindAsync(teamId, cancellationToken) is not { } team || !TeamService.CanManage(team, OwnerId)
            || team.MeetingTypes.FirstOrDefault(t => t.Slug == slug) is not { } type)
        {
            return false;
        }

        (Team, Type) = (team, type);
        Links = new SingleUseLinksPanel(links, urls, LinkTarget.Team(teamId, slug), this);
        return await Links.LoadAsync(cancellationToken);
    }
}
