using System.Data.Common;
using Agenda.Scheduling;
using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Storage.Availability;
using Agenda.Storage.Calendars;
using Agenda.Storage.Relational;
using NodaTime;
using static Agenda.Storage.Availability.PlanReads;
using static Agenda.Storage.Relational.ColumnValues;
using static Agenda.Storage.Relational.StoreCore;

namespace Agenda.Storage.Bookings;

/// <summary>
/// What an owner's slots and every decision about them rest on, read in one command: the owner's plan
/// (<see cref="PlanReads"/>), the bookings and holds near the dates or the slot, the busy times of the owner's calendars
/// (<see cref="CalendarStore.ExternalBusyQuery"/>) and the invitee's bookings that hold time. A search reads it
/// (<see cref="IScheduleReader"/>), and so does every write that asks the engine, under the owner's lock: a booking, a
/// hold, a move, a team booking for each host.
/// </summary>
internal static partial class ScheduleReads
{
    /// <summary>
    /// How far around the dates asked for bookings are read: a slot starting on a date ends at most a meeting's
    /// length after that date, and its buffers reach at most a buffer's length further (<see cref="MeetingType"/>
    /// guards both bounds), so this covers every booking whose blocked time can touch such a slot.
    /// </summary>
    private static readonly Duration BookingMargin = MeetingType.MaxLength * 2;

    /// <summary>
    /// Locks the owner and reads what deciding <paramref name="slot"/> needs: the bookings and holds it could collide
    /// with, or the whole date's when the type has a daily cap, and the invitee's bookings that hold time when given. The read
    /// is null for an unknown owner.
    /// </summary>
    public static async Task<(ScheduleRead? Read, long InviteeBookings)> ReadToDecideAsync(
        StoreCore core, DbConnection connection, DbTransaction transaction, string ownerId, Slot slot, MeetingType type, Instant now, CancellationToken cancellationToken,
        string? invitee, HoldClaim? claim)
    {
        var inviteeAt = invitee is null ? ((string, Instant)?)null : (invitee, now);
        if (NeededToDecide(slot, type) is { } touching)
        {
            // The owner's lock and everything the decision needs, in one command.
            return await ReadScheduleAsync(
                core, connection, transaction, ownerId, null, DatesAround(slot), now, cancellationToken, invitee: inviteeAt, bookingsTouching: touching, claim: claim, forType: type);
        }

        var owner = await core.ReadOwnerAsync(connection, transaction, ownerId, cancellationToken, forUpdate: true);
        if (owner is null)
        {
            return (null, 0);
        }

        var date = slot.Start.InZone(owner.Zone).Date;
        return await ReadScheduleAsync(core, connection, transaction, ownerId, owner, new DateInterval(date, date), now, cancellationToken, invitee: inviteeAt, claim: claim, forType: type);
    }

    /// <summary>The engine's decision on the slot, then, if it is free, the invitee's allowance given their bookings that hold time.</summary>
    public static BookingOutcome Decide(OwnerLimits limits, OwnerSchedule schedule, Slot slot, MeetingType type, string typeKey, Instant now, long inviteeBookings)
    {
        var outcome = schedule.Decide(slot, type, typeKey, now);
        return outcome == BookingOutcome.Accepted ? InviteeAllowance.Decide(inviteeBookings, limits.MaxActiveBookingsPerInvitee) : outcome;
    }

    /// <summary>
    /// Everything a decision about <paramref name="dates"/> needs, in one command of several statements (one round trip
    /// on PostgreSQL): weekly hours, the rules and overrides of those dates, the bookings that hold time whose blocked time can
    /// touch them and, when <paramref name="invitee"/> is given, how many of that invitee's bookings hold time.
    /// <paramref name="bookingsTouching"/> narrows the bookings to those whose blocked time overlaps it: enough to decide
    /// one slot of a meeting type without a daily cap, which needs only the bookings it could collide with.
    /// </summary>
    public static async Task<(ScheduleRead Read, long InviteeBookings)> ReadScheduleAsync(
        StoreCore core, DbConnection connection, DbTransaction transaction, OwnerSnapshot owner, DateInterval dates, Instant clock, CancellationToken cancellationToken,
        string? excludeBookingId = null, (string Key, Instant Now)? invitee = null, Interval? bookingsTouching = null, HoldClaim? claim = null,
        IReadOnlyList<Interval>? bookingsTouchingEach = null, MeetingType? forType = null)
    {
        var (read, inviteeBookings) = await ReadScheduleAsync(
            core, connection, transaction, owner.Id, owner, dates, clock, cancellationToken, excludeBookingId, invitee, bookingsTouching, claim, bookingsTouchingEach, forType);
        return (read!, inviteeBookings);
    }

