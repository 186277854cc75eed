using Agenda.Api.Pages.Book;
using Agenda.Api.Slots;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Teams;

/// <summary><c>/team/{team}</c>: the team's public page, with the meeting types one can book with it.</summary>
[Embeddable]
internal sealed class IndexModel(TeamCache teams, PageTexts texts) : InviteePage(texts)
{
    public StoredTeam? Team { get; private set; }

    public async Task<IActionResult> OnGetAsync(string teamId, CancellationToken cancellationToken)
    {
        if (await teams.FindTeamAsync(teamId, cancellationToken) is not { } team)
        {
            return NotFoundPage(T.UnknownTeam);
        }

        Team = team;
        return Page();
    }
}
