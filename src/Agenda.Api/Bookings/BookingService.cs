using Agenda.Api.Calendars.Sync;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Hosting;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Bookings;

/// <summary>
/// The booking use cases beneath every door: the documented API, /v1, the booking pages and the console book, move and
/// cancel through here, personal and team alike. Each call owns what every door needs: the owner's (or every host's)
/// calendars read again first, the invitee's management token, the idempotency key, and the booking metrics. A door
/// parses, authorises, calls one method and maps its result.
/// </summary>
internal sealed class BookingService(
    IOwnerStore owners, IBookingStore bookings, IIdempotentBookingStore idempotent, ITeamBookingStore teams, CalendarRecheck recheck, BookingMetrics metrics,
    TimeProvider time, IMeetingTypeStore meetingTypes, ITeamStore teamTypes, IApprovalStore approvals, ISeriesStore series)
{
    /// <summary>Books a slot of an owner's meeting type, under the command's idempotency key when it has one.</summary>
    public async Task<BookResult> BookAsync(BookCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await recheck.RecheckAsync(command.OwnerId, cancellationToken);
        var (request, token) = WithManageToken(command.Request, command.IssueManageToken);
        var now = time.GetCurrentInstant();
        if (command.Approval is { } approval)
        {
            // A type that requires approval: the booking is a request, which expires unanswered.
            request = request with { Status = approval.RequestStatus, ExpiresAt = approval.ExpiryOf(request.Slot, now) };
        }

        if (command.Series is { } rule)
        {
            return await BookSeriesAsync(command, request, rule, token, now, cancellationToken);
        }

        BookingAttempt attempt;
        if (command.Idempotency is { } idempotency)
        {
            switch (await idempotent.BookIdempotentlyAsync(
                command.OwnerId, request, command.Rules, command.TypeKey, now, idempotency.Key, booking => idempotency.Answer([booking], token), cancellationToken))
            {
                case IdempotentBooking.Replayed replayed:
                    return new BookResult.Replayed(replayed.Payload);
                case IdempotentBooking.Attempted tried:
                    attempt = tried.Attempt;
                    break;
                default:
                    return new BookResult.KeyReused();
            }
        }
        else
        {
            attempt = await bookings.BookAsync(command.OwnerId, request, command.Rules, command.TypeKey, now, cancellationToken);
        }

        metrics.CountBooking(attempt);
        return attempt switch
        {
            BookingAttempt.Booked booked => new BookResult.Booked([booked.Booking], token),
            BookingAttempt.Refused refused => new BookResult.Refused(refused.Reason),
            _ => new BookResult.NotFound(),
        };
    }

    /// <summary>A weekly series from the command's slot, all or nothing; every meeting shares the invitee's one management token.</summary>
    private async Task<BookResult> BookSeriesAsync(BookCommand command, BookingRequest request, SeriesRule rule, string? token, Instant now, CancellationToken cancellationToken)
    {
        var attempt = await series.BookSeriesAsync(
            command.OwnerId, request, rule, command.Rules, command.TypeKey, now, command.Idempotency?.Key,
            command.Idempotency is { } idempotency ? booked => idempotency.Answer(booked.Bookings, token) : null, cancellationToken);
        return SeriesResult(attempt, rule, token, booked => booked.Series.Bookings);
    }

    /// <summary>
    /// What booking a series came to, counted; a booked one answers with <paramref name="answered"/> (every meeting of an
    /// owner's series; the first meeting's shares of a team's).
    /// </summary>
    private BookResult SeriesResult(SeriesAttempt attempt, SeriesRule rule, string? token, Func<SeriesAttempt.Booked, IReadOnlyList<StoredBooking>> answered)
    {
        switch (attempt)
        {
            case SeriesAttempt.Booked booked:
                metrics.CountBooking(new BookingAttempt.Booked(booked.Series.Bookings[0]));
                return new BookResult.Booked(answered(booked), token);
            case SeriesAttempt.Refused refused:
                metrics.CountBooking(new BookingAttempt.Refused(refused.Meetings[0].Reason));
                return new BookResult.SeriesRefused(refused.Meetings, rule.Count);
            case SeriesAttempt.Replayed replayed:
                return new BookResult.Replayed(replayed.Payload);
            case SeriesAttempt.KeyReused:
                return new BookResult.KeyReused();
            default:
                return new BookResult.NotFound();
        }
    }

    /// <summary>The series of a booking with every meeting; null when the booking is of none.</summary>
    public async Task<StoredSeries?> SeriesOfAsync(StoredBooking booking, CancellationToken cancellationToken) =>
        booking.SeriesId is { } id ? await series.GetSeriesAsync(id, cancellationToken) : null;

    /// <summary>
    /// Moves a meeting of a series and every later one (<see cref="ISeriesStore.RescheduleFollowingAsync"/>), reading the
    /// owner's calendars again first; an invitee is held to the meeting type's policy for the meeting named. For a meeting
    /// of a series only: a door moves any other booking with <see cref="RescheduleAsync"/>.
    /// </summary>
    public async Task<SeriesChange?> RescheduleFollowingAsync(string bookingId, Instant newStart, string movedBy, CancellationToken cancellationToken)
    {
        if (await MoveRefusedToInviteeAsync(bookingId, movedBy, cancellationToken) is { } refused)
        {
            return new SeriesChange(refused.Reason, refused.Booking, [], []);
        }

        await recheck.RecheckOwnerOfAsync(bookingId, cancellationToken);
        var change = await series.RescheduleFollowingAsync(bookingId, newStart, time.GetCurrentInstant(), cancellationToken);
        metrics.CountReschedule(change switch
        {
            null => null,
            { Outcome: not ChangeOutcome.Allowed } => new BookingAttempt.NotChangeable(change.Outcome),
            { Refused: [var first, ..] } => new BookingAttempt.Refused(first.Reason),
            _ => new BookingAttempt.Booked(change.Booking),
        });
        return change;
    }

    /// <summary>Books a slot of a team meeting type for the hosts the engine assigns, reading every host's calendars again first.</summary>
    public async Task<BookResult> BookTeamAsync(TeamBookCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await recheck.RecheckHostsAsync(command.HostIds, cancellationToken);
        var (request, token) = WithManageToken(command.Request, issue: true);
        var now = time.GetCurrentInstant();
        if (command.Series is { } rule)
        {
            // The same hosts for every meeting, all or nothing; every meeting shares the invitee's one management token.
            var booked = await series.BookTeamSeriesAsync(
                command.TeamId, command.Slug, request, rule, now, command.Idempotency?.Key,
                command.Idempotency is { } keyed ? shares => keyed.Answer(shares, token) : null, cancellationToken);
            return SeriesResult(booked, rule, token, b => b.FirstShares);
        }

        TeamBookingAttempt attempt;
        if (command.Idempotency is { } idempotency)
        {
            switch (await teams.BookTeamIdempotentlyAsync(
                command.TeamId, command.Slug, request, now, idempotency.Key, shares => idempotency.Answer(shares, token), cancellationToken))
            {
                case IdempotentTeamBooking.Replayed replayed:
                    return new BookResult.Replayed(replayed.Payload);
                case IdempotentTeamBooking.Attempted tried:
                    attempt = tried.Attempt;
                    break;
                default:
                    return new BookResult.KeyReused();
            }
        }
        else
        {
            attempt = await teams.BookTeamAsync(command.TeamId, command.Slug, request, now, cancellationToken);
        }

        switch (attempt)
        {
            case TeamBookingAttempt.Booked booked:
                metrics.CountBooking(new BookingAttempt.Booked(booked.Bookings[0]));
                return new BookResult.Booked(booked.Bookings, token);
            case TeamBookingAttempt.Refused refused:
                metrics.CountBooking(new BookingAttempt.Refused(refused.Reason));
                return new BookResult.Refused(refused.Reason);
            default:
                return new BookResult.NotFound();
        }
    }

    /// <summary>
    /// Moves a booking (every share of a team booking) to <paramref name="newStart"/> on behalf of <paramref name="movedBy"/>,
    /// reading its owner's calendars again first. An invitee is held to the meeting type's <see cref="InviteeChangePolicy"/>.
    /// </summary>
    public async Task<BookingAttempt?> RescheduleAsync(string bookingId, Instant newStart, string movedBy, CancellationToken cancellationToken)
    {
        if (await MoveRefusedToInviteeAsync(bookingId, movedBy, cancellationToken) is { } refused)
        {
            return new BookingAttempt.NotChangeable(refused.Reason);
        }

        await recheck.RecheckOwnerOfAsync(bookingId, cancellationToken);
        var attempt = await bookings.RescheduleAsync(bookingId, newStart, time.GetCurrentInstant(), cancellationToken);
        metrics.CountReschedule(attempt);
        return attempt;
    }

    /// <summary>
    /// One page of the owner's bookings that <paramref name="request"/> selects, soonest first, with the owner (whose zone
    /// the request's dates are taken in); null for an unknown owner.
    /// </summary>
    public async Task<(OwnerSnapshot Owner, IReadOnlyList<StoredBooking> Page)?> ListAsync(string ownerId, BookingListRequest request, CancellationToken cancellationToken)
    {
        if (await owners.FindOwnerAsync(ownerId, cancellationToken) is not { } owner)
        {
            return null;
        }

        return (owner, await bookings.ListBookingsAsync(ownerId, request.ToQuery(owner.Zone, time.GetCurrentInstant()), cancellationToken) ?? []);
    }

    /// <summary>
    /// The owner confirms a request awaiting approval: it becomes an active booking (<see cref="IApprovalStore.ConfirmAsync"/>).
    /// Null for an unknown booking.
    /// </summary>
    public async Task<BookingAttempt?> ConfirmAsync(string bookingId, CancellationToken cancellationToken)
    {
        var attempt = await approvals.ConfirmAsync(bookingId, time.GetCurrentInstant(), cancellationToken);
        metrics.CountChange("confirm", attempt);
        return attempt;
    }

    /// <summary>The owner declines a request awaiting approval, saying why if they wish. Null for an unknown booking.</summary>
    public async Task<CancelResult?> DeclineAsync(string bookingId, string? reason, CancellationToken cancellationToken)
    {
        var result = await approvals.DeclineAsync(bookingId, reason, time.GetCurrentInstant(), cancellationToken);
        metrics.CountChange("decline", result is { Outcome: not ChangeOutcome.Allowed and var refused } ? new BookingAttempt.NotChangeable(refused) : null);
        return result;
    }

    /// <summary>Expires the requests whose wait has run out, at most <paramref name="limit"/>; how many it expired.</summary>
    public Task<int> ExpireDueRequestsAsync(int limit, CancellationToken cancellationToken) =>
        approvals.ExpireDueRequestsAsync(time.GetCurrentInstant(), limit, cancellationToken);

    /// <summary>
    /// The attendees of one slot of a type with seats, as its owner sees them: the seats that hold time, in the order they
    /// were booked, and the slot's capacity, with the owner; null when the owner has no such seat slot.
    /// </summary>
    public async Task<(OwnerSnapshot Owner, SeatList Seats)?> SeatsAsync(string ownerId, string seatSlotId, CancellationToken cancellationToken)
    {
        if (await owners.FindOwnerAsync(ownerId, cancellationToken) is not { } owner
            || await bookings.ListSeatsAsync(seatSlotId, cancellationToken) is not { } seats
            || seats.OwnerId != ownerId)
        {
            return null;
        }

        return (owner, seats);
    }

    /// <summary>
    /// Cancels a booking (every share of a team booking) on behalf of <paramref name="cancelledBy"/>. An invitee is held to
    /// the meeting type's <see cref="InviteeChangePolicy"/> (how late, and whether a reason is required).
    /// </summary>
    public Task<CancelResult?> CancelAsync(string bookingId, string cancelledBy, string? reason, CancellationToken cancellationToken) =>
        CancelAsync(bookingId, cancelledBy, reason, following: false, cancellationToken);

    /// <summary>
    /// Cancels a booking as <see cref="CancelAsync(string, string, string?, CancellationToken)"/> does; with
    /// <paramref name="following"/>, a meeting of a series is cancelled with every later one in one write
    /// (<see cref="ISeriesStore.CancelFollowingAsync"/>), the policy applied to the meeting named. A booking of no series
    /// (a team booking among them) is cancelled alone.
    /// </summary>
    public async Task<CancelResult?> CancelAsync(string bookingId, string cancelledBy, string? reason, bool following, CancellationToken cancellationToken)
    {
        if (await RefusedToInviteeAsync(bookingId, cancelledBy, reason, cancellationToken) is { } refused)
        {
            return refused;
        }

        CancelResult? result;
        if (following && await bookings.GetBookingAsync(bookingId, cancellationToken) is { SeriesId: not null })
        {
            var change = await series.CancelFollowingAsync(bookingId, cancelledBy, reason, time.GetCurrentInstant(), cancellationToken);
            result = change is null ? null : new CancelResult(change.Outcome, change.Booking);
        }
        else
        {
            result = await bookings.CancelAsync(bookingId, cancelledBy, reason, time.GetCurrentInstant(), cancellationToken);
        }

        metrics.CountCancel(result);
        return result;
    }

    /// <summary>
    /// For an invitee, the meeting type's <see cref="InviteeChangePolicy"/> refusing to cancel the booking (how late, and
    /// whether a reason is required), counted; null when it allows it, or for the owner.
    /// </summary>
    private async Task<CancelResult?> RefusedToInviteeAsync(string bookingId, string cancelledBy, string? reason, CancellationToken cancellationToken)
    {
        if (cancelledBy == BookingAccess.Invitee && await bookings.GetBookingAsync(bookingId, cancellationToken) is { IsActive: true } booking
            && (await InviteeChangesAsync(booking, cancellationToken)).MayCancel(booking.Slot, time.GetCurrentInstant(), reason) is var outcome && outcome != ChangeOutcome.Allowed)
        {
            var refused = new CancelResult(outcome, booking);
            metrics.CountCancel(refused);
            return refused;
        }

        return null;
    }

    /// <summary>For an invitee, the meeting type's policy refusing to move the booking, counted; null when it allows it, or for the owner.</summary>
    private async Task<(ChangeOutcome Reason, StoredBooking Booking)?> MoveRefusedToInviteeAsync(string bookingId, string movedBy, CancellationToken cancellationToken)
    {
        if (movedBy == BookingAccess.Invitee && await bookings.GetBookingAsync(bookingId, cancellationToken) is { } booking
            && (await InviteeChangesAsync(booking, cancellationToken)).MayReschedule(booking.Slot, time.GetCurrentInstant()) is var outcome && outcome != ChangeOutcome.Allowed)
        {
            metrics.CountReschedule(new BookingAttempt.NotChangeable(outcome));
            return (outcome, booking);
        }

        return null;
    }

    /// <summary>How late the invitee may change <paramref name="booking"/>: its meeting type's policy, or anytime when the type is gone.</summary>
    public async Task<InviteeChangePolicy> InviteeChangesAsync(StoredBooking booking, CancellationToken cancellationToken) =>
        (await MeetingTypeOfAsync(booking, cancellationToken))?.Details.InviteeChanges ?? InviteeChangePolicy.Anytime;

    /// <summary>The meeting type of <paramref name="booking"/>, personal or a team's, as it is now; null when it is gone (or the documented API's).</summary>
    public async Task<StoredMeetingType?> MeetingTypeOfAsync(StoredBooking booking, CancellationToken cancellationToken)
    {
        if (StoredTeamMeetingType.ParseKey(booking.MeetingTypeKey) is var (teamId, slug))
        {
            return (await teamTypes.GetTeamAsync(teamId, cancellationToken))?.MeetingTypes.FirstOrDefault(t => t.Slug == slug)?.Shared;
        }

        return booking.MeetingTypeKey == "" ? null : (await meetingTypes.FindMeetingTypeAsync(booking.OwnerId, booking.MeetingTypeKey, cancellationToken)).MeetingType;
    }

    private static (BookingRequest Request, string? Token) WithManageToken(BookingRequest request, bool issue)
    {
        if (!issue)
        {
            return (request, null);
        }

        var token = Secrets.NewSecret(BookingAccess.TokenPrefix);
        return (request with { ManageTokenHash = Secrets.Hash(token) }, token);
    }
}

