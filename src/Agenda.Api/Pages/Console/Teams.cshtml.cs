using Agenda.Api.Bookings;
using Agenda.Api.Platform.Wire;
using Agenda.Api.Teams;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// The teams the owner is in; a team created through <see cref="TeamService"/> (its join code is shown once, in the answer to the
/// post), and joining a team with its id and join code.
/// </summary>
internal sealed class TeamsModel(TeamService teams) : ConsolePage
{
    public IReadOnlyList<StoredTeam> Teams { get; private set; } = [];

    /// <summary>The team just made, with its join code.</summary>
    public CreatedTeam? Created { get; private set; }

    [BindProperty]
    public string? NewId { get; set; }

    [BindProperty]
    public string? NewName { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await PageAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var outcome = await teams.CreateAsync(OwnerId, new CreateTeamRequest(NewId?.Trim(), NewName?.Trim()), cancellationToken);
        if (Accepted(outcome, key => key switch { "id" => "team-id", "name" => "team-name", _ => null }))
        {
            Created = ((Outcome<CreatedTeam>.Done)outcome).Value;
            NewId = NewName = null;
        }

        // No redirect: the join code is in this answer only (and, like every console page, it is not cached).
        return await PageAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostJoinAsync(string? teamId, string? joinCode, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(teamId) || string.IsNullOrWhiteSpace(joinCode))
        {
            Errors.Add(ConsoleTexts.Get("JoinCodeRequired"));
            return await PageAsync(cancellationToken);
        }

        teamId = teamId.Trim();
        switch (await teams.JoinAsync(teamId, OwnerId, joinCode.Trim(), cancellationToken))
        {
            case Outcome<StoredTeam>.Done:
                return RedirectToPage("/Console/Team", new { teamId, notice = "TeamJoined" });
            case Outcome<StoredTeam>.Refused { Refusal.Reason: "wrong_join_code" }:
                Errors.Add("join-team-code", ConsoleTexts.Get("WrongJoinCode"));
                break;
            default:
                Errors.Add(ConsoleTexts.Get("UnknownTeam"));
                break;
        }

        return await PageAsync(cancellationToken);
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        Teams = await teams.ListOfAsync(OwnerId, cancellationToken);
        return Page();
    }
}
