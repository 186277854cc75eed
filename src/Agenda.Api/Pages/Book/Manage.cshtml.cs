using Agenda.Api.Bookings;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Wire;
using Agenda.Api.Slots;
using Agenda.Scheduling.Booking;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Book;

/// <summary>
/// <c>/booking/{id}?token=</c>: the invitee's booking, to cancel (with an optional reason) or to move to another free
/// slot of its meeting type, through the same store calls as the API's cancel and reschedule (a move is atomic). A team
/// booking moves with its hosts, so it is offered the times all of them are free for.
/// Not embeddable: its buttons change a booking, so no other site may frame them.
/// </summary>
internal sealed class ManageModel(
    IBookingStore bookings, IOwnerStore owners, IMeetingTypeStore meetingTypes, ITeamStore teams, ITeamBookingStore teamBookings, OwnerCache ownerCache, InviteeCalendar calendar,
    BookingService service, PageTexts texts, BookingLinks links)
    : BookingPage(bookings, owners, meetingTypes, teams, teamBookings, texts)
{
    /// <summary>For a meeting of a weekly series, the series: the page lists its meetings, each linked to its own page.</summary>
    public StoredSeries? Series { get; private set; }

    /// <summary>Whether the series has active meetings after this one, which cancelling may take along.</summary>
    public bool HasLaterMeetings => Series is { } series && series.Bookings.Any(b => b.IsActive && b.SeriesIndex > Booking!.SeriesIndex);

    /// <summary>The page of another meeting of the series, opened by a token bound to that meeting (it shares this one's token).</summary>
    public string SeriesLink(StoredBooking meeting) =>
        ManagePath(meeting.Id, links.ManageToken(meeting) ?? Token) + "&tz=" + Uri.EscapeDataString(Zone.Id);

    [BindProperty]
    public string? Reason { get; set; }

    public string? ReasonError { get; private set; }

    /// <summary>What just happened (after a change) or why a change was refused.</summary>
    public string? Message { get; private set; }

    public bool MessageIsRefusal { get; private set; }

    public SlotPickerView? Picker { get; private set; }

    public ZoneChooserView? ZoneChooser { get; private set; }

    /// <summary>A time the invitee chose to move to, shown beside the current one before they confirm the move.</summary>
    public Scheduling.Slots.Slot? MoveTo { get; private set; }

    public MeetingPanel Panel => new(TeamMeetingType is not null && Team is { } team ? team.Name : OwnerName)
    {
        Title = MeetingTitle,
        TitleIsHeading = false,
        Minutes = Booking is { } b ? (int)(b.Slot.End - b.Slot.Start).TotalMinutes : null,
        Zone = ZoneDirectory.Name(Zone.Id),
    };

    public string Path => $"/booking/{Uri.EscapeDataString(Booking!.Id)}";

    /// <summary>How late the invitee may change this booking: its meeting type's policy (anytime before it begins when the type is gone).</summary>
    public InviteeChangePolicy Policy { get; private set; } = InviteeChangePolicy.Anytime;

    /// <summary>Whether the invitee may still cancel online now (the policy's notice not yet reached).</summary>
    public bool MayCancel => Policy.MayCancel(Booking!.Slot, Now, "-") == ChangeOutcome.Allowed;

    /// <summary>Whether the invitee may still move the booking online now.</summary>
    public bool MayMove => Policy.MayReschedule(Booking!.Slot, Now) == ChangeOutcome.Allowed;

    /// <summary>Until when the invitee may cancel online, in their zone, when the type sets a notice.</summary>
    public string? CancelUntil => Policy.CancelNotice is { } notice ? When(Booking!.Slot.Start - notice) : null;

    /// <summary>Until when the invitee may move the booking online, in their zone, when the type sets a notice.</summary>
    public string? MoveUntil => Policy.RescheduleNotice is { } notice ? When(Booking!.Slot.Start - notice) : null;

    private string When(NodaTime.Instant instant) =>
        $"{InviteeFormat.LongDate(instant.InZone(Zone).Date, T.Culture)}, {InviteeFormat.Time(instant, Zone, T.Culture)} ({Zone.Id})";

    /// <summary>The booking and, for the invitee, how late they may change it.</summary>
    private async Task<IActionResult?> LoadWithPolicyAsync(string bookingId, string? token, string? tz, CancellationToken cancellationToken)
    {
        if (await LoadAsync(bookingId, token, tz, cancellationToken) is { } missing)
        {
            return missing;
        }

        Policy = await service.InviteeChangesAsync(Booking!, cancellationToken);
        Series = await service.SeriesOfAsync(Booking!, cancellationToken);
        return null;
    }

    public async Task<IActionResult> OnGetAsync(
        string bookingId, string? token, string? tz, string? month, string? date, string? done, string? start, CancellationToken cancellationToken)
    {
        if (await LoadWithPolicyAsync(bookingId, token, tz, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (Booking!.IsActive && MayMove && InviteeFormat.ParseInstant(start) is { } moveTo)
        {
            // Only shown: the move itself is a post, refused if the time is no longer free.
            MoveTo = new Scheduling.Slots.Slot(moveTo, moveTo + (Booking.Slot.End - Booking.Slot.Start));
            return Page();
        }

        Message = done switch
        {
            "cancelled" => T.WasCancelled,
            "moved" => T.Rescheduled,
            _ => null,
        };
        await PickerAsync(month, date, cancellationToken);
        return Page();
    }

    /// <summary>Cancels the booking; with <paramref name="following"/>, a meeting of a series with every later one.</summary>
    public async Task<IActionResult> OnPostCancelAsync(string bookingId, string? token, string? tz, bool following, CancellationToken cancellationToken)
    {
        if (await LoadWithPolicyAsync(bookingId, token, tz, cancellationToken) is { } missing)
        {
            return missing;
        }

        var check = new RequestErrors();
        var reason = check.Text("reason", string.IsNullOrWhiteSpace(Reason) ? null : Reason, InviteeInput.MaxNoteLength);
        if (check.Any)
        {
            ReasonError = T.ReasonInvalid;
            await PickerAsync(null, null, cancellationToken);
            return Page();
        }

        var result = await service.CancelAsync(bookingId, BookingAccess.Invitee, reason, following, cancellationToken);
        if (result is { Outcome: ChangeOutcome.Allowed })
        {
            return Redirect(Done("cancelled"));
        }

        if (result is { Outcome: ChangeOutcome.ReasonRequired })
        {
            ReasonError = T.CancelReasonRequired;
            await PickerAsync(null, null, cancellationToken);
            return Page();
        }

        return await RefusedAsync(result is null ? T.UnknownBooking : T.Refusal(result.Outcome), null, cancellationToken);
    }

    /// <summary>Moves the booking; with <paramref name="following"/>, a meeting of a series with every later one, all or none.</summary>
    public async Task<IActionResult> OnPostRescheduleAsync(string bookingId, string? token, string? tz, string? start, bool following, CancellationToken cancellationToken)
    {
        if (await LoadWithPolicyAsync(bookingId, token, tz, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (InviteeFormat.ParseInstant(start) is not { } startsAt)
        {
            return await RefusedAsync(T.NoLongerOffered, null, cancellationToken);
        }

        if (following && Booking!.SeriesId is not null)
        {
            return await service.RescheduleFollowingAsync(bookingId, startsAt, BookingAccess.Invitee, cancellationToken) switch
            {
                null => NotFoundPage(T.UnknownBooking),
                { Outcome: not ChangeOutcome.Allowed } change => await RefusedAsync(T.Refusal(change.Outcome), null, cancellationToken),
                { Refused.Count: > 0 } change => await RefusedAsync(
                    T.SeriesMoveRefused(change.Refused.Count, Series!.Bookings.Count(b => b.IsActive && b.SeriesIndex >= Booking.SeriesIndex)), null, cancellationToken),
                _ => Redirect(Done("moved")),
            };
        }

        var attempt = await service.RescheduleAsync(bookingId, startsAt, BookingAccess.Invitee, cancellationToken);
        return attempt switch
        {
            BookingAttempt.Booked => Redirect(Done("moved")),
            BookingAttempt.Refused refused => await RefusedAsync(T.Refusal(refused.Reason), WireFormat.FormatDate(startsAt.InZone(Zone).Date), cancellationToken),
            BookingAttempt.NotChangeable why => await RefusedAsync(T.Refusal(why.Reason), null, cancellationToken),
            _ => NotFoundPage(T.UnknownBooking),
        };
    }

    private async Task<IActionResult> RefusedAsync(string message, string? date, CancellationToken cancellationToken)
    {
        Message = message;
        MessageIsRefusal = true;
        // The booking as it stands now, with the date's fresh slots.
        Booking = await Bookings.GetBookingAsync(Booking!.Id, cancellationToken) ?? Booking;
        await PickerAsync(date?[..7], date, cancellationToken);
        return Page();
    }

    private string Done(string what) => ManageLink + "&tz=" + Uri.EscapeDataString(Zone.Id) + "&done=" + what;

    /// <summary>For an active booking whose meeting type still exists: a month of the free slots it can move to.</summary>
    private async Task PickerAsync(string? month, string? date, CancellationToken cancellationToken)
    {
        var path = Path;
        ZoneChooser = new ZoneChooserView(path, Zone, ZoneChosen, [new("token", Token)], Now);
        if (!Booking!.IsActive || !MayMove)
        {
            return;
        }

        var shown = await MonthToMoveToAsync(InviteeFormat.ParseMonth(month), InviteeFormat.ParseDate(date), cancellationToken);
        if (shown is null)
        {
            return;
        }

        var token = Token;
        var zone = Zone.Id;
        Picker = new SlotPickerView(shown, (m, d) =>
        {
            var query = new QueryBuilder { { "token", token }, { "tz", zone }, { "month", InviteeFormat.Wire(m) } };
            if (d is { } day)
            {
                query.Add("date", InviteeFormat.Wire(day));
            }

            return path + query.ToQueryString() + (d is null ? "" : "#slots");
        }, SlotFormAction: null);
    }

    /// <summary>The month of slots the booking can move to: its hosts' common free times for a team booking, else its owner's meeting type's.</summary>
    private async Task<SlotMonth?> MonthToMoveToAsync(NodaTime.YearMonth? month, NodaTime.LocalDate? date, CancellationToken cancellationToken)
    {
        if (Booking!.TeamBookingId is not null)
        {
            return Team is { } team && TeamMeetingType is { } teamType && HostIds.Count > 0
                ? await calendar.TeamMonthAsync(team, teamType, Zone, month, date, cancellationToken, HostIds)
                : null;
        }

        if (MeetingType is null)
        {
            return null;
        }

        var (lookup, epoch) = await ownerCache.FindMeetingTypeAsync(Booking.OwnerId, Booking.MeetingTypeKey, cancellationToken);
        return lookup is { Owner: { } owner, MeetingType: { } type }
            ? await calendar.MonthAsync(new OwnerCopy(owner, epoch), type, Zone, month, date, cancellationToken)
            : null;
    }

    /// <summary>Where a form of this page posts: its handler, with the token and zone.</summary>
    public string Action(string handler) =>
        $"/booking/{Uri.EscapeDataString(Booking!.Id)}" + new QueryBuilder { { "token", Token }, { "tz", Zone.Id }, { "handler", handler } }.ToQueryString();
}
