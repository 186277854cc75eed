using System.Data.Common;
using System.Text;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Storage.Relational;
using NodaTime;
using NodaTime.Text;
using static Agenda.Storage.Bookings.BookingRows;
using static Agenda.Storage.Bookings.ScheduleReads;
using static Agenda.Storage.MeetingTypes.MeetingTypeRows;
using static Agenda.Storage.Outbox.OutboxEvents;
using static Agenda.Storage.Relational.ColumnValues;
using static Agenda.Storage.Relational.StoreCore;

namespace Agenda.Storage.Bookings;

/// <summary>
/// Recurring series (<see cref="ISeriesStore"/>). A series is decided and written as one booking is: under the owner's
/// lock, over one read of the owner's schedule from its first date to its last, by the engine
/// (<see cref="RecurringSeries.Decide"/>), and written in one command with one event per meeting (only the first sends
/// e-mail: the series' e-mail tells them all) and one raise of the owner's version. The schema's overlap guard checks
/// each meeting's row as it checks any booking's, so the transaction commits every meeting or none.
/// </summary>
internal sealed class SeriesStore(StoreCore core) : ISeriesStore
{
    private static readonly LocalDateTimePattern LocalStart = LocalDateTimePattern.ExtendedIso;

    public Task<SeriesAttempt> BookSeriesAsync(
        string ownerId, BookingRequest request, SeriesRule rule, MeetingType type, string typeKey, Instant now, IdempotencyKey? key, Func<StoredSeries, string>? payload,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(type);
        if (type.Seats is not null)
        {
            throw new ArgumentException("A series books one invitee's meetings; a type with seats has none.", nameof(type));
        }

        return core.WriteAsync<SeriesAttempt>("book_series", async (connection, transaction, raised) =>
        {
            if (await core.ReadOwnerAsync(connection, transaction, ownerId, cancellationToken, forUpdate: true) is not { } owner)
            {
                return Rollback<SeriesAttempt>(new SeriesAttempt.UnknownOwner());
            }

            if (key is not null && await IdempotencyKeys.FindAsync(connection, transaction, key, now, cancellationToken) is { } found)
            {
                return Rollback<SeriesAttempt>(found.Hash == key.RequestHash ? new SeriesAttempt.Replayed(found.Payload) : new SeriesAttempt.KeyReused());
            }

            var meetings = RecurringSeries.Expand(request.Slot, owner.Zone, rule);
            var invitee = InviteeAllowance.Identity(request.Invitee, request.InviteeEmail);
            var claim = request.HoldId is { } holdId ? new HoldClaim(holdId, request.Slot, typeKey) : null;
            // Without a daily cap, each meeting is decided by the bookings it could collide with: those are read, not every
            // booking of the weeks between (the series' first date to its last).
            var (read, inviteeBookings) = await ReadScheduleAsync(
                core, connection, transaction, owner, new DateInterval(meetings[0].LocalStart.Date, meetings[^1].LocalStart.Date), now, cancellationToken,
                invitee: (invitee, now), claim: claim, bookingsTouchingEach: SeriesRows.Touching(meetings, type), forType: type);
            var refused = RecurringSeries.Decide(read.Schedule, meetings, type, typeKey, now);
            // The invitee's allowance counts a series once, as one more booking.
            if (refused.Count == 0 && InviteeAllowance.Decide(inviteeBookings, core.Limits.MaxActiveBookingsPerInvitee) is var allowance && allowance != BookingOutcome.Accepted)
            {
                refused = [new SeriesRefusal(meetings[0], allowance)];
            }

            if (refused.Count > 0)
            {
                raised.Saw(ownerId, owner.ScheduleVersion);
                return Rollback<SeriesAttempt>(new SeriesAttempt.Refused(refused));
            }

            var series = new StoredSeries(NewId(), ownerId, typeKey, owner.Zone, meetings[0].LocalStart, request.Slot.End - request.Slot.Start, rule.IntervalWeeks, rule.Count, now);
            var bookings = meetings.Select(m => NewBooking(ownerId, request with { Slot = m.Slot!.Value }, typeKey, now) with { SeriesId = series.Id, SeriesIndex = m.Index }).ToList();
            series = series with { Bookings = bookings };
            if (request.SingleUseLinkHash is { } link && !await MeetingTypes.SingleUseLinkStore.UseAsync(connection, transaction, link, LinkTarget.Owner(ownerId, typeKey), bookings[0].Id, now, cancellationToken))
            {
                raised.Saw(ownerId, owner.ScheduleVersion);
                return Rollback<SeriesAttempt>(new SeriesAttempt.Refused([new SeriesRefusal(meetings[0], BookingOutcome.LinkUsed)]));
            }

            var sql = new StringBuilder(claim is null ? "" : DeleteHoldSql).Append(SeriesRows.InsertSeriesSql);
            List<(string Name, object Value)> parameters = [.. SeriesRows.SeriesParameters(series), ("@owner", ownerId), .. claim is null ? [] : new[] { ("@hold", (object)claim.HoldId) }];
            for (var i = 0; i < bookings.Count; i++)
            {
                // Every meeting's event goes to webhooks, calendars and reminders; the first's e-mail tells the whole series.
                Append(sql, parameters, $"m{i}", InsertBookingSql + InsertEventSql,
                    [.. InsertBookingParameters(bookings[i], type.Blocks(bookings[i].Slot), invitee), .. CreatedEventParameters(bookings[i], quiet: i > 0)]);
            }

            sql.Append(RaiseVersionSql);
            try
            {
                await using var command = Command(connection, transaction, sql.ToString(), [.. parameters]);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                raised.Add(new ScheduleVersion(ownerId, await RaisedVersionAsync(reader, cancellationToken), BookingsOnly: true, SeriesRows.Spanning(bookings.Select(b => type.Blocks(b.Slot)))));
            }
            catch (DbException e) when (core.IsConflict(e))
            {
                // The schema's overlap guard fired for a meeting the engine accepted under the same lock: it cannot say
                // which, so the first stands for the series. Nothing is committed.
                return Rollback<SeriesAttempt>(new SeriesAttempt.Refused([new SeriesRefusal(meetings[0], BookingOutcome.Taken)]));
            }

            if (key is not null && payload is not null)
            {
                await IdempotencyKeys.KeepAsync(connection, transaction, key, payload(series), now, cancellationToken);
            }

            return Commit<SeriesAttempt>(new SeriesAttempt.Booked(series));
        }, cancellationToken);
    }