    /// <summary>
    /// The dates whose bookings the limits of the owner and of the meeting type count for <paramref name="dates"/>: every
    /// week, month or year (by the owner's calendar) that contains one of them; null when no limit counts beyond a date's
    /// own bookings, which the dates' read holds already.
    /// </summary>
    public static DateInterval? CountedDates(OwnerSnapshot owner, BookingLimits? typeLimits, DateInterval dates) =>
        LimitPeriods.Counted(dates, owner.FirstDayOfWeek, owner.Limits, typeLimits);

    /// <param name="owner">The owner, read already; when null, the same command first locks the owner's row and reads it
    /// (then <paramref name="bookingsTouching"/> must be given, since the dates' instants depend on the owner's zone), and
    /// the read is null for an unknown owner.</param>
    /// <param name="clock">The instant the holds are read at: those still active then block time, except the one
    /// <paramref name="claim"/> releases.</param>
    /// <param name="bookingsTouchingEach">Instead of the dates' bookings, those whose blocked time overlaps one of these
    /// times (at least four days apart, so no booking overlaps two): the few bookings each meeting of a series could
    /// collide with, however many lie between them. Holds and calendars' busy times are still read for the dates.</param>
    /// <param name="forType">The meeting type decided or searched: its limits, with the owner's own, widen the bookings read
    /// to every period they count over (<see cref="CountedDates"/>), and then neither narrowing applies; its schedule
    /// (<see cref="MeetingType.Schedule"/>) gives the hours, or the owner's default hours when it names none.</param>
    public static async Task<(ScheduleRead? Read, long InviteeBookings)> ReadScheduleAsync(
        StoreCore core, DbConnection connection, DbTransaction transaction, string ownerId, OwnerSnapshot? owner, DateInterval dates, Instant clock, CancellationToken cancellationToken,
        string? excludeBookingId = null, (string Key, Instant Now)? invitee = null, Interval? bookingsTouching = null, HoldClaim? claim = null,
        IReadOnlyList<Interval>? bookingsTouchingEach = null, MeetingType? forType = null)
    {
        var counted = owner is null ? null : CountedDates(owner, forType?.Limits, dates);
        if (counted is not null)
        {
            // Limits count every booking of their periods: read the dates' bookings and those of the periods around them.
            bookingsTouching = null;
            bookingsTouchingEach = null;
        }

        var from = bookingsTouching?.Start ?? dates.Start.AtStartOfDayInZone(owner!.Zone).ToInstant() - BookingMargin;
        var to = bookingsTouching?.End ?? dates.End.PlusDays(1).AtStartOfDayInZone(owner!.Zone).ToInstant() + BookingMargin;
        if (counted is not null)
        {
            from = Instant.Min(from, counted.Start.AtStartOfDayInZone(owner!.Zone).ToInstant());
            to = Instant.Max(to, counted.End.PlusDays(1).AtStartOfDayInZone(owner!.Zone).ToInstant());
        }

        var named = forType?.Schedule;
        var sql = PlanSql(named) + NearbyReadsSql(core, invitee is not null, oneSlot: bookingsTouching is not null);
        (string Name, object Value)[] parameters =
            [.. ScheduleReadParameters(ownerId, dates, from, to, excludeBookingId, invitee, clock, travelling: owner?.Travel.Count > 0), ("@schedule", named ?? "")];
        if (bookingsTouchingEach is { Count: > 0 } each)
        {
            sql = PlanSql(named) + NearbyReadsSql(core, invitee is not null, oneSlot: false, touchingEach: each.Count);
            parameters = [.. parameters, .. each.SelectMany((t, i) => new (string, object)[]
            {
                ($"@from_{i}", ToColumn(t.Start)), ($"@to_{i}", ToColumn(t.End)),
            })];
        }

        await using var command = Command(connection, transaction, (owner is null ? core.LockedOwnerQuery : "") + sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (owner is null)
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return (null, 0);
            }

            owner = ReadOwnerRow(ownerId, reader);
            if (CountedDates(owner, forType?.Limits, dates) is not null)
            {
                // The owner's limits count more bookings than the slot's own: read again with the owner locked and known.
                await reader.DisposeAsync();
                return await ReadScheduleAsync(
                    core, connection, transaction, ownerId, owner, dates, clock, cancellationToken, excludeBookingId, invitee, null, claim, null, forType);
            }

            if (named is null && owner.Travel.Count > 0)
            {
                // The owner travels: the default hours of the dates around count too. Read again with the owner known.
                await reader.DisposeAsync();
                return await ReadScheduleAsync(
                    core, connection, transaction, ownerId, owner, dates, clock, cancellationToken, excludeBookingId, invitee, bookingsTouching, claim, bookingsTouchingEach, forType);
            }

            await reader.NextResultAsync(cancellationToken);
        }

