using System.Data.Common;
using System.Text;
using Agenda.Scheduling;
using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Storage.Relational;
using NodaTime;
using static Agenda.Storage.Availability.PlanReads;
using static Agenda.Storage.Bookings.BookingRows;
using static Agenda.Storage.Bookings.ScheduleReads;
using static Agenda.Storage.Outbox.OutboxEvents;
using static Agenda.Storage.Relational.ColumnValues;
using static Agenda.Storage.Relational.StoreCore;

namespace Agenda.Storage.Bookings;

/// <summary>
/// Bookings decided together. On a database across a network, a booking alone costs three round trips (lock and read,
/// insert, commit), and the bookings of one owner wait for each other's whole lock hold. So bookings that arrive while
/// others are being decided are queued, and the next batch decides all of them in one transaction with two commands:
/// <list type="number">
/// <item>one that locks every owner of the batch, in the order of their ids (so batches on several nodes cannot
/// deadlock), and reads, for every booking, what deciding it alone would read;</item>
/// <item>after the engine has decided each booking in arrival order, each seeing the ones accepted before it in the
/// batch, one that inserts the accepted bookings with their events and raises their owners' versions, one version per
/// booking.</item>
/// </list>
/// Each booking gets the answer it would get alone: the same reads under the same locks, the same decision. Should the
/// schema refuse an insert all the same, the batch is rolled back and each booking is decided alone.
/// </summary>
/// <param name="bookAlone">Decides one booking in a write of its own, as <see cref="BookingStore"/> does any other.</param>
internal sealed class BookingBatches(StoreCore core, Func<string, BookingRequest, MeetingType, string, Instant, CancellationToken, Task<BookingAttempt>> bookAlone)
{
    /// <summary>
    /// Owners are spread over this many queues by their id: owners of different queues are decided in parallel, and those
    /// of one queue in batches. Two measured best on two cores (bench/perf figures 4 and 5): one queue makes the owners of
    /// another node's batch wait for each other here too, more queues make smaller batches.
    /// </summary>
    private const int BookingQueues = 2;

    private KeyedBatches<int, PendingBooking>? queues;

    private KeyedBatches<int, PendingBooking> Queues =>
        LazyInitializer.EnsureInitialized(ref queues, () => new KeyedBatches<int, PendingBooking>(DecideBatchAsync));

    /// <summary>A booking waiting for its batch; answered through <see cref="Answer"/>.</summary>
    private sealed record PendingBooking(string OwnerId, BookingRequest Request, MeetingType Type, string TypeKey, Instant Now, CancellationToken CancellationToken)
    {
        public TaskCompletionSource<BookingAttempt> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string InviteeKey { get; } = InviteeAllowance.Identity(Request.Invitee, Request.InviteeEmail);

        /// <summary>True when the caller gave up before the batch started: answered as cancelled, not decided.</summary>
        public bool GaveUp() => CancellationToken.IsCancellationRequested && Answer.TrySetCanceled(CancellationToken);
    }

    /// <summary>Queues the booking for the next batch of its owner's queue; answered once the batch is decided and committed.</summary>
    public Task<BookingAttempt> BookAsync(string ownerId, BookingRequest request, MeetingType type, string typeKey, Instant now, CancellationToken cancellationToken)
    {
        var booking = new PendingBooking(ownerId, request, type, typeKey, now, cancellationToken);
        booking.CancellationToken.ThrowIfCancellationRequested();
        Queues.Add((int)((uint)StringComparer.Ordinal.GetHashCode(booking.OwnerId) % BookingQueues), booking);
        return booking.Answer.Task;
    }

    /// <summary>Decides and answers every booking of the batch; never throws.</summary>
    private async Task DecideBatchAsync(List<PendingBooking> batch)
    {
        try
        {
            await DecideAndAnswerAsync(batch);
        }
        catch (Exception exception)
        {
            // A bug, not a refusal: whoever is still waiting learns that the booking failed.
            foreach (var booking in batch)
            {
                booking.Answer.TrySetException(exception);
            }
        }
    }

