using Agenda.Api.Bookings;
using Agenda.Api.Platform.Wire;
using Agenda.Api.Slots;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Agenda.Api.Pages.Book;

/// <summary>
/// <c>/{owner}/{meeting-type}</c>: a month that marks the dates with free slots, and the free slots of a chosen date,
/// in the invitee's zone. Choosing a slot holds it (<see cref="SlotHolder"/>, as <c>POST .../holds</c>) and leads to the
/// booking form; a slot that cannot be held any more is answered here with the date's fresh slots.
/// </summary>
[Embeddable]
internal sealed class MeetingTypeModel(OwnerCache owners, InviteeCalendar calendar, SlotHolder holder, PageTexts texts, Owners.OwnerBranding brandings)
    : InviteePage(texts)
{
    /// <summary>Why the chosen slot could not be held, shown above the fresh slots.</summary>
    public string? Refusal { get; private set; }

    public OwnerSnapshot? Owner { get; private set; }

    public StoredMeetingType? MeetingType { get; private set; }

    public SlotPickerView? Picker { get; private set; }

    public ZoneChooserView? ZoneChooser { get; private set; }

    /// <summary>The owner's photo and welcome for the panel (branding).</summary>
    public StoredBranding? Branding { get; private set; }

    /// <summary>The length chosen, of a type that offers several.</summary>
    public LengthChoice? Length { get; private set; }

    /// <summary>The lengths to choose from, when the type offers several.</summary>
    public LengthPickerView? Lengths { get; private set; }

    public MeetingPanel Panel => BookingPanels.For(Owner!, MeetingType!, T, Branding, Length?.Minutes);

    public Task<IActionResult> OnGetAsync(string owner, string type, string? month, string? date, string? tz, string? duration, string? link, CancellationToken cancellationToken) =>
        ShowAsync(owner, type, month, date, tz, duration, link, cancellationToken);

    public async Task<IActionResult> OnPostHoldAsync(string owner, string type, string? start, string? tz, string? duration, string? link, CancellationToken cancellationToken)
    {
        var (lookup, _) = await owners.FindMeetingTypeAsync(owner, type, cancellationToken);
        if (lookup is not { Owner: { } found, MeetingType: { } meetingType })
        {
            return await ShowAsync(owner, type, null, null, tz, duration, link, cancellationToken);
        }

        if (await ThroughLinkAsync(link, Storage.LinkTarget.Owner(owner, type), cancellationToken) is { } gone)
        {
            return gone;
        }

        ChooseZone(tz, found.Zone);
        if (InviteeFormat.ParseInstant(start) is not { } startsAt)
        {
            Refusal = T.NoLongerOffered;
            return await ShowAsync(owner, type, null, null, tz, duration, link, cancellationToken);
        }

        var length = LengthChoice.Of(meetingType, duration);
        var taken = await holder.HoldAsync(owner, type, length.RulesOf(meetingType), startsAt, cancellationToken);
        switch (taken.Attempt)
        {
            case HoldAttempt.Held held:
                return Redirect(DetailsModel.Link(OwnerPath(owner, type), startsAt, Zone.Id, taken.Token, held.Hold.ExpiresAt, Keep(length, link)));
            case HoldAttempt.Refused refused:
                Refusal = T.Refusal(refused.Reason);
                var date = startsAt.InZone(Zone).Date;
                return await ShowAsync(owner, type, InviteeFormat.Wire(date.ToYearMonth()), InviteeFormat.Wire(date), Zone.Id, duration, link, cancellationToken);
            default:
                return NotFoundPage(T.UnknownOwner);
        }
    }

    private async Task<IActionResult> ShowAsync(
        string owner, string type, string? month, string? date, string? tz, string? duration, string? link, CancellationToken cancellationToken)
    {
        var (lookup, epoch) = await owners.FindMeetingTypeAsync(owner, type, cancellationToken);
        if (lookup.Owner is not { } found)
        {
            return NotFoundPage(T.UnknownOwner);
        }

        if (lookup.MeetingType is not { } meetingType)
        {
            return NotFoundPage(T.UnknownMeetingType, OwnerPath(owner));
        }

        Carried.Clear();
        if (await ThroughLinkAsync(link, Storage.LinkTarget.Owner(owner, type), cancellationToken) is { } gone)
        {
            return gone;
        }

        ChooseZone(tz, found.Zone);
        var length = LengthChoice.Of(meetingType, duration);
        if (length.Kept is { } kept)
        {
            Carried.Insert(0, kept);
        }

        var shown = await calendar.MonthAsync(new OwnerCopy(found, epoch), length.Apply(meetingType), Zone, InviteeFormat.ParseMonth(month), InviteeFormat.ParseDate(date), cancellationToken);
        if (shown is null)
        {
            return NotFoundPage(T.UnknownOwner);
        }

        Owner = found;
        MeetingType = meetingType;
        Length = length;
        Branding = await BookingPanels.BrandAsync(brandings, ViewData, owner, cancellationToken);
        var path = OwnerPath(owner, type);
        var zone = Zone.Id;
        var carried = Carried.ToList();
        Picker = new SlotPickerView(shown, (m, d) => DateLink(path, m, d, zone, carried), HoldAction(path, zone, carried));
        Lengths = LengthsOf(length, shown, path, zone, carried);
        var keep = new List<KeyValuePair<string, string>> { new("month", InviteeFormat.Wire(shown.Month)) };
        if (shown.Selected is { } selected)
        {
            keep.Add(new("date", InviteeFormat.Wire(selected)));
        }

        ZoneChooser = new ZoneChooserView(path, Zone, ZoneChosen, [.. keep, .. carried], Now);
        return Page();
    }

    /// <summary>The lengths to choose from as links to the same month and date, the link (if any) kept; null with only one length.</summary>
    public static LengthPickerView? LengthsOf(LengthChoice length, SlotMonth shown, string path, string zone, IReadOnlyList<KeyValuePair<string, string>> carried)
    {
        if (!length.IsChoice)
        {
            return null;
        }

        var others = carried.Where(p => p.Key != LengthChoice.Parameter).ToList();
        return new LengthPickerView(length, minutes =>
            DateLink(path, shown.Month, shown.Selected, zone, [new(LengthChoice.Parameter, minutes.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. others]));
    }

    /// <summary>The parameters a form link carries on: the chosen length and the single-use link.</summary>
    public static List<KeyValuePair<string, string>> Keep(LengthChoice length, string? link)
    {
        var keep = new List<KeyValuePair<string, string>>();
        if (length.Kept is { } kept)
        {
            keep.Add(kept);
        }

        if (!string.IsNullOrEmpty(link))
        {
            keep.Add(new(LinkOnPage.Parameter, link));
        }

        return keep;
    }

    public static string DateLink(string path, YearMonth month, LocalDate? date, string zone, IEnumerable<KeyValuePair<string, string>>? carried = null)
    {
        var query = new QueryBuilder { { "month", InviteeFormat.Wire(month) } };
        if (date is { } d)
        {
            query.Add("date", InviteeFormat.Wire(d));
        }

        query.Add("tz", zone);
        foreach (var (name, value) in carried ?? [])
        {
            query.Add(name, value);
        }

        return path + query.ToQueryString() + (date is null ? "" : "#slots");
    }

    /// <summary>Where a chosen slot is posted to be held, for the meeting type at <paramref name="path"/>.</summary>
    public static string HoldAction(string path, string zone, IEnumerable<KeyValuePair<string, string>>? carried = null)
    {
        var query = new QueryBuilder { { "handler", "hold" }, { "tz", zone } };
        foreach (var (name, value) in carried ?? [])
        {
            query.Add(name, value);
        }

        return path + query.ToQueryString();
    }
}
