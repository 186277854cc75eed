using System.Data.Common;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Storage.Relational;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;
using static Agenda.Storage.Relational.StoreCore;

namespace Agenda.Storage.Bookings;

/// <summary>
/// How a booking is kept in a row, written, changed and listed: by the booking store, and by the team store, which
/// writes, lists and changes the shares of a team booking as bookings of each host.
/// </summary>
internal static class BookingRows
{
    public const string BookingColumns =
        "id, owner_id, meeting_type, invitee, invitee_email, note, start_utc, end_utc, status, created_at, sequence, cancelled_at, cancelled_by, cancel_reason, manage_token_hash, invitee_language, invitee_time_zone, team_id, team_booking_id, location, answers, seat_slot_id, expires_at, series_id, series_index, no_show_at, private_note, erased_at";

    public static StoredBooking NewBooking(string ownerId, BookingRequest request, string typeKey, Instant now) =>
        new(NewId(), ownerId, typeKey, request.Invitee, request.InviteeEmail, request.Note, request.Slot, request.Status, now)
        {
            ExpiresAt = request.ExpiresAt,
            ManageTokenHash = request.ManageTokenHash,
            InviteeLanguage = request.InviteeLanguage,
            InviteeTimeZone = request.InviteeTimeZone,
            Location = request.Location,
            Answers = request.Answers,
        };

    public static StoredBooking NewBooking(string ownerId, BookingRequest request, string typeKey, Instant now, string? seatSlotId) =>
        NewBooking(ownerId, request, typeKey, now) with { SeatSlotId = seatSlotId };

    public const string InsertBookingSql =
        """
        INSERT INTO bookings (id, owner_id, meeting_type, invitee, invitee_email, note, start_utc, end_utc, status, holds_time, created_at,
                              manage_token_hash, blocked_start_utc, blocked_end_utc, invitee_key, invitee_language, invitee_time_zone,
                              location, answers, seat_slot_id, expires_at, series_id, series_index)
        VALUES (@id, @owner, @type, @invitee, @email, @note, @start, @end, @status, @holds_time, @now, @token, @blocked_start, @blocked_end, @invitee_key,
                @language, @zone, @location, @answers, @seat_slot, @expires_at, @series, @series_index);

        """;

    /// <summary>
    /// Opens the seat slot @seat_slot of @owner's type @type at @start to @end (blocking @blocked_start to @blocked_end) with
    /// @capacity seats, before its first seat's booking is inserted (<see cref="InsertBookingSql"/>).
    /// </summary>
    public const string InsertSeatSlotSql =
        """
        INSERT INTO seat_slots (id, owner_id, meeting_type, start_utc, end_utc, blocked_start_utc, blocked_end_utc, capacity)
        VALUES (@seat_slot, @owner, @type, @start, @end, @blocked_start, @blocked_end, @capacity);

        """;

    /// <summary>
    /// Where a booking of <paramref name="type"/> at <paramref name="slot"/> sits, as the engine decided it over
    /// <paramref name="schedule"/>: no seat slot for a type without seats; the seat slot whose seats are partly taken there;
    /// or a new one to open, with the type's seats (<see cref="InsertSeatSlotSql"/> before the booking, with
    /// <see cref="SeatParameters"/>).
    /// </summary>
    public static (string? SeatSlotId, bool Opens) SeatOf(Scheduling.OwnerSchedule schedule, Slot slot, MeetingType type, string typeKey) =>
        type.Seats is null ? (null, false)
        : schedule.SeatsAt(slot, type, typeKey)?.SeatSlotId is { } open ? (open, false)
        : (NewId(), true);

    public static (string Name, object Value)[] SeatParameters(MeetingType type) => [("@capacity", type.Seats ?? 1)];