    private async Task DecideAndAnswerAsync(List<PendingBooking> batch)
    {
        batch.RemoveAll(booking => booking.GaveUp());
        if (batch.Count == 1)
        {
            await AnswerAloneAsync(batch[0]);
            return;
        }

        if (batch.Count == 0)
        {
            return;
        }

        BookingAttempt?[]? attempts;
        try
        {
            attempts = await core.WriteAsync<BookingAttempt?[]?>(async (connection, transaction, raised) =>
            {
                var decided = await TryBookTogetherAsync(connection, transaction, raised, batch);
                return new WriteDecision<BookingAttempt?[]?>(decided, decided?.Any(attempt => attempt is BookingAttempt.Booked) == true);
            }, CancellationToken.None);
        }
        catch (Exception exception)
        {
            foreach (var booking in batch)
            {
                booking.Answer.TrySetException(exception);
            }

            return;
        }

        if (attempts is null)
        {
            foreach (var booking in batch)
            {
                await AnswerAloneAsync(booking);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (attempts[i] is { } attempt)
            {
                batch[i].Answer.TrySetResult(attempt);
            }
            else
            {
                await AnswerAloneAsync(batch[i]);
            }
        }
    }

    private async Task AnswerAloneAsync(PendingBooking booking)
    {
        try
        {
            booking.Answer.TrySetResult(await bookAlone(booking.OwnerId, booking.Request, booking.Type, booking.TypeKey, booking.Now, CancellationToken.None));
        }
        catch (Exception exception)
        {
            booking.Answer.TrySetException(exception);
        }
    }

    /// <summary>
    /// The batch's answers in its order; null when the schema refused an insert (then nothing is to be committed). A booking
    /// with an owner who has limits is left unanswered (null), to be decided alone after: its limits count bookings of
    /// whole weeks, months or years, which the batch's read of each slot's neighbours does not hold.
    /// </summary>
    private async Task<BookingAttempt?[]?> TryBookTogetherAsync(DbConnection connection, DbTransaction transaction, RaisedVersions raised, List<PendingBooking> batch)
    {
        var owners = batch.Select(booking => booking.OwnerId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        // The rules and overrides of the slot's date in the owner's zone, which lies within a day of its UTC date; one read
        // of the plan serves every booking of the owner with the same dates.
        var plans = batch.Select(booking => (booking.OwnerId, Dates: DatesAround(booking.Request.Slot))).Distinct().ToList();
        var found = new Dictionary<string, OwnerSnapshot>(StringComparer.Ordinal);
        var planOf = new Dictionary<(string OwnerId, DateInterval Dates), AvailabilityPlan>();
        var nearby = new (List<ExistingBooking> Bookings, List<SlotHold> Holds, Instant? CalendarsChangeAt, long InviteeBookings)[batch.Count];

        // 1. Lock and read.
        var sql = new StringBuilder();
        var parameters = new List<(string Name, object Value)>();
        for (var k = 0; k < owners.Count; k++)
        {
            Append(sql, parameters, $"o{k}", core.LockedOwnerQuery, [("@owner", owners[k])]);
        }

        for (var p = 0; p < plans.Count; p++)
        {
            Append(sql, parameters, $"p{p}", PlanReadsSql,
                [("@owner", plans[p].OwnerId), ("@first", ToColumn(plans[p].Dates.Start)), ("@last", ToColumn(PlanEnd(plans[p].Dates)))]);
        }

        for (var i = 0; i < batch.Count; i++)
        {
            var booking = batch[i];
            var touching = NeededToDecide(booking.Request.Slot, booking.Type)!.Value;
            Append(sql, parameters, $"b{i}", NearbyReadsSql(core, withInvitee: true, oneSlot: true),
                ScheduleReadParameters(booking.OwnerId, DatesAround(booking.Request.Slot), touching.Start, touching.End, null, (booking.InviteeKey, booking.Now), booking.Now));
        }

        await using (var command = Command(connection, transaction, sql.ToString(), [.. parameters]))
        await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
        {
            foreach (var owner in owners)
            {
                if (await reader.ReadAsync(CancellationToken.None))
                {
                    found[owner] = ReadOwnerRow(owner, reader);
                }

                await reader.NextResultAsync(CancellationToken.None);
            }

            foreach (var plan in plans)
            {
                planOf[plan] = await ReadPlanResultsAsync(reader, CancellationToken.None);
                await reader.NextResultAsync(CancellationToken.None);
            }

            for (var i = 0; i < batch.Count; i++)
            {
                if (i > 0)
                {
                    await reader.NextResultAsync(CancellationToken.None);
                }

                nearby[i] = await ReadNearbyResultsAsync(reader, withInvitee: true, CancellationToken.None);
            }
        }

        // 2. Decide in arrival order, each booking seeing the ones accepted before it.
        var attempts = new BookingAttempt?[batch.Count];
        var accepted = new List<(StoredBooking Booking, ExistingBooking Blocks, string InviteeKey)>();
        for (var i = 0; i < batch.Count; i++)
        {
            var pending = batch[i];
            if (!found.TryGetValue(pending.OwnerId, out var owner))
            {
                attempts[i] = new BookingAttempt.UnknownOwner();
                continue;
            }

            if (!owner.Limits.IsNone || owner.Travel.Count > 0)
            {
                // Limits count beyond the slot's own bookings, and travel moves the hours' zone: decided alone.
                continue;
            }

            var touching = NeededToDecide(pending.Request.Slot, pending.Type)!.Value;
            var ofOwner = accepted.Where(a => a.Booking.OwnerId == pending.OwnerId).ToList();
            var bookings = SlotHolds.BusyWith(nearby[i].Bookings, nearby[i].Holds, pending.Now, claim: null)
                .Concat(ofOwner.Select(a => a.Blocks).Where(b => b.Blocked.Start < touching.End && b.Blocked.End > touching.Start))
                .OrderBy(b => b.Blocked.Start)
                .ToList();
            var schedule = new OwnerSchedule(owner.Zone, planOf[(pending.OwnerId, DatesAround(pending.Request.Slot))], bookings);
            var held = nearby[i].InviteeBookings + ofOwner.Count(a => a.InviteeKey == pending.InviteeKey);
            var outcome = Decide(core.Limits, schedule, pending.Request.Slot, pending.Type, pending.TypeKey, pending.Now, held);
            if (outcome != BookingOutcome.Accepted)
            {
                raised.Saw(pending.OwnerId, owner.ScheduleVersion);
                attempts[i] = new BookingAttempt.Refused(outcome);
                continue;
            }

            var booking = NewBooking(pending.OwnerId, pending.Request, pending.TypeKey, pending.Now);
            var blocked = pending.Type.Blocks(pending.Request.Slot);
            accepted.Add((booking, new ExistingBooking(new Interval(pending.Request.Slot.Start, pending.Request.Slot.End), blocked, pending.TypeKey), pending.InviteeKey));
            attempts[i] = new BookingAttempt.Booked(booking);
        }

        if (accepted.Count == 0)
        {
            return attempts;
        }

        // 3. Insert the accepted bookings and raise a version for each.
        sql.Clear();
        parameters.Clear();
        for (var j = 0; j < accepted.Count; j++)
        {
            var (booking, blocks, inviteeKey) = accepted[j];
            Append(sql, parameters, $"i{j}", InsertBookingSql + InsertEventSql + RaiseVersionSql, [.. InsertBookingParameters(booking, blocks.Blocked, inviteeKey), .. CreatedEventParameters(booking)]);
        }

        try
        {
            await using var command = Command(connection, transaction, sql.ToString(), [.. parameters]);
            await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
            foreach (var (booking, blocks, _) in accepted)
            {
                raised.Add(new ScheduleVersion(booking.OwnerId, await RaisedVersionAsync(reader, CancellationToken.None), BookingsOnly: true, blocks.Blocked));
            }
        }
        catch (DbException e) when (core.IsConflict(e))
        {
            raised.Clear();
            return null;
        }

        return attempts;
    }
}
