using Agenda.Api.Pages.Book;
using Agenda.Api.Slots;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Agenda.Api.Pages.Teams;

/// <summary>
/// A public page of a team meeting type (<c>/team/{team}/{slug}...</c>): the team and type come from
/// <see cref="TeamCache"/> (current as the API's team search has it), and an unknown one answers the invitee pages' 404 page. Times are shown in the invitee's zone, by default the first
/// host's, as the API's team search.
/// </summary>
internal abstract class TeamPage(TeamCache cache, PageTexts texts) : InviteePage(texts)
{
    public StoredTeam? Team { get; private set; }

    public StoredTeamMeetingType? MeetingType { get; private set; }

    /// <summary>The public address of a team's page, or of one of its meeting types.</summary>
    public static string TeamPath(string teamId, string? slug = null) =>
        "/team/" + Uri.EscapeDataString(teamId) + (slug is null ? "" : "/" + slug);

    protected async Task<IActionResult?> LoadAsync(string teamId, string slug, string? tz, CancellationToken cancellationToken)
    {
        if (await cache.FindTeamAsync(teamId, cancellationToken) is not { } team)
        {
            return NotFoundPage(T.UnknownTeam);
        }

        if (team.MeetingTypes.FirstOrDefault(t => t.Slug == slug) is not { } type)
        {
            return NotFoundPage(T.UnknownMeetingType, TeamPath(teamId));
        }

        Team = team;
        MeetingType = type;
        ChooseZone(tz, team.DefaultZone(type));
        return null;
    }
}
