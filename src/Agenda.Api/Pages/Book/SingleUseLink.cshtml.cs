using Agenda.Api.MeetingTypes;
using Agenda.Api.Pages.Teams;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Book;

/// <summary>
/// <c>/link/{token}</c>: a single-use link leads to its meeting type's booking page (personal or a team's, private or
/// not) with the token in <c>?link=</c>, which that page carries into its booking. A link that booked already or was
/// revoked says so (410 Gone, no form); an unknown one is the 404 page.
/// </summary>
[Embeddable]
internal sealed class SingleUseLinkModel(SingleUseLinks links, PageTexts texts) : InviteePage(texts)
{
    public async Task<IActionResult> OnGetAsync(string link, CancellationToken cancellationToken)
    {
        if (await links.FindAsync(link, cancellationToken) is not { } found)
        {
            return NotFoundPage(T.UnknownLink);
        }

        if (!found.IsOpen)
        {
            return LinkUsedPage();
        }

        var path = found.Target.TeamId is { } teamId ? TeamPage.TeamPath(teamId, found.Target.Slug) : OwnerPath(found.Target.OwnerId!, found.Target.Slug);
        return Redirect(path + "?" + LinkOnPage.Parameter + "=" + Uri.EscapeDataString(link));
    }
}
