using Agenda.Api.MeetingTypes;
using Agenda.Api.Pages.Console.MeetingTypes;
using Agenda.Api.Platform.Access;
using Agenda.Api.Teams;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// A team meeting type, for the team's admins (<see cref="TeamService.CanManage"/>): edited through the same use case as
/// the API (<see cref="TeamService.ReplaceTypeAsync"/>), with its single-use links (<see cref="SingleUseLinks"/>). Anyone
/// else, and a type the team does not have, get the 404 page.
/// </summary>
internal sealed class TeamMeetingTypeModel(TeamService teams, SingleUseLinks links, BookingLinks urls) : ConsolePage
{
    public StoredTeam? Team { get; private set; }

    public StoredTeamMeetingType? Type { get; private set; }

    /// <summary>The named schedules each member keeps, which a host may offer this type.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<StoredSchedule>> Schedules { get; private set; } = new Dictionary<string, IReadOnlyList<StoredSchedule>>();

    /// <summary>The type's single-use links; null when the page answers 404.</summary>
    public SingleUseLinksPanel? Links { get; private set; }

    /// <summary>The meeting type form: its title, rules and details, as the personal meeting type form has them.</summary>
    [BindProperty]
    public MeetingTypeForm Form { get; set; } = new();

    /// <summary>The team part of the form.</summary>
    [BindProperty]
    public TeamTypeForm TeamForm { get; set; } = new();

    /// <summary>The saved description as the booking page shows it, for the preview.</summary>
    public string SavedDescriptionHtml => MeetingDescription.ToHtml(Type?.Shared.Details.Description);

    public async Task<IActionResult> OnGetAsync(string teamId, string slug, CancellationToken cancellationToken) =>
        await LoadAsync(teamId, slug, cancellationToken) ? Page() : NotFoundPage();

    /// <summary>Replaces the type's title, rules, details and hosts; nothing is written when anything is wrong.</summary>
    public async Task<IActionResult> OnPostSaveAsync(string teamId, string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(teamId, slug, cancellationToken, keepPosted: true))
        {
            return NotFoundPage();
        }

        if (BindingFailed(TeamTypeForm.Labels, name => name.StartsWith("Form.", StringComparison.Ordinal) ? MeetingTypeForm.FieldOfPosted(name) : null))
        {
            return Page();
        }

        var body = TeamForm.ToBody(Form) with { Slug = null };
        return Accepted(await teams.ReplaceTypeAsync(teamId, slug, body, cancellationToken), key => TeamTypeForm.FieldOf(key, Form)) ? Done("Saved") : Page();
    }

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
    /// <param name="keepPosted">Keep the posted form instead of filling it from the saved type.</param>
    private async Task<bool> LoadAsync(string teamId, string slug, CancellationToken cancellationToken, bool keepPosted = false)
    {
        if (await teams.FindAsync(teamId, cancellationToken) is not { } team || !TeamService.CanManage(team, OwnerId)
            || team.MeetingTypes.FirstOrDefault(t => t.Slug == slug) is not { } type)
        {
            return false;
        }

        (Team, Type) = (team, type);
        Schedules = await teams.MemberSchedulesAsync(team, cancellationToken);
        if (!keepPosted)
        {
            Form = MeetingTypeForm.From(type.Shared.ToResponse());
            TeamForm = TeamTypeForm.From(type);
        }

        Links = new SingleUseLinksPanel(links, urls, LinkTarget.Team(teamId, slug), this);
        return await Links.LoadAsync(cancellationToken);
    }
}
