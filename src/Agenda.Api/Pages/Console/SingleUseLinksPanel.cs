using Agenda.Api.MeetingTypes;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// The single-use links of one meeting type, personal or a team's, as a console page shows them (<c>_SingleUseLinks</c>):
/// made and revoked through <see cref="SingleUseLinks"/>, as the API makes them; a new link's address is in the answer
/// to the post that made it, and nowhere else.
/// </summary>
internal sealed class SingleUseLinksPanel(SingleUseLinks links, BookingLinks urls, LinkTarget target, ConsolePage page)
{
    /// <summary>The page that shows the panel: its errors, and the owner's zone for the times.</summary>
    public ConsolePage Page => page;

    /// <summary>The id of the label field, for an error beside it.</summary>
    public const string LabelField = "link-label";

    /// <summary>The type's links, newest first.</summary>
    public IReadOnlyList<SingleUseLink> Links { get; private set; } = [];

    /// <summary>The address of the link just made, shown this once.</summary>
    public string? NewLink { get; private set; }

    /// <summary>The label as posted, to show it again when it was refused.</summary>
    public string? Label { get; private set; }

    /// <returns>False when the meeting type does not exist.</returns>
    public async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await links.ListAsync(target, cancellationToken) is not { } list)
        {
            return false;
        }

        Links = list;
        return true;
    }

    /// <summary>Makes a link; its address goes to <see cref="NewLink"/>, a refusal to the page's errors. False when the type does not exist.</summary>
    public async Task<bool> MakeAsync(string? label, CancellationToken cancellationToken)
    {
        Label = label;
        var check = new RequestErrors();
        var read = check.Text("label", string.IsNullOrWhiteSpace(label) ? null : label, SingleUseLinks.MaxLabel);
        if (check.Any)
        {
            page.Errors.Add(check, _ => LabelField);
            return await LoadAsync(cancellationToken);
        }

        switch (await links.CreateAsync(target, read, cancellationToken))
        {
            case null:
                return false;
            case { Token: { } token }:
                var path = SingleUseLinks.PathOf(token);
                NewLink = urls.Absolute(path) ?? page.Absolute(path);
                Label = null;
                break;
            default:
                page.Errors.Add(new Message("TooManyOpenLinks", SingleUseLinks.MaxOpenPerType).ToString());
                break;
        }

        return await LoadAsync(cancellationToken);
    }

    /// <summary>Revokes an open link; false (with the error on the page) when the type has no open link of that id.</summary>
    public async Task<bool> RevokeAsync(string? id, CancellationToken cancellationToken)
    {
        if (await links.RevokeAsync(target, id ?? "", cancellationToken))
        {
            return true;
        }

        page.Errors.Add(new Message("UnknownOpenLink", id ?? "").ToString());
        return false;
    }
}
