using Agenda.Api.Bookings;
using Agenda.Api.Pages.Book;
using Agenda.Api.Platform.Wire;
using Agenda.Api.Slots;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Teams;

/// <summary>
/// <c>/team/{team}/{slug}</c>: the month and the free slots of a chosen date of a team meeting type, as the personal
/// meeting type page shows them, from the team's offer. Choosing a slot holds it for the hosts a booking would take
/// (<see cref="SlotHolder.HoldTeamAsync"/>, as <c>POST .../holds</c>) and leads to the booking form.
/// </summary>
[Embeddable]
internal sealed class MeetingTypeModel(SlotHolder holder, TeamCache cache, InviteeCalendar calendar, PageTexts texts)
    : TeamPage(cache, texts)
{
    public SlotPickerView? Picker { get; private set; }

    public ZoneChooserView? ZoneChooser { get; private set; }

    /// <summary>The lengths to choose from, when the type offers several.</summary>
    public LengthPickerView? Lengths { get; private set; }

    public async Task<IActionResult> OnGetAsync(
        string teamId, string slug, string? month, string? date, string? tz, string? duration, string? link, CancellationToken cancellationToken)
    {
        if (await LoadAsync(teamId, slug, tz, duration, link, cancellationToken) is { } missing)
        {
            return missing;
        }

        var shown = await calendar.TeamMonthAsync(Team!, Length.Apply(MeetingType!), Zone, InviteeFormat.ParseMonth(month), InviteeFormat.ParseDate(date), cancellationToken);
        Picker = Pick(teamId, slug, shown, Carried);
        Lengths = Book.MeetingTypeModel.LengthsOf(Length, shown, TeamPath(teamId, slug), Zone.Id, Carried);
        var keep = new List<KeyValuePair<string, string>> { new("month", InviteeFormat.Wire(shown.Month)) };
        if (shown.Selected is { } selected)
        {
            keep.Add(new("date", InviteeFormat.Wire(selected)));
        }

        ZoneChooser = new ZoneChooserView(TeamPath(teamId, slug), Zone, ZoneChosen, [.. keep, .. Carried], Now);
        return Page();
    }

    /// <summary>
    /// A chosen slot: held, then on to its form (a redirect, so the form's address can be reloaded). A slot that cannot
    /// be held goes to the form unheld, which answers it with the date's fresh slots.
    /// </summary>
    public async Task<IActionResult> OnPostChooseAsync(string teamId, string slug, string? start, string? tz, string? duration, string? link, CancellationToken cancellationToken)
    {
        if (await LoadAsync(teamId, slug, tz, duration, link, cancellationToken) is { } missing)
        {
            return missing;
        }

        var startsAt = InviteeFormat.ParseInstant(start);
        if (startsAt is { } s)
        {
            var taken = await holder.HoldTeamAsync(teamId, Length.Apply(MeetingType!), s, cancellationToken);
            if (taken.Attempt is HoldAttempt.Held held)
            {
                return Redirect(DetailsModel.Link(teamId, slug, s, Zone.Id, taken.Token, held.Hold.ExpiresAt, Carried));
            }
        }

        return Redirect(DetailsModel.Link(teamId, slug, startsAt, Zone.Id, carried: Carried));
    }

    /// <summary>The slot picker of a team meeting type: dates link to this page, slots post to <see cref="OnPostChooseAsync"/>; both keep <paramref name="carried"/>.</summary>
    public static SlotPickerView Pick(string teamId, string slug, SlotMonth month, IReadOnlyList<KeyValuePair<string, string>> carried)
    {
        var path = TeamPath(teamId, slug);
        var zone = month.Zone.Id;
        var kept = carried.ToList();
        var choose = new Microsoft.AspNetCore.Http.Extensions.QueryBuilder { { "handler", "choose" }, { "tz", zone } };
        foreach (var (name, value) in kept)
        {
            choose.Add(name, value);
        }

        return new SlotPickerView(month, (m, d) => Book.MeetingTypeModel.DateLink(path, m, d, zone, kept), path + choose.ToQueryString());
    }
}
