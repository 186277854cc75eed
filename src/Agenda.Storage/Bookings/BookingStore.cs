using System.Data.Common;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Storage.Outbox;
using Agenda.Storage.Relational;
using Agenda.Storage.Teams;
using NodaTime;
using static Agenda.Storage.Bookings.BookingRows;
using static Agenda.Storage.Bookings.ScheduleReads;
using static Agenda.Storage.MeetingTypes.MeetingTypeRows;
using static Agenda.Storage.Outbox.OutboxEvents;
using static Agenda.Storage.Relational.ColumnValues;
using static Agenda.Storage.Relational.StoreCore;

namespace Agenda.Storage.Bookings;

/// <summary>
/// Bookings, their lifecycle and the holds on slots, and the schedule reads every search and decision rests on
/// (<see cref="ScheduleReads"/>). Each write reads the facts under the owner's lock, asks the engine, and applies its
/// decision with its outbox event (<see cref="OutboxEvents"/>) in one write transaction; the schema refuses overlapping
/// blocked times of one owner as a second guard. A share of a team booking is cancelled and moved with the others
/// (<see cref="TeamShares"/>).
/// <para>
/// Holds are written like bookings: under the owner's lock, decided by the engine over the same reads, and raising the
/// owner's version for the time they block, so cached slots near them are computed again. Their expiry needs no write:
/// every read compares it with the clock, and a cached answer that counted a hold is kept only until it expires.
/// </para>
/// </summary>
internal sealed class BookingStore : IBookingStore, IIdempotentBookingStore, IHoldStore, IApprovalStore, IScheduleReader
{
    private readonly StoreCore core;
    private readonly BookingBatches batches;

    public BookingStore(StoreCore core)
    {
        this.core = core;
        batches = new BookingBatches(core, BookAloneAsync);
    }

    public Task<ScheduleRead?> LoadScheduleAsync(string ownerId, DateInterval dates, Instant now, CancellationToken cancellationToken, MeetingType? forType = null) =>
        core.ReadForOwnerAsync<ScheduleRead>("load_schedule", ownerId, cancellationToken, async (connection, transaction, owner) =>
            (await ReadScheduleAsync(core, connection, transaction, owner, dates, now, cancellationToken, forType: forType)).Read);

    /// <summary>
    /// Over a network (<see cref="IStoreDialect.CommandsAreRoundTrips"/>), bookings that only a collision can refuse and
    /// that name no hold or single-use link are decided together with the others that arrive meanwhile
    /// (<see cref="BookingBatches"/>); any other booking (a seat or a request among them) is decided in a write of its own. Either way the call is timed as a whole, waiting for its batch included.
    /// </summary>
    public Task<BookingAttempt> BookAsync(string ownerId, BookingRequest request, MeetingType type, string typeKey, Instant now, CancellationToken cancellationToken) =>
        core.MeasureAsync("book", () =>
            core.CommandsAreRoundTrips && NeededToDecide(request.Slot, type) is not null && request.HoldId is null && request.SingleUseLinkHash is null && type.Seats is null
                && type.Schedule is null && request.Status == BookingStatus.Active
                ? batches.BookAsync(ownerId, request, type, typeKey, now, cancellationToken)
                : BookAloneAsync(ownerId, request, type, typeKey, now, cancellationToken));

    private Task<BookingAttempt> BookAloneAsync(string ownerId, BookingRequest request, MeetingType type, string typeKey, Instant now, CancellationToken cancellationToken) =>
        core.WriteAsync(async (connection, transaction, raised) =>
        {
            var attempt = await TryBookAsync(connection, transaction, raised, ownerId, request, type, typeKey, now, cancellationToken);
            return new WriteDecision<BookingAttempt>(attempt, attempt is BookingAttempt.Booked);
        }, cancellationToken);