/// <summary>
/// A booking of an owner's meeting type (<paramref name="TypeKey"/> as stored, <paramref name="Rules"/> as the engine
/// applies them), for the slot and invitee of <paramref name="Request"/> (its management token is the use case's).
/// </summary>
internal sealed record BookCommand(string OwnerId, string TypeKey, MeetingType Rules, BookingRequest Request)
{
    /// <summary>Whether the invitee gets a management token (the documented API's bookings have none).</summary>
    public bool IssueManageToken { get; init; } = true;

    public Idempotency? Idempotency { get; init; }

    /// <summary>For a type that requires approval (<see cref="StoredMeetingType.Approval"/>): the booking is made as a request.</summary>
    public ApprovalPolicy? Approval { get; init; }

    /// <summary>A weekly series from the request's slot, booked all or nothing; null for one booking.</summary>
    public SeriesRule? Series { get; init; }
}

/// <summary>A booking of a team meeting type; <paramref name="HostIds"/> are the type's hosts, whose calendars are read again.</summary>
internal sealed record TeamBookCommand(string TeamId, string Slug, IReadOnlyList<string> HostIds, BookingRequest Request)
{
    public Idempotency? Idempotency { get; init; }

    /// <summary>A weekly series from the request's slot for the same hosts throughout, booked all or nothing; null for one booking.</summary>
    public SeriesRule? Series { get; init; }
}

