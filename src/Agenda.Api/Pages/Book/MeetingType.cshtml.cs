using Agenda.Api.Slots;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Agenda.Api.Pages.Book;

/// <summary>
/// <c>/{owner}/{meeting-type}</c>: a month that marks the dates with free slots, and the free slots of a chosen date,
/// in the invitee's zone; each slot leads to the booking form.
/// </summary>
[Embeddable]
public sealed class MeetingTypeModel(OwnerCache owners, InviteeCalendar calendar, PageTexts texts) : InviteePage(texts)
{
    public OwnerSnapshot? Owner { get; private set; }

    public StoredMeetingType? MeetingType { get; private set; }

    public SlotPickerView? Picker { get; private set; }

    public ZoneChooserView? ZoneChooser { get; private set; }

    public async Task<IActionResult> OnGetAsync(string owner, string type, string? month, string? date, string? tz, CancellationToken cancellationToken)
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

        ChooseZone(tz, found.Zone);
        var shown = await calendar.MonthAsync(new OwnerCopy(found, epoch), meetingType, Zone, InviteeFormat.ParseMonth(month), InviteeFormat.ParseDate(date), cancellationToken);
        if (shown is null)
        {
            return NotFoundPage(T.UnknownOwner);
        }

        Owner = found;
        MeetingType = meetingType;
        var path = OwnerPath(owner, type);
        var zone = Zone.Id;
        Picker = new SlotPickerView(shown, (m, d) => DateLink(path, m, d, zone), slot => FormLink(path, slot.Start, zone));
        var keep = new List<KeyValuePair<string, string>> { new("month", InviteeFormat.Wire(shown.Month)) };
        if (shown.Selected is { } selected)
        {
            keep.Add(new("date", InviteeFormat.Wire(selected)));
        }

        ZoneChooser = new ZoneChooserView(path, Zone, ZoneChosen, keep);
        return Page();
    }

    public static string DateLink(string path, YearMonth month, LocalDate? date, string zone)
    {
        var query = new QueryBuilder { { "month", InviteeFormat.Wire(month) } };
        if (date is { } d)
        {
            query.Add("date", InviteeFormat.Wire(d));
        }

        query.Add("tz", zone);
        return path + query.ToQueryString() + (date is null ? "" : "#slots");
    }

    public static string FormLink(string path, Instant start, string zone) =>
        path + "/book" + new QueryBuilder { { "start", InviteeFormat.Wire(start) }, { "tz", zone } }.ToQueryString();
}
