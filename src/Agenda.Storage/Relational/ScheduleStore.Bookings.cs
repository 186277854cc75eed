using System.Data.Common;
using Agenda.Scheduling;
using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;

namespace Agenda.Storage.Relational;

public sealed partial class ScheduleStore
{
    private const string BookingColumns =
        "id, owner_id, meeting_type, invitee, invitee_email, note, start_utc, end_utc, status, created_at, sequence, cancelled_at, cancelled_by, cancel_reason, manage_token_hash, invitee_language, invitee_time_zone, team_id, team_booking_id";

    /// <summary>
    /// How far around the dates asked for bookings are read: a slot starting on a date ends at most a meeting's
    /// length after that date, and its buffers reach at most a buffer's length further (<see cref="MeetingType"/>
    /// guards both bounds), so this covers every booking whose blocked time can touch such a slot.
    /// </summary>
    private static readonly Duration BookingMargin = MeetingType.MaxLength * 2;

    /// <summary>
    /// The longest time one booking can block. It bounds the index range scanned for bookings near a date, so
    /// past bookings are never read.
    /// </summary>
    private static readonly Duration MaxBlockedSpan = MeetingType.MaxBlockedSpan;

    public Task<ScheduleRead?> LoadScheduleAsync(string ownerId, DateInterval dates, Instant now, CancellationToken cancellationToken) =>
        ReadForOwnerAsync<ScheduleRead>(ownerId, cancellationToken, async (connection, transaction, owner) => (await ReadScheduleAsync(connection, transaction, owner, dates, now, cancellationToken)).Read);

    /// <summary>
    /// Over a network (<see cref="IStoreDialect.CommandsAreRoundTrips"/>), bookings that only a collision can refuse and
    /// that name no hold are
    /// decided together with the others that arrive meanwhile (<see cref="BookTogetherAsync"/>); any other booking is
    /// decided in a write of its own.
    /// </summary>
    public Task<BookingAttempt> BookAsync(string ownerId, BookingRequest request, MeetingType type, string typeKey, Instant now, CancellationToken cancellationToken) =>
        database.CommandsAreRoundTrips && NeededToDecide(request.Slot, type) is not null && request.HoldId is null
            ? BookTogetherAsync(new PendingBooking(ownerId, request, type, typeKey, now, cancellationToken))
            : BookAloneAsync(ownerId, request, type, typeKey, now, cancellationToken);

    private Task<BookingAttempt> BookAloneAsync(string ownerId, BookingRequest request, MeetingType type, string typeKey, Instant now, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction, raised) =>
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
        var (read, inviteeBookings) = await ReadToDecideAsync(connection, transaction, ownerId, request.Slot, type, now, cancellationToken, invitee, claim);
        if (read is null)
        {
            return new BookingAttempt.UnknownOwner();
        }

        var outcome = Decide(read.Schedule, request.Slot, type, typeKey, now, inviteeBookings);
        if (outcome != BookingOutcome.Accepted)
        {
            raised.Saw(ownerId, read.Owner.ScheduleVersion);
            return new BookingAttempt.Refused(outcome);
        }

        var booking = NewBooking(ownerId, request, typeKey, now);
        var blocked = type.Blocks(request.Slot);
        try
        {
            // The insert, its event and the raise of the owner's version in one command (one round trip on PostgreSQL). A
            // hold the booking names is used up, whether or not it was for this slot.
            await using var command = claim is null
                ? Command(connection, transaction, InsertBookingSql + InsertEventSql + RaiseVersionSql, [.. InsertBookingParameters(booking, blocked, invitee), .. CreatedEventParameters(booking)])
                : Command(connection, transaction, DeleteHoldSql + InsertBookingSql + InsertEventSql + RaiseVersionSql,
                    [.. InsertBookingParameters(booking, blocked, invitee), .. CreatedEventParameters(booking), ("@hold", claim.HoldId)]);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            raised.Add(new ScheduleVersion(ownerId, await RaisedVersionAsync(reader, cancellationToken), BookingsOnly: true, blocked));
        }
        catch (DbException e) when (database.IsConflict(e))
        {
            // The schema's overlap guard fired: another booking holds the time. Nothing is committed.
            return new BookingAttempt.Refused(BookingOutcome.Taken);
        }

