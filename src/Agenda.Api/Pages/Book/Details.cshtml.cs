using Agenda.Api.Availability;
using Agenda.Api.Bookings;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Notifications;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Wire;
using Agenda.Api.Slots;
using Agenda.Scheduling.Slots;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Agenda.Api.Pages.Book;

/// <summary>
/// <c>/{owner}/{meeting-type}/book?start=&amp;token=</c>: the invitee's name, email and note for one slot, then the
/// booking, made with the same store call and the same checks as <c>POST /v1/owners/{owner}/meeting-types/{slug}/bookings</c>.
/// The hold taken when the slot was chosen travels in the address and the form, and the booking names it. A slot taken
/// meanwhile (after the hold expired, or without one) is answered with the date's fresh slots.
/// </summary>
[Embeddable]
internal sealed class DetailsModel(
    OwnerCache owners, InviteeCalendar calendar, BookingService service, TimeProvider time, PageTexts texts, Owners.OwnerBranding brandings)
    : InviteePage(texts), IBookingForm
{
    private MeetingPanel panel = new("");

    public MeetingPanel Panel => BookingPanels.WithChoice(panel, Slot, Zone, T);

    public IReadOnlyList<Slot> Alternatives { get; private set; } = [];

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

    /// <summary>The hold on <see cref="Slot"/>, when the invitee took one by choosing the slot.</summary>
    public HeldSlot Hold { get; } = new(time);

    /// <summary>The key that makes sending this form twice book once.</summary>
    public FormSubmission Submission { get; } = new();

    /// <summary>Why the slot cannot be booked, shown above the fresh slots.</summary>
    public string? Refusal { get; private set; }

    public SlotPickerView? FreshSlots { get; private set; }

    public LengthChoice Length { get; private set; } = new([], 0);

    public InviteeChoices Choices { get; private set; } = new(new StoredMeetingType("", "", Scheduling.MeetingTypes.MeetingType.Default));

    public async Task<IActionResult> OnGetAsync(
        string owner, string type, string? start, string? tz, string? token, string? until, string? duration, string? link, CancellationToken cancellationToken)
    {
        if (await LoadAsync(owner, type, tz, duration, link, cancellationToken) is { } missing)
        {
            return missing;
        }

        var startsAt = InviteeFormat.ParseInstant(start);
        if (startsAt is { } held && !string.IsNullOrEmpty(token))
        {
            // Held for this invitee, so no search offers it any more: the hold stands for it until the booking decides.
            Slot = Length.RulesOf(MeetingType!).SlotAt(held);
            Hold.Keep(token, until);
            return Page();
        }

        var fresh = await FreshAsync(owner, type, startsAt, cancellationToken);
        if (startsAt is { } s && fresh.Offered(s) is { } offered)
        {
            Slot = offered;
        }
        else
        {
            Refuse(T.NoLongerOffered, owner, type, fresh, startsAt);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(
        string owner, string type, string? start, string? tz, string? token, string? until, string? submission, string? duration, string? link,
        CancellationToken cancellationToken)
    {
        if (await LoadAsync(owner, type, tz, duration, link, cancellationToken) is { } missing)
        {
            return missing;
        }

        Hold.Keep(token, until);
        Submission.Keep(submission);
        Choices.Read(Request.Form);

        var startsAt = InviteeFormat.ParseInstant(start);
        if (startsAt is not { } s)
        {
            Refuse(T.NoLongerOffered, owner, type, await FreshAsync(owner, type, null, cancellationToken), null);
            return Page();
        }

        var rules = Length.RulesOf(MeetingType!);
        var slot = rules.SlotAt(s);
        Slot = slot;

        var invitee = InviteeInput.Read(Name, Email, Note, T, Errors);
        var chosen = Choices.Resolve(Length, T, Errors);
        if (invitee is null || chosen is null)
        {
            return Page();
        }

        var command = new BookCommand(owner, type, chosen.Rules, invitee.ToRequest(chosen.Rules.SlotAt(s), Hold, T.Language.Code, Zone, chosen, LinkToken))
        {
            Approval = MeetingType!.Approval,
            Series = chosen.Series,
            Idempotency = Submission.For($"{owner}/{type}", slot, invitee, Zone),
        };
        var result = await service.BookAsync(command, cancellationToken);
        if (FormSubmission.ConfirmationOf(result, Zone) is { } confirmation)
        {
            return Redirect(confirmation);
        }

        if (result is BookResult.NotFound)
        {
            return NotFoundPage(T.UnknownOwner);
        }

        if (result is BookResult.Refused { Reason: Scheduling.Booking.BookingOutcome.LinkUsed })
        {
            return LinkUsedPage();
        }

        Slot = null;
        Hold.Forget();
        Submission.Renew();
        Refuse(T.Refusal(result), owner, type, await FreshAsync(owner, type, s, cancellationToken), s);
        return Page();
    }

    /// <summary>The form of the slot starting at <paramref name="start"/>, held with <paramref name="hold"/> until <paramref name="until"/>.</summary>
    public static string Link(string path, Instant start, string zone, string hold, Instant until, IEnumerable<KeyValuePair<string, string>>? carried = null)
    {
        var query = new QueryBuilder
        {
            { "start", InviteeFormat.Wire(start) },
            { "tz", zone },
            // Named token, as the API's links name a secret, so telemetry redacts it (SpanRedaction).
            { "token", hold },
            { "until", InviteeFormat.Wire(until) },
        };
        foreach (var (name, value) in carried ?? [])
        {
            query.Add(name, value);
        }

        return path + "/book" + query.ToQueryString();
    }

    private async Task<IActionResult?> LoadAsync(string owner, string type, string? tz, string? duration, string? link, CancellationToken cancellationToken)
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

        if (await ThroughLinkAsync(link, LinkTarget.Owner(owner, type), cancellationToken) is { } gone)
        {
            return gone;
        }

        Owner = found;
        MeetingType = meetingType;
        Length = LengthChoice.Of(meetingType, duration);
        if (Length.Kept is { } kept)
        {
            Carried.Insert(0, kept);
        }

        Choices = new InviteeChoices(meetingType);
        ChooseZone(tz, found.Zone);
        PageSecurityHeaders.AllowFormRedirect(Response, meetingType.Details.RedirectUrl);
        panel = BookingPanels.For(found, meetingType, T, await BookingPanels.BrandAsync(brandings, ViewData, owner, cancellationToken), Length.Minutes);
        return null;
    }

    /// <summary>
    /// Says why <paramref name="start"/> cannot be booked and offers the nearest free times in the form, so what the
    /// invitee typed stays; the month to choose from when none is near.
    /// </summary>
    private void Refuse(string why, string owner, string type, SlotMonth fresh, Instant? start)
    {
        Refusal = why;
        Alternatives = start is { } s ? fresh.NearestTo(s) : [];
        if (Alternatives.Count == 0)
        {
            FreshSlots = Picker(owner, type, fresh);
        }
    }

    /// <summary>The month and date of <paramref name="start"/> as they are now (the current month without one).</summary>
    private async Task<SlotMonth> FreshAsync(string owner, string type, Instant? start, CancellationToken cancellationToken)
    {
        var (lookup, epoch) = await owners.FindMeetingTypeAsync(owner, type, cancellationToken);
        var date = start?.InZone(Zone).Date;
        return await calendar.MonthAsync(new OwnerCopy(lookup.Owner ?? Owner!, epoch), Length.Apply(lookup.MeetingType ?? MeetingType!), Zone, date?.ToYearMonth(), date, cancellationToken)
            ?? calendar.Empty(Zone);
    }

    private SlotPickerView Picker(string owner, string type, SlotMonth month)
    {
        var path = OwnerPath(owner, type);
        var zone = Zone.Id;
        var carried = Carried.ToList();
        return new SlotPickerView(month, (m, d) => MeetingTypeModel.DateLink(path, m, d, zone, carried), MeetingTypeModel.HoldAction(path, zone, carried));
    }

    public static string Wire(Instant instant) => WireFormat.FormatUtc(instant);
}