    public static (string Name, object Value)[] InsertBookingParameters(StoredBooking booking, Interval blocked, string inviteeKey) =>
    [
        ("@seat_slot", ToColumn(booking.SeatSlotId)),
        ("@series", ToColumn(booking.SeriesId)),
        ("@series_index", ToColumn(booking.SeriesIndex)),
        ("@expires_at", booking.ExpiresAt is { } expires ? ToColumn(expires) : DBNull.Value),
        ("@id", booking.Id),
        ("@owner", booking.OwnerId),
        ("@type", booking.MeetingTypeKey),
        ("@invitee", booking.Invitee),
        ("@email", ToColumn(booking.InviteeEmail)),
        ("@note", ToColumn(booking.Note)),
        ("@start", ToColumn(booking.Slot.Start)),
        ("@end", ToColumn(booking.Slot.End)),
        .. BookingStatusColumn.Parameters(booking.Status),
        ("@now", ToColumn(booking.CreatedAt)),
        ("@token", ToColumn(booking.ManageTokenHash)),
        ("@blocked_start", ToColumn(blocked.Start)),
        ("@blocked_end", ToColumn(blocked.End)),
        ("@invitee_key", inviteeKey),
        ("@language", ToColumn(booking.InviteeLanguage)),
        ("@zone", ToColumn(booking.InviteeTimeZone)),
        ("@location", ToColumn(booking.Location is { } location ? MeetingTypeDetails.Serialize(location) : null)),
        ("@answers", ToColumn(booking.Answers.Count > 0 ? MeetingTypeDetails.Serialize(booking.Answers) : null)),
    ];

    /// <summary>
    /// Cancels the booking @id unless it is cancelled already, by @by at @now for @reason; @status and @holds_time are
    /// those of a cancelled booking (<see cref="CancelParameters"/>).
    /// </summary>
    public const string CancelSql =
        """
        UPDATE bookings SET status = @status, holds_time = @holds_time, cancelled_at = @now, cancelled_by = @by, cancel_reason = @reason
        WHERE id = @id AND status <> @status;

        """;

    public static (string Name, object Value)[] CancelParameters(string bookingId, string cancelledBy, string? reason, Instant now) =>
        [("@id", bookingId), ("@now", ToColumn(now)), ("@by", cancelledBy), ("@reason", ToColumn(reason)), .. BookingStatusColumn.Parameters(BookingStatus.Cancelled)];

    /// <summary>
    /// Moves the booking @id from @old_start to @old_end (kept in its history at @sequence, at @now) to @start to @end,
    /// blocking @blocked_start to @blocked_end, in the seat slot @seat_slot (if any); its sequence grows
    /// (<see cref="MoveParameters"/>).
    /// </summary>
    public const string MoveSql =
        """
        INSERT INTO booking_history (booking_id, sequence, start_utc, end_utc, changed_at) VALUES (@id, @sequence, @old_start, @old_end, @now);
        UPDATE bookings SET start_utc = @start, end_utc = @end, blocked_start_utc = @blocked_start, blocked_end_utc = @blocked_end,
            seat_slot_id = @seat_slot, sequence = sequence + 1
        WHERE id = @id;

        """;

    public static (string Name, object Value)[] MoveParameters(StoredBooking booking, Slot newSlot, Interval blocked, string? seatSlotId, Instant now) =>
    [
        ("@id", booking.Id), ("@sequence", booking.Sequence), ("@old_start", ToColumn(booking.Slot.Start)), ("@old_end", ToColumn(booking.Slot.End)), ("@now", ToColumn(now)),
        ("@seat_slot", ToColumn(seatSlotId)), ("@start", ToColumn(newSlot.Start)), ("@end", ToColumn(newSlot.End)),
        ("@blocked_start", ToColumn(blocked.Start)), ("@blocked_end", ToColumn(blocked.End)),
    ];

    /// <summary>Ends the hold @hold (every host's, for a team slot): released by its holder, or used by their booking.</summary>
    public const string DeleteHoldSql = "DELETE FROM slot_holds WHERE id = @hold OR team_hold_id = @hold;\n";

    /// <summary>What a booking of <paramref name="meeting"/> can block: buffers are at most a day each (<see cref="MeetingType"/>).</summary>
    public static Interval MayHaveBlocked(Slot meeting) => new(meeting.Start - MeetingType.MaxLength, meeting.End + MeetingType.MaxLength);

