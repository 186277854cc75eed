using System.Data.Common;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;

namespace Agenda.Storage.Relational;

public sealed partial class ScheduleStore
{
    public async Task<IReadOnlyList<Slot>> GetBookingHistoryAsync(string bookingId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await QueryAsync(connection, null, cancellationToken,
            r => new Slot(ToInstant(r.GetInt64(0)), ToInstant(r.GetInt64(1))),
            "SELECT start_utc, end_utc FROM booking_history WHERE booking_id = @id ORDER BY sequence;",
            ("@id", bookingId));
    }

    public Task<CancelResult?> CancelAsync(string bookingId, string cancelledBy, string? reason, Instant now, CancellationToken cancellationToken) =>
        WriteAsync<CancelResult?>(async (connection, transaction, raised) =>
        {
            if (await ReadLockedBookingAsync(connection, transaction, bookingId, cancellationToken) is not { } booking)
            {
                return Rollback<CancelResult?>(null);
            }

            if (booking.TeamBookingId is { } group)
            {
                return await CancelTeamBookingAsync(connection, transaction, raised, group, bookingId, cancelledBy, reason, now, cancellationToken);
            }

            var outcome = BookingLifecycle.MayCancel(booking.Status, booking.Slot, now);
            if (outcome != ChangeOutcome.Allowed)
            {
                return Rollback<CancelResult?>(new CancelResult(outcome, booking));
            }

            await ExecuteAsync(connection, transaction, cancellationToken, CancelSql + InsertEventSql,
                [("@id", bookingId), ("@now", ToColumn(now)), ("@by", cancelledBy), ("@reason", ToColumn(reason)),
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
        WriteAsync<BookingAttempt?>(async (connection, transaction, raised) =>
        {
            var booking = await ReadLockedBookingAsync(connection, transaction, bookingId, cancellationToken);
            if (booking is null)
            {
                return Rollback<BookingAttempt?>(null);
            }

            if (booking.TeamBookingId is { } group)
            {
                return await RescheduleTeamBookingAsync(connection, transaction, raised, group, bookingId, newStart, now, cancellationToken);
            }

            var type = booking.MeetingTypeKey == "" ? MeetingType.Default : (await ReadMeetingTypeAsync(connection, transaction, booking.OwnerId, booking.MeetingTypeKey, cancellationToken))?.Rules;
            var change = BookingLifecycle.MayReschedule(booking.Status, booking.Slot, type, now);
            if (change != ChangeOutcome.Allowed || type is null)
            {
                return Rollback<BookingAttempt?>(new BookingAttempt.NotChangeable(change));
            }

            var newSlot = type.SlotAt(newStart);
            var owner = (await ReadOwnerAsync(connection, transaction, booking.OwnerId, cancellationToken, forUpdate: true))!;
            var date = newSlot.Start.InZone(owner.Zone).Date;
            var (read, _) = await ReadScheduleAsync(
                connection, transaction, owner, new DateInterval(date, date), now, cancellationToken, excludeBookingId: bookingId, bookingsTouching: NeededToDecide(newSlot, type));
            var outcome = read.Schedule.Decide(newSlot, type, booking.MeetingTypeKey, now);
            if (outcome != BookingOutcome.Accepted)
            {
                return Rollback<BookingAttempt?>(new BookingAttempt.Refused(outcome));
            }

            var blocked = type.Blocks(newSlot);
            await ExecuteAsync(connection, transaction, cancellationToken,
                "INSERT INTO booking_history (booking_id, sequence, start_utc, end_utc, changed_at) VALUES (@id, @sequence, @start, @end, @now);",
                ("@id", bookingId), ("@sequence", booking.Sequence), ("@start", ToColumn(booking.Slot.Start)), ("@end", ToColumn(booking.Slot.End)), ("@now", ToColumn(now)));
            try
            {
                await ExecuteAsync(connection, transaction, cancellationToken,
                    """
                    UPDATE bookings SET start_utc = @start, end_utc = @end, blocked_start_utc = @blocked_start, blocked_end_utc = @blocked_end,
                        sequence = sequence + 1
                    WHERE id = @id;

                    """ + InsertEventSql,
                    [("@id", bookingId), ("@start", ToColumn(newSlot.Start)), ("@end", ToColumn(newSlot.End)),
                     ("@blocked_start", ToColumn(blocked.Start)), ("@blocked_end", ToColumn(blocked.End)),
                     .. EventParameters(BookingEvents.Rescheduled, booking.OwnerId, bookingId, booking.Sequence + 1, newSlot, booking.Slot, now)]);
            }
            catch (DbException e) when (database.IsConflict(e))
            {
                // The schema's overlap guard fired; the transaction is rolled back and the booking keeps its time.
                return Rollback<BookingAttempt?>(new BookingAttempt.Refused(BookingOutcome.Taken));
            }

            var moved = MayHaveBlocked(booking.Slot);
            await RaiseScheduleVersionAsync(
                connection, transaction, raised, booking.OwnerId, cancellationToken,
                bookingsAffected: new Interval(Instant.Min(moved.Start, blocked.Start), Instant.Max(moved.End, blocked.End)));
            return Commit<BookingAttempt?>(new BookingAttempt.Booked(booking with { Slot = newSlot, Sequence = booking.Sequence + 1 }));
        }, cancellationToken);

    /// <summary>Cancels the active booking @id, by @by at @now for @reason.</summary>
    private const string CancelSql =
        """
        UPDATE bookings SET status = 'cancelled', cancelled_at = @now, cancelled_by = @by, cancel_reason = @reason
        WHERE id = @id AND status = 'active';

        """;

    /// <summary>What a booking of <paramref name="meeting"/> can block: buffers are at most a day each (<see cref="MeetingType"/>).</summary>
    private static Interval MayHaveBlocked(Slot meeting) => new(meeting.Start - MeetingType.MaxLength, meeting.End + MeetingType.MaxLength);

    /// <summary>
    /// Reads a booking after locking its owner, so that no other write for that owner can change it or its
    /// neighbours until the transaction ends. The booking is read again under the lock: its state may have
    /// changed while the lock was awaited. A share of a team booking is returned unlocked: the caller takes the team's
    /// path, which locks every host in the order of their ids (<see cref="LockTeamBookingAsync"/>).
    /// </summary>
    private async Task<StoredBooking?> ReadLockedBookingAsync(DbConnection connection, DbTransaction transaction, string bookingId, CancellationToken cancellationToken)
    {
        var booking = await ReadBookingAsync(connection, transaction, bookingId, cancellationToken);
        if (booking is null)
        {
            return null;
        }

        if (booking.TeamBookingId is not null)
        {
            return booking;
        }

        await ReadOwnerAsync(connection, transaction, booking.OwnerId, cancellationToken, forUpdate: true);
        return await ReadBookingAsync(connection, transaction, bookingId, cancellationToken);
    }
}
