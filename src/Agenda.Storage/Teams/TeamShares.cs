using System.Data.Common;
using Agenda.Scheduling.Booking;
using Agenda.Storage.Relational;
using NodaTime;
using static Agenda.Storage.Bookings.BookingRows;
using static Agenda.Storage.Outbox.OutboxEvents;
using static Agenda.Storage.Relational.ColumnValues;
using static Agenda.Storage.Relational.StoreCore;
using static Agenda.Storage.Teams.TeamReads;

namespace Agenda.Storage.Teams;

/// <summary>
/// Cancelling and moving a team booking: whichever host's share is named, every share changes together, under every
/// host's lock. A move keeps the hosts (the invitee was told whom they meet): the new slot must be free for each of
/// them, as a collective booking of exactly those hosts would need. The booking store hands a share here from
/// <see cref="IBookingStore.CancelAsync"/> and <see cref="IBookingStore.RescheduleAsync"/>, inside its write transaction.
/// </summary>
internal static class TeamShares
{
    public static async Task<WriteDecision<CancelResult?>> CancelAsync(
        StoreCore core, DbConnection connection, DbTransaction transaction, RaisedVersions raised, string group, string bookingId, string cancelledBy, string? reason, Instant now, CancellationToken cancellationToken)
    {
        var shares = await LockTeamBookingAsync(core, connection, transaction, group, cancellationToken);
        var asked = shares.Single(s => s.Id == bookingId);
        var outcome = BookingLifecycle.MayCancel(asked.Status, asked.Slot, now);
        if (outcome != ChangeOutcome.Allowed)
        {
            return Rollback<CancelResult?>(new CancelResult(outcome, asked));
        }

        foreach (var share in shares.Where(s => s.IsActive))
        {
            await ExecuteAsync(connection, transaction, cancellationToken, CancelSql + InsertEventSql,
                [.. CancelParameters(share.Id, cancelledBy, reason, now),
                 .. EventParameters(BookingEvents.Cancelled, share.OwnerId, share.Id, share.Sequence, share.Slot, null, now)]);
            await RaiseScheduleVersionAsync(connection, transaction, raised, share.OwnerId, cancellationToken, bookingsAffected: MayHaveBlocked(share.Slot));
        }

        return Commit<CancelResult?>(new CancelResult(ChangeOutcome.Allowed, asked with
        {
            Status = BookingStatus.Cancelled,
            CancelledAt = now,
            CancelledBy = cancelledBy,
            CancelReason = reason,
        }));
    }

    public static async Task<WriteDecision<BookingAttempt?>> RescheduleAsync(
        StoreCore core, DbConnection connection, DbTransaction transaction, RaisedVersions raised, string group, string bookingId, Instant newStart, Instant now, CancellationToken cancellationToken)
    {
        var shares = await LockTeamBookingAsync(core, connection, transaction, group, cancellationToken);
        var asked = shares.Single(s => s.Id == bookingId);
        var team = StoredTeamMeetingType.ParseKey(asked.MeetingTypeKey) is { } key ? await ReadTeamAsync(connection, transaction, key.TeamId, cancellationToken) : null;
        var type = team?.MeetingTypes.FirstOrDefault(t => StoredTeamMeetingType.KeyOf(team.Id, t.Slug) == asked.MeetingTypeKey);
        var change = BookingLifecycle.MayReschedule(asked.Status, asked.Slot, type?.Rules, now);
        if (change != ChangeOutcome.Allowed || team is null || type is null)
        {
            return Rollback<BookingAttempt?>(new BookingAttempt.NotChangeable(change));
        }

        // A booking keeps the length it was booked with, whichever of its type's lengths that was.
        var rules = type.Rules.WithLength(asked.Slot.End - asked.Slot.Start);
        var newSlot = rules.SlotAt(newStart);
        var (outcome, _) = await DecideForHostsAsync(
            core, connection, transaction, team, shares.Select(s => s.OwnerId).ToList(), newSlot, rules, asked.MeetingTypeKey, now, _ => null, owner => shares.First(s => s.OwnerId == owner).Id, cancellationToken);
        if (!outcome.IsAccepted)
        {
            return Rollback<BookingAttempt?>(new BookingAttempt.Refused(outcome.Outcome));
        }

        var blocked = rules.Blocks(newSlot);
        try
        {
            foreach (var share in shares)
            {
                await ExecuteAsync(connection, transaction, cancellationToken,
                    """
                    INSERT INTO booking_history (booking_id, sequence, start_utc, end_utc, changed_at) VALUES (@id, @sequence, @old_start, @old_end, @now);
                    UPDATE bookings SET start_utc = @start, end_utc = @end, blocked_start_utc = @blocked_start, blocked_end_utc = @blocked_end,
                        sequence = sequence + 1
                    WHERE id = @id;

                    """ + InsertEventSql,
                    [("@id", share.Id), ("@sequence", share.Sequence), ("@old_start", ToColumn(share.Slot.Start)), ("@old_end", ToColumn(share.Slot.End)), ("@now", ToColumn(now)),
                     ("@start", ToColumn(newSlot.Start)), ("@end", ToColumn(newSlot.End)), ("@blocked_start", ToColumn(blocked.Start)), ("@blocked_end", ToColumn(blocked.End)),
                     .. EventParameters(BookingEvents.Rescheduled, share.OwnerId, share.Id, share.Sequence + 1, newSlot, share.Slot, now)]);
                var moved = MayHaveBlocked(share.Slot);
                await RaiseScheduleVersionAsync(
                    connection, transaction, raised, share.OwnerId, cancellationToken,
                    bookingsAffected: new Interval(Instant.Min(moved.Start, blocked.Start), Instant.Max(moved.End, blocked.End)));
            }
        }
        catch (DbException e) when (core.IsConflict(e))
        {
            // A host's overlap guard fired; the transaction is rolled back and every share keeps its time.
            return Rollback<BookingAttempt?>(new BookingAttempt.Refused(BookingOutcome.Taken));
        }

        return Commit<BookingAttempt?>(new BookingAttempt.Booked(asked with { Slot = newSlot, Sequence = asked.Sequence + 1 }));
    }

    /// <summary>Locks every host of the team booking in the order of their ids, then reads its shares under the locks.</summary>
    private static async Task<List<StoredBooking>> LockTeamBookingAsync(StoreCore core, DbConnection connection, DbTransaction transaction, string group, CancellationToken cancellationToken)
    {
        var before = await ReadTeamBookingAsync(connection, transaction, group, cancellationToken);
        foreach (var owner in before.Select(s => s.OwnerId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            await core.ReadOwnerAsync(connection, transaction, owner, cancellationToken, forUpdate: true);
        }

        return await ReadTeamBookingAsync(connection, transaction, group, cancellationToken);
    }
}