        var (plan, namedHoursIn) = await ReadPlanAsync(reader, named, owner.Zone, cancellationToken);
        var hoursIn = named is null ? owner.DefaultHoursIn : namedHoursIn;
        await reader.NextResultAsync(cancellationToken);
        var (bookings, holds, calendarsChangeAt, inviteeBookings) = await ReadNearbyResultsAsync(reader, invitee is not null, cancellationToken);
        var schedule = new OwnerSchedule(owner.Zone, plan, SlotHolds.BusyWith(bookings, holds, clock, claim)) { Limits = owner.Limits, FirstDayOfWeek = owner.FirstDayOfWeek, HoursIn = hoursIn };
        var holdsChangeAt = SlotHolds.FirstExpiry(holds, clock);
        // A calendar turning stale changes what counts though no version changed, as a hold expiring does.
        var changeAt = holdsChangeAt is { } h && calendarsChangeAt is { } c ? Instant.Min(h, c) : holdsChangeAt ?? calendarsChangeAt;
        return (new ScheduleRead(owner, schedule) { HoldsChangeAt = changeAt }, inviteeBookings);
    }

    /// <summary>
    /// The bookings that hold time whose blocked time overlaps @from to @to, the holds among them still active at @clock, the busy
    /// times of the owner's connected calendars there as they count at @clock, and when the first of those calendars turns
    /// stale (<see cref="CalendarStore.ExternalBusyQuery"/>), and (when asked) the invitee's
    /// bookings that hold time. For one
    /// slot's time (<paramref name="oneSlot"/>), in the form the database finds a few bookings fastest
    /// (<see cref="IStoreDialect.BlockedTimeOverlapsOneSlot"/>); for dates, as a range of the covering index over blocked
    /// starts, from @from less the owner's longest blocked time (no booking that starts earlier can reach @from).
    /// </summary>
    /// <param name="touchingEach">With a count, the bookings are those whose blocked time overlaps one of @from_i to @to_i
    /// (i from 0), each as a range of the index (<see cref="NearbyBookingsQueryEach"/>).</param>
    public static string NearbyReadsSql(StoreCore core, bool withInvitee, bool oneSlot, int touchingEach = 0) =>
        $"""

        {(touchingEach > 0 ? NearbyBookingsQueryEach(core.BlockedTimeOverlapsOneSlot, touchingEach) : NearbyBookingsQuery(oneSlot ? core.BlockedTimeOverlapsOneSlot : BlockedStartsInRange))}
        SELECT id, start_utc, end_utc, blocked_start_utc, blocked_end_utc, meeting_type, expires_at, seats FROM slot_holds
        WHERE owner_id = @owner AND expires_at > @clock AND {BlockedStartsInRange};
        {CalendarStore.ExternalBusyQuery}
        {(withInvitee ? InviteeBookingsQuery : "")}
        """;

    public static (string Name, object Value)[] ScheduleReadParameters(
        string ownerId, DateInterval dates, Instant from, Instant to, string? excludeBookingId, (string Key, Instant Now)? invitee, Instant clock, bool travelling = false) =>
    [
        ("@owner", ownerId), ("@first", ToColumn(PlanStart(dates, travelling))), ("@last", ToColumn(PlanEnd(dates, travelling))),
        ("@exclude", excludeBookingId ?? ""), ("@from", ToColumn(from)), ("@to", ToColumn(to)),
        ("@invitee", invitee?.Key ?? ""), ("@now", ToColumn(invitee?.Now ?? Instant.MinValue)), ("@clock", ToColumn(clock)),
    ];

    /// <summary>
    /// The bookings of @owner that hold time (<see cref="BookingStatuses.HoldsTime"/>), but @exclude, whose blocked time
    /// <paramref name="overlap"/> finds; a seat with its seat slot and that slot's capacity. The seats of one slot come
    /// next to each other: any two other bookings that hold time overlap nowhere, so never start together. With <see cref="BlockedStartsInRange"/>, a range of the covering partial index
    /// <c>ix_bookings_owner_holding_blocked</c>, whose predicate (<c>WHERE holds_time</c>) is this query's.
    /// </summary>
    internal static string NearbyBookingsQuery(string overlap) =>
        $"""
        SELECT start_utc, end_utc, blocked_start_utc, blocked_end_utc, meeting_type, seat_slot_id,
               CASE WHEN seat_slot_id IS NULL THEN NULL ELSE (SELECT capacity FROM seat_slots s WHERE s.id = seat_slot_id) END AS seat_capacity
        FROM bookings
        WHERE owner_id = @owner AND holds_time AND id <> @exclude
          AND {overlap}
        ORDER BY blocked_start_utc;
        """;

    /// <summary>
    /// <see cref="NearbyBookingsQuery"/> for <paramref name="count"/> times at once: for each, the bookings whose blocked
    /// time overlaps @from_i to @to_i, found as one slot's are, all in one result in the order of their blocked starts.
    /// </summary>
    internal static string NearbyBookingsQueryEach(string overlap, int count)
    {
        var one = NearbyBookingsQuery(overlap).TrimEnd().TrimEnd(';');
        var select = one[..one.LastIndexOf("ORDER BY", StringComparison.Ordinal)].TrimEnd();
        return string.Join("\nUNION ALL\n", Enumerable.Range(0, count).Select(i => TimeParameter().Replace(select, m => $"{m.Value}_{i}"))) + "\nORDER BY blocked_start_utc;";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"@(from|to)\b")]
    private static partial System.Text.RegularExpressions.Regex TimeParameter();

    /// <summary>
    /// Bookings (or holds) whose blocked time overlaps @from to @to, as a range of the covering index over (owner, blocked
    /// start): from @from less the longest time any of the owner's bookings or holds blocks (<c>owners.longest_blocked</c>,
    /// kept by triggers), since one that starts earlier cannot reach @from.
    /// </summary>
    internal const string BlockedStartsInRange =
        "blocked_start_utc >= @from - (SELECT longest_blocked FROM owners WHERE id = @owner) AND blocked_start_utc < @to AND blocked_end_utc > @from";

    /// <summary>
    /// Reads what <see cref="NearbyReadsSql"/> selects, from the reader's current result set on. Each result set's columns
    /// are resolved once, for all its rows: a search reads every booking and hold near the dates it asks for.
    /// </summary>
    public static async Task<(List<ExistingBooking> Bookings, List<SlotHold> Holds, Instant? CalendarsChangeAt, long InviteeBookings)> ReadNearbyResultsAsync(
        DbDataReader reader, bool withInvitee, CancellationToken cancellationToken)
    {
        var bookings = await ReadBookedTimesAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var holds = await ReadHoldsAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var busy = await ReadBusyTimesAsync(reader, cancellationToken);
        if (busy.Count > 0)
        {
            // The owner's own calendars block like bookings (the engine keeps them apart from daily caps).
            bookings = [.. bookings.Concat(busy).OrderBy(b => b.Blocked.Start)];
        }

        await reader.NextResultAsync(cancellationToken);
        var calendarsChangeAt = await reader.ReadAsync(cancellationToken) ? reader.InstantOrNull("next_stale_at") : null;

        var inviteeBookings = 0L;
        if (withInvitee && await reader.NextResultAsync(cancellationToken) && await reader.ReadAsync(cancellationToken))
        {
            inviteeBookings = reader.Long("invitee_bookings");
        }

        return (bookings, holds, calendarsChangeAt, inviteeBookings);
    }

    /// <summary>The bookings as the engine sees them: the seats of one slot (next to each other in the read) are one, counted.</summary>
    private static async Task<List<ExistingBooking>> ReadBookedTimesAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        int start = reader.GetOrdinal("start_utc"), end = reader.GetOrdinal("end_utc");
        int blockedStart = reader.GetOrdinal("blocked_start_utc"), blockedEnd = reader.GetOrdinal("blocked_end_utc"), type = reader.GetOrdinal("meeting_type");
        int seatSlot = reader.GetOrdinal("seat_slot_id"), capacity = reader.GetOrdinal("seat_capacity");
        var bookings = new List<ExistingBooking>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.IsDBNull(seatSlot))
            {
                bookings.Add(new ExistingBooking(
                    new Interval(reader.Instant(start), reader.Instant(end)), new Interval(reader.Instant(blockedStart), reader.Instant(blockedEnd)), reader.GetString(type)));
                continue;
            }

            var id = reader.GetString(seatSlot);
            if (bookings.Count > 0 && bookings[^1].Seats is { } last && last.SeatSlotId == id)
            {
                bookings[^1] = bookings[^1] with { Seats = last with { Taken = last.Taken + 1 } };
                continue;
            }

            bookings.Add(new ExistingBooking(
                new Interval(reader.Instant(start), reader.Instant(end)), new Interval(reader.Instant(blockedStart), reader.Instant(blockedEnd)), reader.GetString(type))
            {
                Seats = new SeatCount(id, 1, reader.GetInt32(capacity)),
            });
        }

        return bookings;
    }

    private static Task<List<SlotHold>> ReadHoldsAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        int id = reader.GetOrdinal("id"), start = reader.GetOrdinal("start_utc"), end = reader.GetOrdinal("end_utc");
        int blockedStart = reader.GetOrdinal("blocked_start_utc"), blockedEnd = reader.GetOrdinal("blocked_end_utc");
        int type = reader.GetOrdinal("meeting_type"), expires = reader.GetOrdinal("expires_at"), seats = reader.GetOrdinal("seats");
        return ReadAllAsync(reader,
            r => new SlotHold(
                r.GetString(id),
                new Interval(r.Instant(start), r.Instant(end)),
                new Interval(r.Instant(blockedStart), r.Instant(blockedEnd)),
                r.GetString(type),
                r.Instant(expires))
            {
                Seats = r.IsDBNull(seats) ? null : r.GetInt32(seats),
            },
            cancellationToken);
    }

    private static Task<List<ExistingBooking>> ReadBusyTimesAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        int start = reader.GetOrdinal("start_utc"), end = reader.GetOrdinal("end_utc"), connection = reader.GetOrdinal("connection_id"), unreachable = reader.GetOrdinal("unreachable");
        return ReadAllAsync(
            reader, r => ExternalBusy.Blocking(new Interval(r.Instant(start), r.Instant(end)), r.GetString(connection), Convert.ToInt32(r.GetValue(unreachable), System.Globalization.CultureInfo.InvariantCulture) == 1),
            cancellationToken);
    }

    /// <summary>
    /// The time whose bookings decide <paramref name="slot"/>: its blocked time, when only a collision can refuse it
    /// for a booking's sake; null (the whole date, and the periods its limits count over) when the type has limits. The
    /// owner's own limits are known once their row is read (<c>ReadScheduleAsync</c> then reads again). So a booking
    /// reads the few bookings next to it, however many the owner has.
    /// </summary>
    public static Interval? NeededToDecide(Slot slot, MeetingType type) => type.Limits.IsNone ? type.Blocks(slot) : null;

    /// <summary>The UTC dates around a slot's: its date in any zone is among them.</summary>
    public static DateInterval DatesAround(Slot slot)
    {
        var utcDate = slot.Start.InUtc().Date;
        return new DateInterval(utcDate.PlusDays(-1), utcDate.PlusDays(1));
    }

    /// <summary>
    /// The invitee's bookings with the owner that hold time and have not ended at @now, the meetings of one series counted
    /// once (the partial index <c>ix_bookings_owner_invitee_end</c>, <c>WHERE holds_time</c>, which carries the series).
    /// </summary>
    internal const string InviteeBookingsQuery =
        """
        SELECT COUNT(*) - COUNT(series_id) + COUNT(DISTINCT series_id) AS invitee_bookings FROM bookings
        WHERE owner_id = @owner AND invitee_key = @invitee AND holds_time AND end_utc > @now;
        """;
}
