using System.Data.Common;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;

namespace Agenda.Storage.Relational;

/// <summary>
/// Holds are written like bookings: under the owner's lock, decided by the engine over the same reads, and raising the
/// owner's version for the time they block, so cached slots near them are computed again. Their expiry needs no write:
/// every read compares it with the clock, and a cached answer that counted a hold is kept only until it expires.
/// </summary>
public sealed partial class ScheduleStore
{
    public Task<HoldAttempt> HoldAsync(string ownerId, string holdId, Slot slot, MeetingType type, string typeKey, Instant now, Instant expiresAt, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction, raised) =>
        {
            var (read, _) = await ReadToDecideAsync(connection, transaction, ownerId, slot, type, now, cancellationToken, invitee: null, claim: null);
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

            var hold = new SlotHold(holdId, new Interval(slot.Start, slot.End), type.Blocks(slot), typeKey, expiresAt);
            // Expired holds of the owner go with the new one: they block nothing, and this keeps their index short.
            await using var command = Command(connection, transaction,
                """
                DELETE FROM slot_holds WHERE owner_id = @owner AND expires_at <= @now;
                INSERT INTO slot_holds (id, owner_id, meeting_type, start_utc, end_utc, blocked_start_utc, blocked_end_utc, expires_at, created_at)
                VALUES (@id, @owner, @type, @start, @end, @blocked_start, @blocked_end, @expires, @now);

                """ + RaiseVersionSql,
                ("@id", holdId), ("@owner", ownerId), ("@type", typeKey), ("@start", ToColumn(slot.Start)), ("@end", ToColumn(slot.End)),
                ("@blocked_start", ToColumn(hold.Blocked.Start)), ("@blocked_end", ToColumn(hold.Blocked.End)), ("@expires", ToColumn(expiresAt)), ("@now", ToColumn(now)));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            raised.Add(new ScheduleVersion(ownerId, await RaisedVersionAsync(reader, cancellationToken), BookingsOnly: true, hold.Blocked));
            return Commit<HoldAttempt>(new HoldAttempt.Held(hold));
        }, cancellationToken);

    public Task<bool> ReleaseHoldAsync(string holdId, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction, raised) =>
        {
            // One hold, or the holds of every host of a team slot held together.
            var held = await QueryAsync(connection, transaction, cancellationToken,
                r => (OwnerId: r.GetString(0), Blocked: new Interval(ToInstant(r.GetInt64(1)), ToInstant(r.GetInt64(2)))),
                "SELECT owner_id, blocked_start_utc, blocked_end_utc FROM slot_holds WHERE id = @id OR team_hold_id = @id;", ("@id", holdId));
            if (held.Count == 0)
            {
                return Rollback(false);
            }

            // Under the owners' locks (in the order of their ids), as every write that changes what their slots are.
            foreach (var owner in held.Select(h => h.OwnerId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                await ReadOwnerAsync(connection, transaction, owner, cancellationToken, forUpdate: true);
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

    /// <summary>Ends the hold @hold (every host's, for a team slot): released by its holder, or used by their booking.</summary>
    private const string DeleteHoldSql = "DELETE FROM slot_holds WHERE id = @hold OR team_hold_id = @hold;\n";
}