        return new BookingAttempt.Booked(booking);
    }

    /// <summary>
    /// Locks the owner and reads what deciding <paramref name="slot"/> needs: the bookings and holds it could collide
    /// with, or the whole date's when the type has a daily cap, and the invitee's active bookings when given. The read
    /// is null for an unknown owner.
    /// </summary>
    private async Task<(ScheduleRead? Read, long InviteeBookings)> ReadToDecideAsync(
        DbConnection connection, DbTransaction transaction, string ownerId, Slot slot, MeetingType type, Instant now, CancellationToken cancellationToken,
        string? invitee, HoldClaim? claim)
    {
        var inviteeAt = invitee is null ? ((string, Instant)?)null : (invitee, now);
        if (NeededToDecide(slot, type) is { } touching)
        {
            // The owner's lock and everything the decision needs, in one command.
            return await ReadScheduleAsync(
                connection, transaction, ownerId, null, DatesAround(slot), now, cancellationToken, invitee: inviteeAt, bookingsTouching: touching, claim: claim);
        }

        var owner = await ReadOwnerAsync(connection, transaction, ownerId, cancellationToken, forUpdate: true);
        if (owner is null)
        {
            return (null, 0);
        }

        var date = slot.Start.InZone(owner.Zone).Date;
        return await ReadScheduleAsync(connection, transaction, ownerId, owner, new DateInterval(date, date), now, cancellationToken, invitee: inviteeAt, claim: claim);
    }

    /// <summary>The engine's decision on the slot, then, if it is free, the invitee's allowance given the active bookings they hold.</summary>
    private BookingOutcome Decide(OwnerSchedule schedule, Slot slot, MeetingType type, string typeKey, Instant now, long inviteeBookings)
    {
        var outcome = schedule.Decide(slot, type, typeKey, now);
        return outcome == BookingOutcome.Accepted ? InviteeAllowance.Decide(inviteeBookings, limits.MaxActiveBookingsPerInvitee) : outcome;
    }

    private static StoredBooking NewBooking(string ownerId, BookingRequest request, string typeKey, Instant now) =>
        new(NewId(), ownerId, typeKey, request.Invitee, request.InviteeEmail, request.Note, request.Slot, BookingStatus.Active, now)
        {
            ManageTokenHash = request.ManageTokenHash,
            InviteeLanguage = request.InviteeLanguage,
            InviteeTimeZone = request.InviteeTimeZone,
        };

    private const string InsertBookingSql =
        """
        INSERT INTO bookings (id, owner_id, meeting_type, invitee, invitee_email, note, start_utc, end_utc, status, created_at,
                              manage_token_hash, blocked_start_utc, blocked_end_utc, invitee_key, invitee_language, invitee_time_zone)
        VALUES (@id, @owner, @type, @invitee, @email, @note, @start, @end, 'active', @now, @token, @blocked_start, @blocked_end, @invitee_key,
                @language, @zone);

        """;

    private static (string Name, object Value)[] InsertBookingParameters(StoredBooking booking, Interval blocked, string inviteeKey) =>
    [
        ("@id", booking.Id),
        ("@owner", booking.OwnerId),
        ("@type", booking.MeetingTypeKey),
        ("@invitee", booking.Invitee),
        ("@email", ToColumn(booking.InviteeEmail)),
        ("@note", ToColumn(booking.Note)),
        ("@start", ToColumn(booking.Slot.Start)),
        ("@end", ToColumn(booking.Slot.End)),
        ("@now", ToColumn(booking.CreatedAt)),
        ("@token", ToColumn(booking.ManageTokenHash)),
        ("@blocked_start", ToColumn(blocked.Start)),
        ("@blocked_end", ToColumn(blocked.End)),
        ("@invitee_key", inviteeKey),
        ("@language", ToColumn(booking.InviteeLanguage)),
        ("@zone", ToColumn(booking.InviteeTimeZone)),
    ];

    public async Task<StoredBooking?> GetBookingAsync(string bookingId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadBookingAsync(connection, null, bookingId, cancellationToken);
    }

    public Task<IReadOnlyList<StoredBooking>?> ListUpcomingAsync(string ownerId, Instant now, CancellationToken cancellationToken) =>
        ReadForOwnerAsync<IReadOnlyList<StoredBooking>>(ownerId, cancellationToken, async (connection, transaction, _) =>
            await QueryAsync(connection, transaction, cancellationToken, ReadBooking,
                $"""
                SELECT {BookingColumns} FROM bookings
                WHERE owner_id = @owner AND status = 'active' AND end_utc > @now
                ORDER BY start_utc, id;
                """,
                ("@owner", ownerId), ("@now", ToColumn(now))));

    /// <summary>
    /// Everything a decision about <paramref name="dates"/> needs, in one command of several statements (one round trip
    /// on PostgreSQL): weekly hours, the rules and overrides of those dates, the active bookings whose blocked time can
    /// touch them and, when <paramref name="invitee"/> is given, how many active bookings that invitee holds.
    /// <paramref name="bookingsTouching"/> narrows the bookings to those whose blocked time overlaps it: enough to decide
    /// one slot of a meeting type without a daily cap, which needs only the bookings it could collide with.
    /// </summary>
    private async Task<(ScheduleRead Read, long InviteeBookings)> ReadScheduleAsync(
        DbConnection connection, DbTransaction transaction, OwnerSnapshot owner, DateInterval dates, Instant clock, CancellationToken cancellationToken,
        string? excludeBookingId = null, (string Key, Instant Now)? invitee = null, Interval? bookingsTouching = null, HoldClaim? claim = null)
    {
        var (read, inviteeBookings) = await ReadScheduleAsync(connection, transaction, owner.Id, owner, dates, clock, cancellationToken, excludeBookingId, invitee, bookingsTouching, claim);
        return (read!, inviteeBookings);
    }

    /// <param name="owner">The owner, read already; when null, the same command first locks the owner's row and reads it
    /// (then <paramref name="bookingsTouching"/> must be given, since the dates' instants depend on the owner's zone), and
    /// the read is null for an unknown owner.</param>
    /// <param name="clock">The instant the holds are read at: those still active then block time, except the one
    /// <paramref name="claim"/> releases.</param>
    private async Task<(ScheduleRead? Read, long InviteeBookings)> ReadScheduleAsync(
        DbConnection connection, DbTransaction transaction, string ownerId, OwnerSnapshot? owner, DateInterval dates, Instant clock, CancellationToken cancellationToken,
        string? excludeBookingId = null, (string Key, Instant Now)? invitee = null, Interval? bookingsTouching = null, HoldClaim? claim = null)
    {
        var from = bookingsTouching?.Start ?? dates.Start.AtStartOfDayInZone(owner!.Zone).ToInstant() - BookingMargin;
        var to = bookingsTouching?.End ?? dates.End.PlusDays(1).AtStartOfDayInZone(owner!.Zone).ToInstant() + BookingMargin;
        await using var command = Command(connection, transaction,
            (owner is null ? LockedOwnerQuery : "") + ScheduleReadsSql(invitee is not null, oneSlot: bookingsTouching is not null),
            ScheduleReadParameters(ownerId, dates, from, to, excludeBookingId, invitee, clock));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (owner is null)
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return (null, 0);
            }

            owner = ReadOwnerRow(ownerId, reader);
            await reader.NextResultAsync(cancellationToken);
        }

        var plan = await ReadPlanResultsAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var (bookings, holds, calendarsChangeAt, inviteeBookings) = await ReadNearbyResultsAsync(reader, invitee is not null, cancellationToken);
        var schedule = new OwnerSchedule(owner.Zone, plan, SlotHolds.BusyWith(bookings, holds, clock, claim));
        var holdsChangeAt = SlotHolds.FirstExpiry(holds, clock);
        // A calendar turning stale changes what counts though no version changed, as a hold expiring does.
        var changeAt = holdsChangeAt is { } h && calendarsChangeAt is { } c ? Instant.Min(h, c) : holdsChangeAt ?? calendarsChangeAt;
        return (new ScheduleRead(owner, schedule) { HoldsChangeAt = changeAt }, inviteeBookings);
    }

    /// <summary>
    /// The statements of a schedule read after the owner's row: the owner's plan for @first to @last
    /// (<see cref="PlanReadsSql"/>), then the bookings near @from to @to (<see cref="NearbyReadsSql"/>).
    /// </summary>
    private string ScheduleReadsSql(bool withInvitee, bool oneSlot) => PlanReadsSql + NearbyReadsSql(withInvitee, oneSlot);

    /// <summary>
    /// The last date whose plan the slots of <paramref name="dates"/> depend on: the date after them, since availability
    /// that runs through midnight goes on into the next date's (<see cref="AvailabilityPlan.WindowsOn"/>).
    /// </summary>
    private static LocalDate PlanEnd(DateInterval dates) => dates.End == LocalDate.MaxIsoValue ? dates.End : dates.End.PlusDays(1);

    /// <summary>Weekly hours, and the rules and overrides of @first to @last (<see cref="PlanEnd"/> of the dates asked for).</summary>
    private const string PlanReadsSql =
        $"""

        SELECT weekday, start_time, end_time FROM weekly_hours WHERE owner_id = @owner ORDER BY weekday, start_time, end_time;
        SELECT start_date, end_date, start_time, end_time FROM availability_rules
        WHERE owner_id = @owner AND start_date <= @last AND end_date >= @first;
        {OverridesQuery}
        """;

    /// <summary>
    /// The active bookings whose blocked time overlaps @from to @to, the holds among them still active at @clock, the busy
    /// times of the owner's connected calendars there as they count at @clock, and when the first of those calendars turns
    /// stale (<see cref="ExternalBusyQuery"/>), and (when asked) the invitee's
    /// active bookings. For one
    /// slot's time (<paramref name="oneSlot"/>), in the form the database finds a few bookings fastest
    /// (<see cref="IStoreDialect.BlockedTimeOverlapsOneSlot"/>); for dates, as a range of the covering index over blocked
    /// starts, from @earliest (no booking that starts earlier can reach @from).
    /// </summary>
    private string NearbyReadsSql(bool withInvitee, bool oneSlot) =>
        $"""

        SELECT start_utc, end_utc, blocked_start_utc, blocked_end_utc, meeting_type FROM bookings
        WHERE owner_id = @owner AND status = 'active' AND id <> @exclude
          AND {(oneSlot ? database.BlockedTimeOverlapsOneSlot : BlockedStartsInRange)}
        ORDER BY blocked_start_utc;
        SELECT id, start_utc, end_utc, blocked_start_utc, blocked_end_utc, meeting_type, expires_at FROM slot_holds
        WHERE owner_id = @owner AND expires_at > @clock AND {BlockedStartsInRange};
        {ExternalBusyQuery}
        {(withInvitee ? InviteeBookingsQuery : "")}
        """;

    private static (string Name, object Value)[] ScheduleReadParameters(
        string ownerId, DateInterval dates, Instant from, Instant to, string? excludeBookingId, (string Key, Instant Now)? invitee, Instant clock) =>
    [
        ("@owner", ownerId), ("@first", ToColumn(dates.Start)), ("@last", ToColumn(PlanEnd(dates))),
        ("@exclude", excludeBookingId ?? ""), ("@earliest", ToColumn(from - MaxBlockedSpan)), ("@from", ToColumn(from)), ("@to", ToColumn(to)),
        ("@invitee", invitee?.Key ?? ""), ("@now", ToColumn(invitee?.Now ?? Instant.MinValue)), ("@clock", ToColumn(clock)),
    ];

    /// <summary>Reads what <see cref="PlanReadsSql"/> selects, from the reader's current result set to the overrides.</summary>
    private static async Task<AvailabilityPlan> ReadPlanResultsAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var weekly = ToWeeklyHours(await ReadAllAsync(reader, ReadWeeklyHoursRow, cancellationToken));
        await reader.NextResultAsync(cancellationToken);
        var rules = await ReadAllAsync(reader, ReadRule, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var overrides = ToOverrides(await ReadAllAsync(reader, ReadOverrideRow, cancellationToken));
        return new AvailabilityPlan(weekly, rules, overrides);
    }

    /// <summary>Bookings whose blocked time overlaps @from to @to, as a range of the covering index over (owner, blocked start).</summary>
    internal const string BlockedStartsInRange = "blocked_start_utc >= @earliest AND blocked_start_utc < @to AND blocked_end_utc > @from";

    /// <summary>Reads what <see cref="NearbyReadsSql"/> selects, from the reader's current result set on.</summary>
    private static async Task<(List<ExistingBooking> Bookings, List<SlotHold> Holds, Instant? CalendarsChangeAt, long InviteeBookings)> ReadNearbyResultsAsync(
        DbDataReader reader, bool withInvitee, CancellationToken cancellationToken)
    {
        var bookings = await ReadAllAsync(reader,
            r => new ExistingBooking(
                new Interval(ToInstant(r.GetInt64(0)), ToInstant(r.GetInt64(1))),
                new Interval(ToInstant(r.GetInt64(2)), ToInstant(r.GetInt64(3))),
                r.GetString(4)),
            cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var holds = await ReadAllAsync(reader,
            r => new SlotHold(
                r.GetString(0),
                new Interval(ToInstant(r.GetInt64(1)), ToInstant(r.GetInt64(2))),
                new Interval(ToInstant(r.GetInt64(3)), ToInstant(r.GetInt64(4))),
                r.GetString(5),
                ToInstant(r.GetInt64(6))),
            cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var busy = await ReadAllAsync(reader, r => ExternalBusy.Blocking(new Interval(ToInstant(r.GetInt64(0)), ToInstant(r.GetInt64(1)))), cancellationToken);
        if (busy.Count > 0)
        {
            // The owner's own calendars block like bookings (the engine keeps them apart from daily caps).
            bookings = [.. bookings.Concat(busy).OrderBy(b => b.Blocked.Start)];
        }

        await reader.NextResultAsync(cancellationToken);
        var calendarsChangeAt = await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0) ? ToInstant(reader.GetInt64(0)) : (Instant?)null;

        var inviteeBookings = 0L;
        if (withInvitee && await reader.NextResultAsync(cancellationToken) && await reader.ReadAsync(cancellationToken))
        {
            inviteeBookings = reader.GetInt64(0);
        }

        return (bookings, holds, calendarsChangeAt, inviteeBookings);
    }

    /// <summary>
    /// The time whose bookings decide <paramref name="slot"/>: its blocked time, when only a collision can refuse it
    /// for a booking's sake; null (the whole date) when the type's daily cap counts the date's bookings. So a booking
    /// reads the few bookings next to it, however many the owner has.
    /// </summary>
    private static Interval? NeededToDecide(Slot slot, MeetingType type) => type.MaxPerDay is null ? type.Blocks(slot) : null;

    /// <summary>The invitee's active bookings with the owner that have not ended at @now (index <c>ix_bookings_owner_invitee_end</c>).</summary>
    private const string InviteeBookingsQuery =
        "SELECT COUNT(*) FROM bookings WHERE owner_id = @owner AND invitee_key = @invitee AND status = 'active' AND end_utc > @now;";

    private static async Task<List<T>> ReadAllAsync<T>(DbDataReader reader, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    private static StoredBooking ReadBooking(DbDataReader r) =>
        new(
            r.GetString(0),
            r.GetString(1),
            r.GetString(2),
            r.GetString(3),
            r.IsDBNull(4) ? null : r.GetString(4),
            r.IsDBNull(5) ? null : r.GetString(5),
            new Slot(ToInstant(r.GetInt64(6)), ToInstant(r.GetInt64(7))),
            ToStatus(r.GetString(8)),
            ToInstant(r.GetInt64(9)))
        {
            Sequence = r.GetInt32(10),
            CancelledAt = r.IsDBNull(11) ? null : ToInstant(r.GetInt64(11)),
            CancelledBy = r.IsDBNull(12) ? null : r.GetString(12),
            CancelReason = r.IsDBNull(13) ? null : r.GetString(13),
            ManageTokenHash = r.IsDBNull(14) ? null : r.GetString(14),
            InviteeLanguage = r.IsDBNull(15) ? null : r.GetString(15),
            InviteeTimeZone = r.IsDBNull(16) ? null : r.GetString(16),
            TeamId = r.IsDBNull(17) ? null : r.GetString(17),
            TeamBookingId = r.IsDBNull(18) ? null : r.GetString(18),
        };

    private static async Task<StoredBooking?> ReadBookingAsync(DbConnection connection, DbTransaction? transaction, string bookingId, CancellationToken cancellationToken) =>
        (await QueryAsync(connection, transaction, cancellationToken, ReadBooking, $"SELECT {BookingColumns} FROM bookings WHERE id = @id;", ("@id", bookingId)))
            .SingleOrDefault();
}