    /// <summary>The check and insert of a booking inside the caller's write transaction; commits nothing.</summary>
    private async Task<BookingAttempt> TryBookAsync(
        DbConnection connection, DbTransaction transaction, RaisedVersions raised, string ownerId, BookingRequest request, MeetingType type, string typeKey, Instant now, CancellationToken cancellationToken)
    {
        var invitee = InviteeAllowance.Identity(request.Invitee, request.InviteeEmail);
        var claim = request.HoldId is { } holdId ? new HoldClaim(holdId, request.Slot, typeKey) : null;
        var (read, inviteeBookings) = await ReadToDecideAsync(core, connection, transaction, ownerId, request.Slot, type, now, cancellationToken, invitee, claim);
        if (read is null)
        {
            return new BookingAttempt.UnknownOwner();
        }

        var outcome = Decide(core.Limits, read.Schedule, request.Slot, type, typeKey, now, inviteeBookings);
        if (outcome != BookingOutcome.Accepted)
        {
            raised.Saw(ownerId, read.Owner.ScheduleVersion);
            return new BookingAttempt.Refused(outcome);
        }

        var (seatSlot, opensSeatSlot) = SeatOf(read.Schedule, request.Slot, type, typeKey);
        var booking = NewBooking(ownerId, request, typeKey, now, seatSlot);
        if (request.SingleUseLinkHash is { } link && !await MeetingTypes.SingleUseLinkStore.UseAsync(connection, transaction, link, LinkTarget.Owner(ownerId, typeKey), booking.Id, now, cancellationToken))
        {
            raised.Saw(ownerId, read.Owner.ScheduleVersion);
            return new BookingAttempt.Refused(BookingOutcome.LinkUsed);
        }

        var blocked = type.Blocks(request.Slot);
        try
        {
            // The insert, its event and the raise of the owner's version in one command (one round trip on PostgreSQL). A
            // hold the booking names is used up, whether or not it was for this slot.
            // A seat that opens its slot inserts the seat slot first.
            var insert = (opensSeatSlot ? InsertSeatSlotSql : "") + InsertBookingSql + InsertEventSql + RaiseVersionSql;
            (string Name, object Value)[] parameters = [.. InsertBookingParameters(booking, blocked, invitee), .. CreatedEventParameters(booking), .. opensSeatSlot ? SeatParameters(type) : []];
            await using var command = claim is null
                ? Command(connection, transaction, insert, parameters)
                : Command(connection, transaction, DeleteHoldSql + insert, [.. parameters, ("@hold", claim.HoldId)]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            raised.Add(new ScheduleVersion(ownerId, await RaisedVersionAsync(reader, cancellationToken), BookingsOnly: true, blocked));
        }
        catch (DbException e) when (core.IsConflict(e))
        {
            // The schema's overlap guard fired: another booking holds the time. Nothing is committed.
            return new BookingAttempt.Refused(BookingOutcome.Taken);
        }

        return new BookingAttempt.Booked(booking);
    }

    public Task<StoredBooking?> GetBookingAsync(string bookingId, CancellationToken cancellationToken) =>
        core.ReadAsync("get_booking", connection => ReadBookingAsync(connection, null, bookingId, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<Slot>> GetBookingHistoryAsync(string bookingId, CancellationToken cancellationToken) =>
        core.ReadAsync<IReadOnlyList<Slot>>("get_booking_history", async connection =>
            await QueryAsync(connection, null, cancellationToken,
                r => new Slot(r.Instant("start_utc"), r.Instant("end_utc")),
                "SELECT start_utc, end_utc FROM booking_history WHERE booking_id = @id ORDER BY sequence;",
                ("@id", bookingId)),
            cancellationToken);

    public Task<CancelResult?> CancelAsync(string bookingId, string cancelledBy, string? reason, Instant now, CancellationToken cancellationToken) =>
        core.WriteAsync<CancelResult?>("cancel", async (connection, transaction, raised) =>
        {
            if (await ReadLockedBookingAsync(connection, transaction, bookingId, cancellationToken) is not { } booking)
            {
                return Rollback<CancelResult?>(null);
            }

            if (booking.TeamBookingId is { } group)
            {
                return await TeamShares.CancelAsync(core, connection, transaction, raised, group, bookingId, cancelledBy, reason, now, cancellationToken);
            }

            var outcome = BookingLifecycle.MayCancel(booking.Status, booking.Slot, now);
            if (outcome != ChangeOutcome.Allowed)
            {
                return Rollback<CancelResult?>(new CancelResult(outcome, booking));
            }

            await ExecuteAsync(connection, transaction, cancellationToken, CancelSql + InsertEventSql,
                [.. CancelParameters(bookingId, cancelledBy, reason, now),
                 .. EventParameters(BookingEvents.Cancelled, booking.OwnerId, bookingId, booking.Sequence, booking.Slot, null, now)]);
            await RaiseScheduleVersionAsync(connection, transaction, raised, booking.OwnerId, cancellationToken, bookingsAffected: MayHaveBlocked(booking.Slot));
            return Commit<CancelResult?>(new CancelResult(ChangeOutcome.Allowed, booking with
            {
                Status = BookingStatus.Cancelled,
                CancelledAt = now,
                CancelledBy = cancelledBy,
                CancelReason = reason,
            }));
        }, cancellationToken);

    public Task<BookingAttempt?> RescheduleAsync(string bookingId, Instant newStart, Instant now, CancellationToken cancellationToken) =>
        core.WriteAsync<BookingAttempt?>("reschedule", async (connection, transaction, raised) =>
        {
            var booking = await ReadLockedBookingAsync(connection, transaction, bookingId, cancellationToken);
            if (booking is null)
            {
                return Rollback<BookingAttempt?>(null);
            }

            if (booking.TeamBookingId is { } group)
            {
                return await TeamShares.RescheduleAsync(core, connection, transaction, raised, group, bookingId, newStart, now, cancellationToken);
            }

            var type = booking.MeetingTypeKey == "" ? MeetingType.Default : (await ReadMeetingTypeAsync(connection, transaction, booking.OwnerId, booking.MeetingTypeKey, cancellationToken))?.Rules
                // A booking keeps the length it was booked with, whichever of its type's lengths that was.
                .WithLength(booking.Slot.End - booking.Slot.Start);
            var change = BookingLifecycle.MayReschedule(booking.Status, booking.Slot, type, now);
            if (change != ChangeOutcome.Allowed || type is null)
            {
                return Rollback<BookingAttempt?>(new BookingAttempt.NotChangeable(change));
            }

            var newSlot = type.SlotAt(newStart);
            var owner = (await core.ReadOwnerAsync(connection, transaction, booking.OwnerId, cancellationToken, forUpdate: true))!;
            var date = newSlot.Start.InZone(owner.Zone).Date;
            var (read, _) = await ReadScheduleAsync(core, connection, transaction, owner, new DateInterval(date, date), now, cancellationToken, excludeBookingId: bookingId, bookingsTouching: NeededToDecide(newSlot, type), forType: type);
            var outcome = read.Schedule.Decide(newSlot, type, booking.MeetingTypeKey, now);
            if (outcome != BookingOutcome.Accepted)
            {
                return Rollback<BookingAttempt?>(new BookingAttempt.Refused(outcome));
            }

            var blocked = type.Blocks(newSlot);
            // A seat moves to the seats of its new slot, opening them if none are taken there.
            var (seatSlot, opensSeatSlot) = SeatOf(read.Schedule, newSlot, type, booking.MeetingTypeKey);
            if (opensSeatSlot)
            {
                await ExecuteAsync(connection, transaction, cancellationToken, InsertSeatSlotSql,
                    [("@seat_slot", seatSlot!), ("@owner", booking.OwnerId), ("@type", booking.MeetingTypeKey), ("@start", ToColumn(newSlot.Start)), ("@end", ToColumn(newSlot.End)),
                     ("@blocked_start", ToColumn(blocked.Start)), ("@blocked_end", ToColumn(blocked.End)), .. SeatParameters(type)]);
            }

            try
            {
                await ExecuteAsync(connection, transaction, cancellationToken, MoveSql + InsertEventSql,
                    [.. MoveParameters(booking, newSlot, blocked, seatSlot, now),
                     .. EventParameters(BookingEvents.Rescheduled, booking.OwnerId, bookingId, booking.Sequence + 1, newSlot, booking.Slot, now)]);
            }
            catch (DbException e) when (core.IsConflict(e))
            {
                // The schema's overlap guard fired; the transaction is rolled back and the booking keeps its time.
                return Rollback<BookingAttempt?>(new BookingAttempt.Refused(BookingOutcome.Taken));
            }

            var moved = MayHaveBlocked(booking.Slot);
            await RaiseScheduleVersionAsync(
                connection, transaction, raised, booking.OwnerId, cancellationToken,
                bookingsAffected: new Interval(Instant.Min(moved.Start, blocked.Start), Instant.Max(moved.End, blocked.End)));
            return Commit<BookingAttempt?>(new BookingAttempt.Booked(booking with { Slot = newSlot, Sequence = booking.Sequence + 1, SeatSlotId = seatSlot }));
        }, cancellationToken);

    /// <summary>The booking read again under its owner's lock (<see cref="BookingRows.ReadLockedAsync"/>).</summary>
    private Task<StoredBooking?> ReadLockedBookingAsync(DbConnection connection, DbTransaction transaction, string bookingId, CancellationToken cancellationToken) =>
        ReadLockedAsync(core, connection, transaction, bookingId, cancellationToken);

    public Task<IReadOnlyList<StoredBooking>?> ListBookingsAsync(string ownerId, BookingQuery query, CancellationToken cancellationToken) =>
        core.ReadForOwnerAsync<IReadOnlyList<StoredBooking>>("list_bookings", ownerId, cancellationToken, async (connection, transaction, _) =>
            await WithPreviousTimesAsync(connection, transaction,
                await QueryAsync(connection, transaction, cancellationToken, ReadBooking, ListSql("owner_id = @owner", query), [("@owner", ownerId), .. ListParameters(query)]),
                cancellationToken));

    public Task<IReadOnlyList<StoredBooking>?> ListUpcomingAsync(string ownerId, Instant now, CancellationToken cancellationToken) =>
        core.ReadForOwnerAsync<IReadOnlyList<StoredBooking>>("list_upcoming", ownerId, cancellationToken, async (connection, transaction, _) =>
            await QueryAsync(connection, transaction, cancellationToken, ReadBooking,
                $"""
                SELECT {BookingColumns} FROM bookings
                WHERE owner_id = @owner AND status = @active AND end_utc > @now
                ORDER BY start_utc, id;
                """,
                ("@owner", ownerId), ("@now", ToColumn(now)), ("@active", BookingStatusColumn.Active)));

    public Task<BookingAttempt?> ConfirmAsync(string bookingId, Instant now, CancellationToken cancellationToken) =>
        core.WriteAsync<BookingAttempt?>("confirm", async (connection, transaction, raised) =>
        {
            if (await ReadLockedBookingAsync(connection, transaction, bookingId, cancellationToken) is not { } booking)
            {
                return Rollback<BookingAttempt?>(null);
            }

            var outcome = ApprovalPolicy.MayAnswer(booking.Status, booking.ExpiresAt, now);
            if (outcome != ChangeOutcome.Allowed)
            {
                return Rollback<BookingAttempt?>(new BookingAttempt.NotChangeable(outcome));
            }

            // A request that did not hold its time takes it now, if nothing else holds it: its blocked time, as stored.
            var takesTime = !booking.Status.HoldsTime();
            var blocked = takesTime ? await ReadBlockedAsync(connection, transaction, bookingId, cancellationToken) : default;
            if (takesTime)
            {
                var owner = (await core.ReadOwnerAsync(connection, transaction, booking.OwnerId, cancellationToken, forUpdate: true))!;
                var date = booking.Slot.Start.InZone(owner.Zone).Date;
                var (read, _) = await ReadScheduleAsync(core, connection, transaction, owner, new DateInterval(date, date), now, cancellationToken, excludeBookingId: bookingId, bookingsTouching: blocked);
                if (!read.Schedule.IsClear(blocked))
                {
                    raised.Saw(booking.OwnerId, owner.ScheduleVersion);
                    return Rollback<BookingAttempt?>(new BookingAttempt.Refused(BookingOutcome.Taken));
                }
            }

            try
            {
                await ExecuteAsync(connection, transaction, cancellationToken,
                    "UPDATE bookings SET status = @status, holds_time = @holds_time WHERE id = @id;\n" + InsertEventSql,
                    [("@id", bookingId), .. BookingStatusColumn.Parameters(BookingStatus.Active),
                     .. EventParameters(BookingEvents.Confirmed, booking.OwnerId, bookingId, booking.Sequence, booking.Slot, null, now)]);
            }
            catch (DbException e) when (core.IsConflict(e))
            {
                // The schema's guard: another booking holds the time (a request confirmed at the same moment).
                return Rollback<BookingAttempt?>(new BookingAttempt.Refused(BookingOutcome.Taken));
            }

            if (takesTime)
            {
                await RaiseScheduleVersionAsync(connection, transaction, raised, booking.OwnerId, cancellationToken, bookingsAffected: blocked);
            }

            return Commit<BookingAttempt?>(new BookingAttempt.Booked(booking with { Status = BookingStatus.Active }));
        }, cancellationToken);

    public Task<CancelResult?> DeclineAsync(string bookingId, string? reason, Instant now, CancellationToken cancellationToken) =>
        core.WriteAsync<CancelResult?>("decline", async (connection, transaction, raised) =>
        {
            if (await ReadLockedBookingAsync(connection, transaction, bookingId, cancellationToken) is not { } booking)
            {
                return Rollback<CancelResult?>(null);
            }

            var outcome = ApprovalPolicy.MayAnswer(booking.Status, booking.ExpiresAt, now);
            if (outcome != ChangeOutcome.Allowed)
            {
                return Rollback<CancelResult?>(new CancelResult(outcome, booking));
            }

            await CloseRequestAsync(connection, transaction, raised, booking, BookingStatus.Declined, BookingEvents.Declined, reason, now, cancellationToken);
            return Commit<CancelResult?>(new CancelResult(ChangeOutcome.Allowed, booking with
            {
                Status = BookingStatus.Declined,
                CancelledAt = now,
                CancelledBy = "owner",
                CancelReason = reason,
            }));
        }, cancellationToken);

    /// <summary>
    /// The due requests are found by one read, then each is expired in a write of its own, under its owner's lock alone: a
    /// sweep never holds one owner's lock while it waits for another's, so it cannot deadlock with a team booking, which
    /// locks its hosts in the order of their ids.
    /// </summary>
    public async Task<int> ExpireDueRequestsAsync(Instant now, int limit, CancellationToken cancellationToken)
    {
        var due = await core.ReadAsync<List<string>>("find_due_requests", connection => QueryAsync(connection, null, cancellationToken, r => r.String("id"),
            $"SELECT id FROM bookings WHERE {BookingStatusColumn.AwaitsApproval} AND expires_at <= @now ORDER BY expires_at, id LIMIT @limit;",
            [("@now", ToColumn(now)), ("@limit", limit), .. BookingStatusColumn.OpenParameters]), cancellationToken);
        var expired = 0;
        foreach (var id in due)
        {
            expired += await core.WriteAsync("expire_request", async (connection, transaction, raised) =>
            {
                // Read again under the owner's lock: the owner may have answered it meanwhile, or another node expired it.
                if (await ReadLockedBookingAsync(connection, transaction, id, cancellationToken) is not { } booking || !ApprovalPolicy.IsDue(booking.Status, booking.ExpiresAt, now))
                {
                    return Rollback(0);
                }

                await CloseRequestAsync(connection, transaction, raised, booking, BookingStatus.Expired, BookingEvents.Expired, null, now, cancellationToken);
                return Commit(1);
            }, cancellationToken);
        }

        return expired;
    }

    /// <summary>Ends a request as declined or expired, with its event; the time it held, if it held any, is free again.</summary>
    private async Task CloseRequestAsync(
        DbConnection connection, DbTransaction transaction, RaisedVersions raised, StoredBooking booking, BookingStatus status, string eventType, string? reason, Instant now,
        CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, cancellationToken,
            "UPDATE bookings SET status = @status, holds_time = @holds_time, cancelled_at = @now, cancelled_by = @by, cancel_reason = @reason WHERE id = @id;\n" + InsertEventSql,
            [("@id", booking.Id), ("@now", ToColumn(now)), ("@by", status == BookingStatus.Declined ? "owner" : DBNull.Value), ("@reason", ToColumn(reason)),
             .. BookingStatusColumn.Parameters(status),
             .. EventParameters(eventType, booking.OwnerId, booking.Id, booking.Sequence, booking.Slot, null, now)]);
        if (booking.Status.HoldsTime())
        {
            await RaiseScheduleVersionAsync(connection, transaction, raised, booking.OwnerId, cancellationToken, bookingsAffected: MayHaveBlocked(booking.Slot));
        }
    }

    /// <summary>The time a booking blocks, as stored with it.</summary>
    private static async Task<Interval> ReadBlockedAsync(DbConnection connection, DbTransaction transaction, string bookingId, CancellationToken cancellationToken) =>
        (await QueryAsync(connection, transaction, cancellationToken, r => new Interval(r.Instant("blocked_start_utc"), r.Instant("blocked_end_utc")),
            "SELECT blocked_start_utc, blocked_end_utc FROM bookings WHERE id = @id;", ("@id", bookingId))).Single();

    public Task<NoShowMark> MarkNoShowAsync(string ownerId, string bookingId, bool noShow, Instant now, CancellationToken cancellationToken) =>
        core.WriteAsync("mark_no_show", async (connection, transaction, _) =>
        {
            // The owner's lock orders this mark with a cancel or move of the same booking.
            await core.ReadOwnerAsync(connection, transaction, ownerId, cancellationToken, forUpdate: true);
            var booking = await ReadBookingAsync(connection, transaction, bookingId, cancellationToken);
            if (booking is null || booking.OwnerId != ownerId)
            {
                return Rollback(NoShowMark.NotFound);
            }

            if (!booking.IsActive)
            {
                return Rollback(NoShowMark.NotActive);
            }

            if (booking.Slot.Start > now)
            {
                return Rollback(NoShowMark.NotBegun);
            }

            if (!noShow)
            {
                var cleared = await ExecuteAsync(connection, transaction, cancellationToken, "UPDATE bookings SET no_show_at = NULL WHERE id = @id AND no_show_at IS NOT NULL;", ("@id", bookingId));
                return new WriteDecision<NoShowMark>(NoShowMark.Unmarked, cleared > 0);
            }

            if (booking.NoShowAt is not null)
            {
                return Rollback(NoShowMark.AlreadyMarked);
            }

            await ExecuteAsync(connection, transaction, cancellationToken,
                "UPDATE bookings SET no_show_at = @now WHERE id = @id;\n" + InsertEventSql,
                [("@id", bookingId), ("@now", ToColumn(now)), .. EventParameters(BookingEvents.NoShow, ownerId, bookingId, booking.Sequence, booking.Slot, null, now)]);
            return Commit(NoShowMark.Marked);
        }, cancellationToken);

    public Task<bool> SetPrivateNoteAsync(string ownerId, string bookingId, string? note, CancellationToken cancellationToken) =>
        core.WriteAsync("set_private_note", async (connection, transaction, _) =>
        {
            var found = await ExecuteAsync(connection, transaction, cancellationToken,
                "UPDATE bookings SET private_note = @note WHERE id = @id AND owner_id = @owner;",
                ("@id", bookingId), ("@owner", ownerId), ("@note", ToColumn(note)));
            return found > 0 ? Commit(true) : Rollback(false);
        }, cancellationToken);

    public Task<SeatList?> ListSeatsAsync(string seatSlotId, CancellationToken cancellationToken) =>
        core.ReadAsync<SeatList?>("list_seats", async connection =>
        {
            var found = (await QueryAsync(connection, null, cancellationToken,
                r => (Owner: r.String("owner_id"), Type: r.String("meeting_type"), Slot: new Slot(r.Instant("start_utc"), r.Instant("end_utc")), Capacity: r.Int("capacity")),
                "SELECT owner_id, meeting_type, start_utc, end_utc, capacity FROM seat_slots WHERE id = @id;", ("@id", seatSlotId))).ToList();
            if (found.Count == 0)
            {
                return null;
            }

            var seats = await QueryAsync(connection, null, cancellationToken, ReadBooking,
                $"SELECT {BookingColumns} FROM bookings WHERE seat_slot_id = @id AND holds_time ORDER BY created_at, id;", ("@id", seatSlotId));
            var slot = found[0];
            return new SeatList(seatSlotId, slot.Owner, slot.Type, slot.Slot, slot.Capacity, seats);
        }, cancellationToken);

    public Task<HoldAttempt> HoldAsync(string ownerId, string holdId, Slot slot, MeetingType type, string typeKey, Instant now, Instant expiresAt, CancellationToken cancellationToken) =>
        core.WriteAsync("hold", async (connection, transaction, raised) =>
        {
            var (read, _) = await ReadToDecideAsync(core, connection, transaction, ownerId, slot, type, now, cancellationToken, invitee: null, claim: null);
            if (read is null)
            {
                return Rollback<HoldAttempt>(new HoldAttempt.UnknownOwner());
            }

            var outcome = SlotHolds.Decide(read.Schedule, slot, type, typeKey, now);
            if (outcome != BookingOutcome.Accepted)
            {
                raised.Saw(ownerId, read.Owner.ScheduleVersion);
                return Rollback<HoldAttempt>(new HoldAttempt.Refused(outcome));
            }

            // A hold on a seat takes one of the seats of its slot.
            var hold = new SlotHold(holdId, new Interval(slot.Start, slot.End), type.Blocks(slot), typeKey, expiresAt)
            {
                Seats = type.Seats is null ? null : read.Schedule.SeatsAt(slot, type, typeKey)?.Capacity ?? type.Seats,
            };
            // Expired holds of the owner go with the new one: they block nothing, and this keeps their index short.
            await using var command = Command(connection, transaction,
                """
                DELETE FROM slot_holds WHERE owner_id = @owner AND expires_at <= @now;
                INSERT INTO slot_holds (id, owner_id, meeting_type, start_utc, end_utc, blocked_start_utc, blocked_end_utc, expires_at, created_at, seats)
                VALUES (@id, @owner, @type, @start, @end, @blocked_start, @blocked_end, @expires, @now, @seats);

                """ + RaiseVersionSql,
                ("@id", holdId), ("@owner", ownerId), ("@type", typeKey), ("@start", ToColumn(slot.Start)), ("@end", ToColumn(slot.End)),
                ("@blocked_start", ToColumn(hold.Blocked.Start)), ("@blocked_end", ToColumn(hold.Blocked.End)), ("@expires", ToColumn(expiresAt)), ("@now", ToColumn(now)),
                ("@seats", ToColumn(hold.Seats)));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            raised.Add(new ScheduleVersion(ownerId, await RaisedVersionAsync(reader, cancellationToken), BookingsOnly: true, hold.Blocked));
            return Commit<HoldAttempt>(new HoldAttempt.Held(hold));
        }, cancellationToken);

    public Task<bool> ReleaseHoldAsync(string holdId, CancellationToken cancellationToken) =>
        core.WriteAsync("release_hold", async (connection, transaction, raised) =>
        {
            // One hold, or the holds of every host of a team slot held together.
            var held = await QueryAsync(connection, transaction, cancellationToken,
                r => (OwnerId: r.String("owner_id"), Blocked: new Interval(r.Instant("blocked_start_utc"), r.Instant("blocked_end_utc"))),
                "SELECT owner_id, blocked_start_utc, blocked_end_utc FROM slot_holds WHERE id = @id OR team_hold_id = @id;", ("@id", holdId));
            if (held.Count == 0)
            {
                return Rollback(false);
            }

            // Under the owners' locks (in the order of their ids), as every write that changes what their slots are.
            foreach (var owner in held.Select(h => h.OwnerId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                await core.ReadOwnerAsync(connection, transaction, owner, cancellationToken, forUpdate: true);
            }

            if (await ExecuteAsync(connection, transaction, cancellationToken, DeleteHoldSql, ("@hold", holdId)) == 0)
            {
                return Rollback(false);
            }

            foreach (var hold in held)
            {
                await RaiseScheduleVersionAsync(connection, transaction, raised, hold.OwnerId, cancellationToken, bookingsAffected: hold.Blocked);
            }

            return Commit(true);
        }, cancellationToken);

    public Task<IdempotentBooking> BookIdempotentlyAsync(
        string ownerId, BookingRequest request, MeetingType type, string typeKey, Instant now,
        IdempotencyKey key, Func<StoredBooking, string> payload, CancellationToken cancellationToken) =>
        core.WriteAsync<IdempotentBooking>("book_idempotently", async (connection, transaction, raised) =>
        {
            // The owner is locked before the key is looked up, so two requests with one key cannot both miss it.
            if (await core.ReadOwnerAsync(connection, transaction, ownerId, cancellationToken, forUpdate: true) is null)
            {
                return Rollback<IdempotentBooking>(new IdempotentBooking.Attempted(new BookingAttempt.UnknownOwner(), null));
            }

            if (await IdempotencyKeys.FindAsync(connection, transaction, key, now, cancellationToken) is { } found)
            {
                return Rollback<IdempotentBooking>(found.Hash == key.RequestHash ? new IdempotentBooking.Replayed(found.Payload) : new IdempotentBooking.KeyReused());
            }

            var attempt = await TryBookAsync(connection, transaction, raised, ownerId, request, type, typeKey, now, cancellationToken);
            if (attempt is not BookingAttempt.Booked booked)
            {
                return Rollback<IdempotentBooking>(new IdempotentBooking.Attempted(attempt, null));
            }

            var stored = payload(booked.Booking);
            await IdempotencyKeys.KeepAsync(connection, transaction, key, stored, now, cancellationToken);
            return Commit<IdempotentBooking>(new IdempotentBooking.Attempted(attempt, stored));
        }, cancellationToken);
}