/// <summary>
/// A booking made once per <paramref name="Key"/>: <paramref name="Answer"/> makes, from the booking (every share of a
/// team booking) and the invitee's management token, what a replay of the key answers, as the door answered it.
/// </summary>
internal sealed record Idempotency(IdempotencyKey Key, Func<IReadOnlyList<StoredBooking>, string?, string> Answer);

/// <summary>What a booking use case came to.</summary>
internal abstract record BookResult
{
    private BookResult()
    {
    }

    /// <summary>
    /// Booked: the invitee's booking first (for a team, every host's share; for an owner's series, every meeting; for a
    /// team's series, the first meeting's shares), with the management token if one was issued.
    /// </summary>
    public sealed record Booked(IReadOnlyList<StoredBooking> Bookings, string? ManageToken) : BookResult
    {
        public StoredBooking Booking => Bookings[0];
    }

    /// <summary>The series was refused whole: these of its <paramref name="Count"/> meetings cannot be booked; nothing was written.</summary>
    public sealed record SeriesRefused(IReadOnlyList<SeriesRefusal> Meetings, int Count) : BookResult;

    /// <summary>The idempotency key was used before for the same request: this is what was answered then.</summary>
    public sealed record Replayed(string Payload) : BookResult;

    /// <summary>The engine refused the slot at the moment of writing; nothing was written.</summary>
    public sealed record Refused(BookingOutcome Reason) : BookResult;

    /// <summary>The idempotency key was used before for a different request; nothing was written.</summary>
    public sealed record KeyReused : BookResult;

    /// <summary>No such owner, team or meeting type (any more).</summary>
    public sealed record NotFound : BookResult;
}