    /// <summary>The answers of a booking that has none: one shared empty list, so bookings compare equal as records.</summary>
    private static readonly IReadOnlyList<BookingAnswer> NoAnswers = [];

    /// <summary>A booking of a row with the <see cref="BookingColumns"/>.</summary>
    public static StoredBooking ReadBooking(DbDataReader r) =>
        new(
            r.String("id"),
            r.String("owner_id"),
            r.String("meeting_type"),
            r.String("invitee"),
            r.StringOrNull("invitee_email"),
            r.StringOrNull("note"),
            new Slot(r.Instant("start_utc"), r.Instant("end_utc")),
            BookingStatusColumn.ToStatus(r.String("status")),
            r.Instant("created_at"))
        {
            Sequence = r.Int("sequence"),
            CancelledAt = r.InstantOrNull("cancelled_at"),
            CancelledBy = r.StringOrNull("cancelled_by"),
            CancelReason = r.StringOrNull("cancel_reason"),
            ManageTokenHash = r.StringOrNull("manage_token_hash"),
            InviteeLanguage = r.StringOrNull("invitee_language"),
            InviteeTimeZone = r.StringOrNull("invitee_time_zone"),
            TeamId = r.StringOrNull("team_id"),
            TeamBookingId = r.StringOrNull("team_booking_id"),
            Location = r.StringOrNull("location") is { } location ? MeetingTypeDetails.Deserialize<BookingLocation>(location) : null,
            Answers = r.StringOrNull("answers") is { } answers ? MeetingTypeDetails.Deserialize<List<BookingAnswer>>(answers) ?? [] : NoAnswers,
            SeatSlotId = r.StringOrNull("seat_slot_id"),
            ExpiresAt = r.InstantOrNull("expires_at"),
            SeriesId = r.StringOrNull("series_id"),
            SeriesIndex = r.IntOrNull("series_index"),
            NoShowAt = r.InstantOrNull("no_show_at"),
            PrivateNote = r.StringOrNull("private_note"),
            ErasedAt = r.InstantOrNull("erased_at"),
        };

    public static async Task<StoredBooking?> ReadBookingAsync(DbConnection connection, DbTransaction? transaction, string bookingId, CancellationToken cancellationToken) =>
        (await QueryAsync(connection, transaction, cancellationToken, ReadBooking, $"SELECT {BookingColumns} FROM bookings WHERE id = @id;", ("@id", bookingId)))
            .SingleOrDefault();

    /// <summary>
    /// Reads a booking after locking its owner, so that no other write for that owner can change it or its
    /// neighbours until the transaction ends. The booking is read again under the lock: its state may have
    /// changed while the lock was awaited. A share of a team booking is returned unlocked: the caller takes the team's
    /// path, which locks every host in the order of their ids (<see cref="Teams.TeamShares"/>).
    /// </summary>
    public static async Task<StoredBooking?> ReadLockedAsync(StoreCore core, DbConnection connection, DbTransaction transaction, string bookingId, CancellationToken cancellationToken)
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