    public Task<SeriesAttempt> BookTeamSeriesAsync(
        string teamId, string slug, BookingRequest request, SeriesRule rule, Instant now, IdempotencyKey? key, Func<IReadOnlyList<StoredBooking>, string>? payload,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(rule);
        return core.WriteAsync<SeriesAttempt>("book_team_series", async (connection, transaction, raised) =>
        {
            // The team is locked before the key is looked up, so two requests with one key cannot both miss it (the hosts
            // are locked after it, in the order every team write takes).
            var found = await QueryAsync(connection, transaction, cancellationToken, r => r.String("id"), $"SELECT id FROM teams WHERE id = @team{core.LockRowClause};", ("@team", teamId));
            var team = found.Count == 1 ? await Teams.TeamReads.ReadTeamAsync(connection, transaction, teamId, cancellationToken) : null;
            if (team?.MeetingTypes.FirstOrDefault(t => t.Slug == slug) is not { } meetingType)
            {
                return Rollback<SeriesAttempt>(new SeriesAttempt.UnknownOwner());
            }

            if (key is not null && await IdempotencyKeys.FindAsync(connection, transaction, key, now, cancellationToken) is { } earlier)
            {
                return Rollback<SeriesAttempt>(earlier.Hash == key.RequestHash ? new SeriesAttempt.Replayed(earlier.Payload) : new SeriesAttempt.KeyReused());
            }

            var attempt = await Teams.TeamSeries.BookAsync(core, connection, transaction, raised, team, meetingType, request, rule, now, cancellationToken);
            if (attempt is not SeriesAttempt.Booked booked)
            {
                return Rollback(attempt);
            }

            if (key is not null && payload is not null)
            {
                await IdempotencyKeys.KeepAsync(connection, transaction, key, payload(booked.FirstShares), now, cancellationToken);
            }

            return Commit(attempt);
        }, cancellationToken);
    }

