using Agenda.Api.Access;
using Agenda.Api.Hosting;
using Agenda.Api.OwnerConsole;
using Agenda.Api.V1;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// The teams the owner is in; a team created through the /v1 handler (its join code is shown once, in the answer to the
/// post), and joining a team with its id and join code.
/// </summary>
public sealed class TeamsModel(ITeamStore teams, TimeProvider time) : ConsolePage
{
    public IReadOnlyList<StoredTeam> Teams { get; private set; } = [];

    /// <summary>The team just made, with its join code.</summary>
    public CreatedTeamResponse? Created { get; private set; }

    [BindProperty]
    public string? NewId { get; set; }

    [BindProperty]
    public string? NewName { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await PageAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var answer = (await TeamsApi.CreateAsync(OwnerId, new CreateTeamRequest(NewId?.Trim(), NewName?.Trim()), teams, time, cancellationToken)).Result;
        if (Accepted(answer))
        {
            Created = ApiAnswer.ValueOf<CreatedTeamResponse>(answer);
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
        switch (await teams.JoinTeamAsync(teamId, OwnerId, Secrets.Hash(joinCode.Trim()), time.GetCurrentInstant(), cancellationToken))
        {
            case TeamWrite.Written:
                return RedirectToPage("/Console/Team", new { teamId, notice = "TeamJoined" });
            case TeamWrite.WrongJoinCode:
                Errors.Add(ConsoleTexts.Get("WrongJoinCode"));
                break;
            default:
                Errors.Add(ConsoleTexts.Get("UnknownTeam"));
                break;
        }

        return await PageAsync(cancellationToken);
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        Teams = await teams.ListTeamsOfAsync(OwnerId, cancellationToken);
        return Page();
    }
}
