using Agenda.Api.Owners;
using Agenda.Api.Pages.Teams;
using Agenda.Scheduling.Teams;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Agenda.Api.Pages.Book;

/// <summary>The meeting panel of each kind of booking page, made in one place.</summary>
internal static class BookingPanels
{
    /// <summary>An owner's page: who they are (their photo, with <paramref name="branding"/>) and their welcome.</summary>
    public static MeetingPanel Owner(OwnerSnapshot owner, StoredBranding? branding = null) => new(owner.DisplayName ?? owner.Id)
    {
        PhotoUrl = branding is null ? null : OwnerBranding.PhotoUrl(owner.Id, branding),
        Welcome = branding?.Welcome,
    };

    /// <summary>
    /// A personal meeting type's pages: the owner, the title and length (<paramref name="minutes"/> when the invitee
    /// chose one of several), the description and places to meet, and the way back to their other types.
    /// </summary>
    public static MeetingPanel For(OwnerSnapshot owner, StoredMeetingType type, PageTexts texts, StoredBranding? branding = null, int? minutes = null) =>
        Described(Owner(owner, branding), type, texts, minutes) with
        {
            Back = (InviteePage.OwnerPath(owner.Id), texts.AllMeetingTypes),
            Hosts = type.Rules.Seats is { } seats ? texts.GroupOf(seats) : null,
        };

    /// <summary>A team meeting type's pages: the team, the title and length, the description and places, and who hosts.</summary>
    public static MeetingPanel For(StoredTeam team, StoredTeamMeetingType type, PageTexts texts, int? minutes = null) =>
        Described(new MeetingPanel(team.Name), type.Shared, texts, minutes) with
        {
            Back = (TeamPage.TeamPath(team.Id), texts.AllMeetingTypes),
            Hosts = type.Team.Kind == TeamKind.RoundRobin ? texts.RoundRobin : texts.WithHosts(type.Team.HostsPerBooking ?? type.Team.Hosts.Count),
        };

    private static MeetingPanel Described(MeetingPanel panel, StoredMeetingType type, PageTexts texts, int? minutes) =>
        panel with
        {
            Title = type.Title,
            Minutes = minutes ?? (int)type.Rules.Length.TotalMinutes,
            DescriptionHtml = MeetingTypes.MeetingDescription.ToHtml(type.Details.Description),
            Locations = [.. type.Details.Locations.Select(l => (LocationIcon(l.Kind), texts.LocationName(l.Kind, l.Label))).Distinct()],
        };

    /// <summary>The icon of a kind of place to meet (<c>_Icon</c>).</summary>
    public static string LocationIcon(LocationKind kind) => kind switch
    {
        LocationKind.InPerson => "pin",
        LocationKind.Phone or LocationKind.InviteePhone => "phone",
        LocationKind.Link => "link",
        _ => "video",
    };

    /// <summary>
    /// The owner's branding for their page's panel; with a brand colour, the layout also links the owner's style sheet
    /// after site.css (<c>ViewData["BrandCss"]</c>: the pages' CSP allows no inline style).
    /// </summary>
    public static async Task<StoredBranding?> BrandAsync(OwnerBranding brandings, ViewDataDictionary viewData, string ownerId, CancellationToken cancellationToken)
    {
        var branding = await brandings.GetAsync(ownerId, cancellationToken);
        viewData["BrandCss"] = branding is null ? null : OwnerBranding.BrandCssUrl(ownerId, branding);
        return branding;
    }

    /// <summary>The panel of a booking form: the chosen time and the zone it is shown in, once a slot is chosen.</summary>
    public static MeetingPanel WithChoice(MeetingPanel panel, Scheduling.Slots.Slot? chosen, NodaTime.DateTimeZone zone, PageTexts texts) =>
        chosen is { } slot
            ? panel with { Chosen = Platform.Wire.InviteeFormat.Times(slot, zone, texts.Culture), Zone = ZoneDirectory.Name(zone.Id) }
            : panel with { Zone = ZoneDirectory.Name(zone.Id) };
}
