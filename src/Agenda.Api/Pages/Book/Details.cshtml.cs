using Agenda.Api.Access;
using Agenda.Api.Bookings;
using Agenda.Api.Hosting;
using Agenda.Api.Slots;
using Agenda.Api.Wire;
using Agenda.Scheduling.Slots;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Agenda.Api.Pages.Book;

/// <summary>
/// <c>/{owner}/{meeting-type}/book?start=</c>: the invitee's name, email and note for one slot, then the booking,
/// made with the same store call and the same checks as <c>POST /v1/owners/{owner}/meeting-types/{slug}/bookings</c>.
/// A slot taken meanwhile is answered with the date's fresh slots.
/// </summary>
[Embeddable]
public sealed class DetailsModel(OwnerCache owners, InviteeCalendar calendar, IBookingStore bookings, TimeProvider time, BookingMetrics metrics, PageTexts texts)
    : InviteePage(texts)
{
    public const int MaxNoteLength = 2000;

    public OwnerSnapshot? Owner { get; private set; }

    public StoredMeetingType? MeetingType { get; private set; }

    /// <summary>The slot the form books; null when it is not (or no longer) offered.</summary>
    public Slot? Slot { get; private set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>Why the slot cannot be booked, shown above the fresh slots.</summary>
    public string? Refusal { get; private set; }

    public SlotPickerView? FreshSlots { get; private set; }

    public async Task<IActionResult> OnGetAsync(string owner, string type, string? start, string? tz, CancellationToken cancellationToken)
    {
        if (await LoadAsync(owner, type, tz, cancellationToken) is { } missing)
        {
            return missing;
        }

        var startsAt = InviteeFormat.ParseInstant(start);
        var fresh = await FreshAsync(owner, type, startsAt, cancellationToken);
        if (startsAt is { } s && fresh.SelectedSlots.FirstOrDefault(slot => slot.Start == s) is { } offered)
        {
            Slot = offered;
        }
        else
        {
            Refusal = T.NoLongerOffered;
            FreshSlots = Picker(owner, type, fresh);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string owner, string type, string? start, string? tz, CancellationToken cancellationToken)
    {
        if (await LoadAsync(owner, type, tz, cancellationToken) is { } missing)
        {
            return missing;
        }

        var startsAt = InviteeFormat.ParseInstant(start);
        if (startsAt is not { } s)
        {
            Refusal = T.NoLongerOffered;
            FreshSlots = Picker(owner, type, await FreshAsync(owner, type, null, cancellationToken));
            return Page();
        }

        var slot = MeetingType!.Rules.SlotAt(s);
        Slot = slot;

        // The API's own reading of each field decides what is valid; the page only words the answer.
        var check = new RequestErrors();
        var name = check.Name("name", Name);
        if (check.Any)
        {
            Errors["name"] = T.NameRequired;
        }

        check = new RequestErrors();
        var email = string.IsNullOrWhiteSpace(Email) ? null : check.Email("email", Email.Trim());
        if (email is null)
        {
            Errors["email"] = T.EmailInvalid;
        }

        check = new RequestErrors();
        var note = check.Text("note", string.IsNullOrWhiteSpace(Note) ? null : Note, MaxNoteLength);
        if (check.Any)
        {
            Errors["note"] = T.NoteInvalid;
        }

        if (Errors.Count > 0 || name is null)
        {
            return Page();
        }

        var token = Secrets.NewSecret(BookingAccess.TokenPrefix);
        var attempt = await bookings.BookAsync(owner, new BookingRequest(name, slot, email, note, Secrets.Hash(token)), MeetingType.Rules, type, time.GetCurrentInstant(), cancellationToken);
        metrics.CountBooking(attempt);
        switch (attempt)
        {
            case BookingAttempt.Booked booked:
                return Redirect($"/booking/{Uri.EscapeDataString(booked.Booking.Id)}/confirmed?token={Uri.EscapeDataString(token)}&tz={Uri.EscapeDataString(Zone.Id)}");
            case BookingAttempt.Refused refused:
                Refusal = T.Refusal(refused.Reason);
                Slot = null;
                FreshSlots = Picker(owner, type, await FreshAsync(owner, type, s, cancellationToken));
                return Page();
            default:
                return NotFoundPage(T.UnknownOwner);
        }
    }

    private async Task<IActionResult?> LoadAsync(string owner, string type, string? tz, CancellationToken cancellationToken)
    {
        var (lookup, _) = await owners.FindMeetingTypeAsync(owner, type, cancellationToken);
        if (lookup.Owner is not { } found)
        {
            return NotFoundPage(T.UnknownOwner);
        }

        if (lookup.MeetingType is not { } meetingType)
        {
            return NotFoundPage(T.UnknownMeetingType, OwnerPath(owner));
        }

        Owner = found;
        MeetingType = meetingType;
        ChooseZone(tz, found.Zone);
        return null;
    }

    /// <summary>The month and date of <paramref name="start"/> as they are now (the current month without one).</summary>
    private async Task<SlotMonth> FreshAsync(string owner, string type, Instant? start, CancellationToken cancellationToken)
    {
        var (lookup, epoch) = await owners.FindMeetingTypeAsync(owner, type, cancellationToken);
        var date = start?.InZone(Zone).Date;
        return await calendar.MonthAsync(new OwnerCopy(lookup.Owner ?? Owner!, epoch), lookup.MeetingType ?? MeetingType!, Zone, date?.ToYearMonth(), date, cancellationToken)
            ?? new SlotMonth(time.GetCurrentInstant().InZone(Zone).Date.ToYearMonth(), new Dictionary<LocalDate, IReadOnlyList<Slot>>(), null, [], Zone, false);
    }

    private SlotPickerView Picker(string owner, string type, SlotMonth month)
    {
        var path = OwnerPath(owner, type);
        var zone = Zone.Id;
        return new SlotPickerView(month, (m, d) => MeetingTypeModel.DateLink(path, m, d, zone), slot => MeetingTypeModel.FormLink(path, slot.Start, zone));
    }

    public string? ErrorOf(string field) => Errors.GetValueOrDefault(field);

    public static string Wire(Instant instant) => WireFormat.FormatUtc(instant);
}