    public Task<StoredSeries?> GetSeriesAsync(string seriesId, CancellationToken cancellationToken) =>
        core.ReadAsync("get_series", connection => ReadSeriesAsync(connection, null, seriesId, cancellationToken), cancellationToken);

    public Task<SeriesChange?> CancelFollowingAsync(string bookingId, string cancelledBy, string? reason, Instant now, CancellationToken cancellationToken) =>
        core.WriteAsync<SeriesChange?>("cancel_series", async (connection, transaction, raised) =>
        {
            if (await ReadLockedAsync(core, connection, transaction, bookingId, cancellationToken) is not { } booking)
            {
                return Rollback<SeriesChange?>(null);
            }

            booking = booking.TeamBookingId is null ? booking : await Teams.TeamSeries.LockAsync(core, connection, transaction, booking, cancellationToken);
            var outcome = BookingLifecycle.MayCancel(booking.Status, booking.Slot, now);
            if (outcome != ChangeOutcome.Allowed)
            {
                return Rollback<SeriesChange?>(new SeriesChange(outcome, booking, [], []));
            }

            // The meeting named and every later one still active and not begun; the first's e-mail tells them all.
            // Of a team series, every host's share of those meetings.
            var meetings = await FollowingAsync(connection, transaction, booking, cancellationToken);
            var following = (booking.TeamBookingId is null ? meetings : await Teams.TeamSeries.SharesOfAsync(connection, transaction, meetings, cancellationToken))
                .Where(b => BookingLifecycle.MayCancel(b.Status, b.Slot, now) == ChangeOutcome.Allowed).ToList();
            var sql = new StringBuilder();
            var parameters = new List<(string Name, object Value)>();
            for (var i = 0; i < following.Count; i++)
            {
                var b = following[i];
                Append(sql, parameters, $"c{i}", CancelSql + InsertEventSql,
                    [.. CancelParameters(b.Id, cancelledBy, reason, now), .. EventParameters(BookingEvents.Cancelled, b.OwnerId, b.Id, b.Sequence, b.Slot, null, now, quiet: !SameMeeting(b, booking))]);
            }

            await ExecuteAsync(connection, transaction, cancellationToken, sql.ToString(), [.. parameters]);
            foreach (var owner in following.Select(b => b.OwnerId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                await RaiseScheduleVersionAsync(connection, transaction, raised, owner, cancellationToken,
                    SeriesRows.Spanning(following.Where(b => b.OwnerId == owner).Select(b => MayHaveBlocked(b.Slot))));
            }

            var cancelled = following.Select(b => b with { Status = BookingStatus.Cancelled, CancelledAt = now, CancelledBy = cancelledBy, CancelReason = reason })
                .OrderBy(b => b.Id == booking.Id ? 0 : 1).ToList();
            return Commit<SeriesChange?>(new SeriesChange(ChangeOutcome.Allowed, cancelled[0], cancelled, []));
        }, cancellationToken);

    public Task<SeriesChange?> RescheduleFollowingAsync(string bookingId, Instant newStart, Instant now, CancellationToken cancellationToken) =>
        core.WriteAsync<SeriesChange?>("reschedule_series", async (connection, transaction, raised) =>
        {
            if (await ReadLockedAsync(core, connection, transaction, bookingId, cancellationToken) is not { } booking)
            {
                return Rollback<SeriesChange?>(null);
            }

            var ofTeam = booking.TeamBookingId is not null;
            booking = ofTeam ? await Teams.TeamSeries.LockAsync(core, connection, transaction, booking, cancellationToken) : booking;
            // A booking keeps the length it was booked with, whichever of its type's lengths that was.
            var type = (ofTeam ? await Teams.TeamSeries.RulesOfAsync(connection, transaction, booking.MeetingTypeKey, cancellationToken)
                    : booking.MeetingTypeKey == "" ? MeetingType.Default
                    : (await ReadMeetingTypeAsync(connection, transaction, booking.OwnerId, booking.MeetingTypeKey, cancellationToken))?.Rules)
                ?.WithLength(booking.Slot.End - booking.Slot.Start);
            var change = BookingLifecycle.MayReschedule(booking.Status, booking.Slot, type, now);
            if (change != ChangeOutcome.Allowed || type is null)
            {
                return Rollback<SeriesChange?>(new SeriesChange(change, booking, [], []));
            }

            var owner = (await core.ReadOwnerAsync(connection, transaction, booking.OwnerId, cancellationToken))!;
            var series = booking.SeriesId is { } id ? await ReadSeriesAsync(connection, transaction, id, cancellationToken) : null;
            var meetings = (await FollowingAsync(connection, transaction, booking, cancellationToken)).Where(b => b.IsActive).ToList();
            // The meeting named moves to the slot asked for; each later one to the same wall-clock time, the series' weeks on:
            // the owner's zone, or the zone a team series keeps.
            var zone = ofTeam && series is not null ? series.Zone : owner.Zone;
            var first = type.SlotAt(newStart);
            var targets = RecurringSeries.At(first.Start.InZone(zone).LocalDateTime, booking.SeriesIndex ?? 0, first.End - first.Start, zone, series?.IntervalWeeks ?? 1,
                meetings.Select(b => b.SeriesIndex ?? 0)).ToList();
            targets[0] = targets[0] with { Slot = first };
            List<StoredBooking> moving;
            IReadOnlyList<SeriesRefusal> refused;
            if (ofTeam)
            {
                // Every host's share of each meeting moves; the same hosts must be free for every new time.
                moving = await Teams.TeamSeries.SharesOfAsync(connection, transaction, meetings, cancellationToken);
                refused = await Teams.TeamSeries.DecideMoveAsync(core, connection, transaction, booking, moving, targets, type, now, cancellationToken);
            }
            else
            {
                moving = meetings;
                var dates = targets.Select(t => t.LocalStart.Date).ToList();
                var (read, _) = await ReadScheduleAsync(
                    core, connection, transaction, owner, new DateInterval(dates.Min(), dates.Max()), now, cancellationToken, bookingsTouchingEach: SeriesRows.Touching(targets, type), forType: type);
                refused = RecurringSeries.Decide(read.Schedule.Without([.. moving.Select(b => new Interval(b.Slot.Start, b.Slot.End))]), targets, type, booking.MeetingTypeKey, now);
                if (refused.Count > 0)
                {
                    raised.Saw(booking.OwnerId, owner.ScheduleVersion);
                }
            }

            if (refused.Count > 0)
            {
                return Rollback<SeriesChange?>(new SeriesChange(ChangeOutcome.Allowed, booking, [], refused));
            }

            // Meetings a week or more apart move by about the same time: moved last first when they move later (first first
            // when earlier), none lands on a meeting that has not moved yet, and the guard checks each row as it changes.
            Slot TargetOf(StoredBooking b) => targets.First(t => t.Index == (b.SeriesIndex ?? 0)).Slot!.Value;
            var order = moving.OrderBy(b => b.SeriesIndex ?? 0).ToList();
            if (first.Start > booking.Slot.Start)
            {
                order.Reverse();
            }

            var sql = new StringBuilder();
            var parameters = new List<(string Name, object Value)>();
            for (var i = 0; i < order.Count; i++)
            {
                var b = order[i];
                var slot = TargetOf(b);
                Append(sql, parameters, $"r{i}", MoveSql + InsertEventSql,
                    [.. MoveParameters(b, slot, type.Blocks(slot), null, now),
                     .. EventParameters(BookingEvents.Rescheduled, b.OwnerId, b.Id, b.Sequence + 1, slot, b.Slot, now, quiet: !SameMeeting(b, booking))]);
            }

            try
            {
                await ExecuteAsync(connection, transaction, cancellationToken, sql.ToString(), [.. parameters]);
            }
            catch (DbException e) when (core.IsConflict(e))
            {
                return Rollback<SeriesChange?>(new SeriesChange(ChangeOutcome.Allowed, booking, [], [new SeriesRefusal(targets[0], BookingOutcome.Taken)]));
            }

            foreach (var host in moving.Select(b => b.OwnerId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var its = moving.Where(b => b.OwnerId == host).ToList();
                await RaiseScheduleVersionAsync(connection, transaction, raised, host, cancellationToken,
                    SeriesRows.Spanning([.. its.Select(b => MayHaveBlocked(b.Slot)), .. its.Select(b => type.Blocks(TargetOf(b)))]));
            }

            var moved = moving.Select(b => b with { Slot = TargetOf(b), Sequence = b.Sequence + 1 }).OrderBy(b => b.Id == booking.Id ? 0 : 1).ToList();
            return Commit<SeriesChange?>(new SeriesChange(ChangeOutcome.Allowed, moved[0], moved, []));
        }, cancellationToken);

    /// <summary>Whether <paramref name="share"/> is the meeting <paramref name="named"/> or another host's share of it: its change is told by e-mail.</summary>
    private static bool SameMeeting(StoredBooking share, StoredBooking named) =>
        share.Id == named.Id || (share.TeamBookingId is not null && share.TeamBookingId == named.TeamBookingId);

    /// <summary>The booking and, of a series, every later meeting that is not cancelled, in order; the booking first.</summary>
    private static async Task<List<StoredBooking>> FollowingAsync(DbConnection connection, DbTransaction transaction, StoredBooking booking, CancellationToken cancellationToken)
    {
        if (booking.SeriesId is not { } seriesId)
        {
            return [booking];
        }

        var later = await QueryAsync(connection, transaction, cancellationToken, ReadBooking,
            $"SELECT {BookingColumns} FROM bookings WHERE series_id = @series AND series_index > @index AND status <> @cancelled ORDER BY series_index;",
            ("@series", seriesId), ("@index", booking.SeriesIndex ?? 0), BookingStatusColumn.CancelledParameter);
        return [booking, .. later];
    }

    private static async Task<StoredSeries?> ReadSeriesAsync(DbConnection connection, DbTransaction? transaction, string seriesId, CancellationToken cancellationToken)
    {
        var found = await QueryAsync(connection, transaction, cancellationToken,
            r => new StoredSeries(
                r.String("id"), r.String("owner_id"), r.String("meeting_type"), ToZone(r.String("time_zone")), LocalStart.Parse(r.String("first_local_start")).Value,
                Duration.FromMinutes(r.Int("length_minutes")), r.Int("interval_weeks"), r.Int("count"), r.Instant("created_at")),
            "SELECT id, owner_id, meeting_type, time_zone, first_local_start, length_minutes, interval_weeks, count, created_at FROM booking_series WHERE id = @id;",
            ("@id", seriesId));
        if (found is not [var series])
        {
            return null;
        }

        var bookings = await QueryAsync(connection, transaction, cancellationToken, ReadBooking,
            $"SELECT {BookingColumns} FROM bookings WHERE series_id = @id ORDER BY series_index;", ("@id", seriesId));
        return series with { Bookings = await WithPreviousTimesAsync(connection, transaction, bookings, cancellationToken) };
    }
}
