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

    /// <summary>The length chosen, of a type that offers several (the type's own otherwise).</summary>
    public LengthChoice Length { get; private set; } = new([], 0);

    /// <summary>The public address of a team's page, or of one of its meeting types.</summary>
    public static string TeamPath(string teamId, string? slug = null) =>
        "/team/" + Uri.EscapeDataString(teamId) + (slug is null ? "" : "/" + slug);

    /// <summary>
    /// Finds the team and its type, with the length chosen (<paramref name="duration"/>) and the single-use link the page
    /// is reached through (<paramref name="link"/>), both carried on by its links; the 404 or 410 page when not found.
    /// </summary>
    protected async Task<IActionResult?> LoadAsync(string teamId, string slug, string? tz, string? duration, string? link, CancellationToken cancellationToken)
    {
        if (await cache.FindTeamAsync(teamId, cancellationToken) is not { } team)
        {
            return NotFoundPage(T.UnknownTeam);
        }

        if (team.MeetingTypes.FirstOrDefault(t => t.Slug == slug) is not { } type)
        {
            return NotFoundPage(T.UnknownMeetingType, TeamPath(teamId));
        }

        if (await ThroughLinkAsync(link, LinkTarget.Team(teamId, slug), cancellationToken) is { } gone)
        {
            return gone;
        }

        Team = team;
        MeetingType = type;
        Length = LengthChoice.Of(type.Shared, duration);
        if (Length.Kept is { } kept)
        {
            Carried.Insert(0, kept);
        }

        ChooseZone(tz, team.DefaultZone(type));
        return null;
    }
}
