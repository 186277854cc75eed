using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Book;

/// <summary><c>/{owner}</c>: the owner's public page, with the meeting types one can book.</summary>
[Embeddable]
internal sealed class OwnerModel(IOwnerStore owners, IMeetingTypeStore meetingTypes, PageTexts texts, Owners.OwnerBranding brandings) : InviteePage(texts)
{
    public OwnerSnapshot? Owner { get; private set; }

    /// <summary>The owner's photo and welcome for the panel (branding).</summary>
    public StoredBranding? Branding { get; private set; }

    /// <summary>The owner's listed meeting types (the private ones left out).</summary>
    public IReadOnlyList<StoredMeetingType> MeetingTypes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string owner, CancellationToken cancellationToken)
    {
        if (await owners.FindOwnerAsync(owner, cancellationToken) is not { } found
            || await meetingTypes.ListMeetingTypesAsync(owner, cancellationToken) is not { } types)
        {
            return NotFoundPage(T.UnknownOwner);
        }

        Owner = found;
        // A private type is not listed; it is still booked at its own address.
        MeetingTypes = [.. types.Where(t => !t.Details.Private)];
        Branding = await BookingPanels.BrandAsync(brandings, ViewData, owner, cancellationToken);
        return Page();
    }
}
