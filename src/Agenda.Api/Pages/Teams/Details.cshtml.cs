using Agenda.Api.Availability;
using Agenda.Api.Bookings;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Notifications;
using Agenda.Api.Pages.Book;
using Agenda.Api.Platform.Wire;
using Agenda.Api.Slots;
using Agenda.Scheduling.Slots;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace Agenda.Api.Pages.Teams;

/// <summary>
/// <c>/team/{team}/{slug}/book?start=</c>: the invitee's name, email and note for one team slot, then the booking, made
/// as <c>POST /v1/teams/{team}/meeting-types/{slug}/bookings</c> makes it (the hosts' calendars read again first, then
/// <see cref="BookingService.BookTeamAsync"/>, naming the hold taken when the slot was chosen). A slot that is not, or no
/// longer, offered is answered with the date's fresh slots.
/// </summary>
[Embeddable]
internal sealed class DetailsModel(TeamCache cache, InviteeCalendar calendar, BookingService service, TimeProvider time, PageTexts texts)
    : TeamPage(cache, texts), IBookingForm
{
    public MeetingPanel Panel => BookingPanels.WithChoice(BookingPanels.For(Team!, MeetingType!, T, Length.Minutes), Slot, Zone, T);

    public InviteeChoices Choices { get; private set; } = new(new StoredMeetingType("", "", Scheduling.MeetingTypes.MeetingType.Default));

    public IReadOnlyList<Slot> Alternatives { get; private set; } = [];

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

    public async Task<IActionResult> OnGetAsync(
        string teamId, string slug, string? start, string? tz, string? token, string? until, string? duration, string? link, CancellationToken cancellationToken)
    {
        if (await LoadFormAsync(teamId, slug, tz, duration, link, cancellationToken) is { } missing)
        {
            return missing;
        }

        var startsAt = InviteeFormat.ParseInstant(start);
        if (startsAt is { } held && !string.IsNullOrEmpty(token))
        {
            // Held for this invitee, so no search offers it any more: the hold stands for it until the booking decides.
            Slot = Length.RulesOf(MeetingType!.Shared).SlotAt(held);
            Hold.Keep(token, until);
            return Page();
        }

        var fresh = await FreshAsync(startsAt, cancellationToken);
        if (startsAt is { } s && fresh.Offered(s) is { } offered)
        {
            Slot = offered;
        }
        else
        {
            Refuse(T.NoLongerOffered, teamId, slug, fresh, startsAt);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(
        string teamId, string slug, string? start, string? tz, string? token, string? until, string? submission, string? duration, string? link,
        CancellationToken cancellationToken)
    {
        if (await LoadFormAsync(teamId, slug, tz, duration, link, cancellationToken) is { } missing)
        {
            return missing;
        }

        Hold.Keep(token, until);
        Submission.Keep(submission);
        Choices.Read(Request.Form);

        if (InviteeFormat.ParseInstant(start) is not { } startsAt)
        {
            Refuse(T.NoLongerOffered, teamId, slug, await FreshAsync(null, cancellationToken), null);
            return Page();
        }

        var slot = Length.RulesOf(MeetingType!.Shared).SlotAt(startsAt);
        Slot = slot;
        var invitee = InviteeInput.Read(Name, Email, Note, T, Errors);
        var chosen = Choices.Resolve(Length, T, Errors);
        if (invitee is null || chosen is null)
        {
            return Page();
        }

        // As the API: every host's calendar is read again first, so a meeting put in it a moment ago counts.
        var request = invitee.ToRequest(chosen.Rules.SlotAt(startsAt), Hold, T.Language.Code, Zone, chosen, LinkToken);
        var command = new TeamBookCommand(teamId, slug, [.. MeetingType.Team.Hosts.Select(h => h.OwnerId)], request)
        {
            Series = chosen.Series,
            Idempotency = Submission.For($"team:{teamId}/{slug}", slot, invitee, Zone),
        };
        var result = await service.BookTeamAsync(command, cancellationToken);
        if (FormSubmission.ConfirmationOf(result, Zone) is { } confirmation)
        {
            return Redirect(confirmation);
        }

        if (result is BookResult.NotFound)
        {
            return NotFoundPage(T.UnknownMeetingType, TeamPath(teamId));
        }

        if (result is BookResult.Refused { Reason: Scheduling.Booking.BookingOutcome.LinkUsed })
        {
            return LinkUsedPage();
        }

        Slot = null;
        Hold.Forget();
        Submission.Renew();
        Refuse(T.Refusal(result), teamId, slug, await FreshAsync(startsAt, cancellationToken), startsAt);
        return Page();
    }

    /// <summary>The form of the team slot starting at <paramref name="start"/>, held with <paramref name="hold"/> until <paramref name="until"/> when it was.</summary>
    public static string Link(
        string teamId, string slug, Instant? start, string zone, string? hold = null, Instant? until = null, IEnumerable<KeyValuePair<string, string>>? carried = null)
    {
        var query = new QueryBuilder();
        if (start is { } s)
        {
            query.Add("start", InviteeFormat.Wire(s));
        }

        query.Add("tz", zone);
        if (hold is not null && until is { } end)
        {
            // Named token, as the API's links name a secret, so telemetry redacts it (SpanRedaction).
            query.Add("token", hold);
            query.Add("until", InviteeFormat.Wire(end));
        }

        foreach (var (name, value) in carried ?? [])
        {
            query.Add(name, value);
        }

        return TeamPath(teamId, slug) + "/book" + query.ToQueryString();
    }

    /// <summary>Says why the time cannot be booked and offers the nearest free times in the form (as the personal form does).</summary>
    private void Refuse(string why, string teamId, string slug, SlotMonth fresh, Instant? start)
    {
        Refusal = why;
        Alternatives = start is { } s ? fresh.NearestTo(s) : [];
        if (Alternatives.Count == 0)
        {
            FreshSlots = MeetingTypeModel.Pick(teamId, slug, fresh, Carried);
        }
    }

    /// <summary>The month and date of <paramref name="start"/> as they are now (the current month without one).</summary>
    private Task<SlotMonth> FreshAsync(Instant? start, CancellationToken cancellationToken)
    {
        var date = start?.InZone(Zone).Date;
        return calendar.TeamMonthAsync(Team!, Length.Apply(MeetingType!), Zone, date?.ToYearMonth(), date, cancellationToken);
    }

    /// <summary>The team and type, as <see cref="TeamPage"/> finds them, with the form's questions and the CSP that lets it lead to the type's redirect address.</summary>
    private async Task<IActionResult?> LoadFormAsync(string teamId, string slug, string? tz, string? duration, string? link, CancellationToken cancellationToken)
    {
        if (await LoadAsync(teamId, slug, tz, duration, link, cancellationToken) is { } missing)
        {
            return missing;
        }

        Choices = new InviteeChoices(MeetingType!.Shared);
        PageSecurityHeaders.AllowFormRedirect(Response, MeetingType.Shared.Details.RedirectUrl);
        return null;
    }

    public static string Wire(Instant instant) => WireFormat.FormatUtc(instant);
}