        await core.ReadOwnerAsync(connection, transaction, booking.OwnerId, cancellationToken, forUpdate: true);
        return await ReadBookingAsync(connection, transaction, bookingId, cancellationToken);
    }

    /// <summary>The shares of a team booking, the invitee's (whose id is the group's) first, then by host.</summary>
    public static Task<List<StoredBooking>> ReadTeamBookingAsync(DbConnection connection, DbTransaction? transaction, string teamBookingId, CancellationToken cancellationToken) =>
        QueryAsync(connection, transaction, cancellationToken, ReadBooking,
            $"SELECT {BookingColumns} FROM bookings WHERE team_booking_id = @group ORDER BY CASE WHEN id = @group THEN 0 ELSE 1 END, owner_id;",
            ("@group", teamBookingId));

    /// <summary>
    /// The <paramref name="page"/> with each moved booking's earlier times, read in the same transaction, so a list
    /// shows what a single read of each booking shows.
    /// </summary>
    public static async Task<List<StoredBooking>> WithPreviousTimesAsync(DbConnection connection, DbTransaction? transaction, List<StoredBooking> page, CancellationToken cancellationToken)
    {
        var moved = page.Where(b => b.Sequence > 0).Select(b => b.Id).ToList();
        if (moved.Count == 0)
        {
            return page;
        }

        var names = moved.Select((_, i) => $"@b{i}").ToList();
        var rows = await QueryAsync(connection, transaction, cancellationToken,
            r => (Id: r.String("booking_id"), Slot: new Slot(r.Instant("start_utc"), r.Instant("end_utc"))),
            $"SELECT booking_id, start_utc, end_utc FROM booking_history WHERE booking_id IN ({string.Join(", ", names)}) ORDER BY booking_id, sequence;",
            [.. moved.Select((id, i) => (names[i], (object)id))]);
        var byBooking = rows.ToLookup(r => r.Id, r => r.Slot, StringComparer.Ordinal);
        return page.Select(b => b.Sequence > 0 ? b with { PreviousTimes = [.. byBooking[b.Id]] } : b).ToList();
    }

    /// <summary>A page of the bookings that <paramref name="whose"/> selects and <paramref name="query"/> filters, soonest first.</summary>
    public static string ListSql(string whose, BookingQuery query)
    {
        var status = query.Status switch
        {
            BookingListStatus.Upcoming => $"{BookingStatusColumn.IsOpen} AND end_utc > @now",
            BookingListStatus.Confirmed => "status = @active AND end_utc > @now",
            BookingListStatus.Pending => $"{BookingStatusColumn.AwaitsApproval} AND end_utc > @now",
            BookingListStatus.Past => "status = @active AND end_utc <= @now",
            BookingListStatus.Declined => "status = @declined",
            BookingListStatus.Expired => "status = @expired",
            _ => "status = @cancelled",
        };
        return $"""
            SELECT {BookingColumns} FROM bookings
            WHERE {whose} AND {status}
              AND start_utc >= @from AND start_utc < @to{(query.MeetingType is null ? "" : " AND meeting_type = @type")}{(query.Invitee is null ? "" : " AND (lower(invitee) LIKE @invitee ESCAPE '\\' OR lower(coalesce(invitee_email, '')) LIKE @invitee ESCAPE '\\')")}
              AND (start_utc > @after_start OR (start_utc = @after_start AND id > @after_id))
            ORDER BY start_utc, id
            LIMIT @limit;
            """;
    }

    public static (string Name, object Value)[] ListParameters(BookingQuery query) =>
    [
        ("@now", ToColumn(query.Now)),
        ("@from", ToColumn(EarliestStart(query))),
        ("@to", query.To is { } to ? ToColumn(to) : long.MaxValue),
        ("@after_start", query.AfterStart is { } afterStart ? ToColumn(afterStart) : long.MinValue),
        ("@after_id", query.AfterId ?? ""),
        ("@limit", query.Limit),
        BookingStatusColumn.CancelledParameter,
        .. BookingStatusColumn.OpenParameters,
        ("@declined", BookingStatusColumn.Declined),
        ("@expired", BookingStatusColumn.Expired),
        ("@type", query.MeetingType ?? ""),
        ("@invitee", query.Invitee is { } text ? "%" + text.ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%" : ""),
    ];

    /// <summary>
    /// The earliest start a listed booking can have. A booking that has not ended started at most one meeting's
    /// longest length before now (<see cref="MeetingType.MaxLength"/>), so an upcoming list never scans the owner's past.
    /// </summary>
    private static Instant EarliestStart(BookingQuery query)
    {
        var from = query.From ?? Instant.MinValue;
        var notEnded = query.Now - MeetingType.MaxLength;
        return query.Status is BookingListStatus.Upcoming or BookingListStatus.Confirmed or BookingListStatus.Pending && notEnded > from ? notEnded : from;
    }
}
