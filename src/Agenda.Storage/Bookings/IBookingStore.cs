using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Storage;

/// <summary>
/// Bookings and their lifecycle. Each write reads the facts, asks the engine, and applies its decision in one
/// write transaction; the schema refuses overlapping blocked times of one owner as a second guard.
/// </summary>
public interface IBookingStore
{
    /// <summary>Books <paramref name="request"/> as a meeting of <paramref name="type"/> if, at the moment of writing, the engine accepts it.</summary>
    Task<BookingAttempt> BookAsync(string ownerId, BookingRequest request, MeetingType type, string typeKey, Instant now, CancellationToken cancellationToken);

    Task<StoredBooking?> GetBookingAsync(string bookingId, CancellationToken cancellationToken);

    /// <summary>The times the booking had before each reschedule, oldest first.</summary>
    Task<IReadOnlyList<Slot>> GetBookingHistoryAsync(string bookingId, CancellationToken cancellationToken);

    /// <summary>
    /// Cancels the booking if <see cref="BookingLifecycle.MayCancel"/> allows it at <paramref name="now"/>; its time is
    /// free again at once and it stays readable as cancelled. Null for an unknown booking.
    /// </summary>
    Task<CancelResult?> CancelAsync(string bookingId, string cancelledBy, string? reason, Instant now, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the booking to the slot of its meeting type starting at <paramref name="newStart"/>, in one write transaction,
    /// if <see cref="BookingLifecycle.MayReschedule"/> allows it and the engine accepts the new slot as if the booking were
    /// not there (so it may move onto part of its own time). The old time is kept in the history and freed, and the
    /// sequence grows. Refused: nothing changes. Null for an unknown booking.
    /// </summary>
    Task<BookingAttempt?> RescheduleAsync(string bookingId, Instant newStart, Instant now, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the owner's bookings that match <paramref name="query"/>, soonest first (by start, then id);
    /// null for an unknown owner. Paging is by position after the last booking seen, so bookings added meanwhile
    /// neither repeat nor shift a page.
    /// </summary>
    Task<IReadOnlyList<StoredBooking>?> ListBookingsAsync(string ownerId, BookingQuery query, CancellationToken cancellationToken);

    /// <summary>The owner's bookings that are not cancelled and have not ended at <paramref name="now"/>, soonest first; null for an unknown owner.</summary>
    Task<IReadOnlyList<StoredBooking>?> ListUpcomingAsync(string ownerId, Instant now, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the invitee of the owner's booking as a no-show (or takes the mark back): only an active booking whose
    /// meeting has begun. Marking writes the event <see cref="BookingEvents.NoShow"/> in the same transaction, so the
    /// owner's webhooks and workflows hear of it; marking again, or taking back, writes none.
    /// </summary>
    Task<NoShowMark> MarkNoShowAsync(string ownerId, string bookingId, bool noShow, Instant now, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the owner's private note on their booking, whatever its status (null clears it); false when the owner has
    /// no such booking. The note is the owner's alone: no event is written, so no e-mail, webhook or workflow carries it.
    /// </summary>
    Task<bool> SetPrivateNoteAsync(string ownerId, string bookingId, string? note, CancellationToken cancellationToken);

    /// <summary>The seat slot's seats: every booking of it that holds time, in the order they were made, with its capacity; null for an unknown seat slot.</summary>
    Task<SeatList?> ListSeatsAsync(string seatSlotId, CancellationToken cancellationToken);
}

/// <summary>
/// What an invitee asks to book. <see cref="ManageTokenHash"/> is the hash of the invitee's management token;
/// <see cref="HoldId"/> the id of the hold they took on the slot (<see cref="IHoldStore"/>), if any.
/// </summary>
public sealed record BookingRequest(string Invitee, Slot Slot, string? InviteeEmail = null, string? Note = null, string? ManageTokenHash = null, string? HoldId = null)
{
    /// <summary>The invitee's language ("en", "de"), when known, for the e-mail they receive.</summary>
    public string? InviteeLanguage { get; init; }

    /// <summary>The invitee's time zone (TZDB id), when known, for the times in the e-mail they receive.</summary>
    public string? InviteeTimeZone { get; init; }

    /// <summary>Where the meeting happens, as chosen and resolved by the host; null when the type offers no location.</summary>
    public BookingLocation? Location { get; init; }

    /// <summary>The invitee's checked answers to the type's questions.</summary>
    public IReadOnlyList<BookingAnswer> Answers { get; init; } = [];

    /// <summary>
    /// The status the booking starts in: <see cref="BookingStatus.Active"/>, or for a type that requires approval the
    /// request's status (<see cref="ApprovalPolicy.RequestStatus"/>), which then expires at <see cref="ExpiresAt"/>.
    /// </summary>
    public BookingStatus Status { get; init; } = BookingStatus.Active;

    /// <summary>When a request awaiting approval expires unanswered (<see cref="ApprovalPolicy.ExpiryOf"/>).</summary>
    public Instant? ExpiresAt { get; init; }

    /// <summary>
    /// The hash of the single-use link the booking comes through, if any: the booking is refused with
    /// <see cref="BookingOutcome.LinkUsed"/> unless, in its transaction, the link is found unused and marked used by it.
    /// </summary>
    public string? SingleUseLinkHash { get; init; }
}

/// <summary>A booking as stored. <see cref="MeetingTypeKey"/> is the type's slug, or empty for the documented API's type.</summary>
public sealed record StoredBooking(
    string Id,
    string OwnerId,
    string MeetingTypeKey,
    string Invitee,
    string? InviteeEmail,
    string? Note,
    Slot Slot,
    BookingStatus Status,
    Instant CreatedAt)
{
    /// <summary>Grows by one with every reschedule.</summary>
    public int Sequence { get; init; }

    public Instant? CancelledAt { get; init; }

    /// <summary>"owner" or "invitee", for a cancelled booking.</summary>
    public string? CancelledBy { get; init; }

    public string? CancelReason { get; init; }

    /// <summary>The hash of the invitee's management token, to check a presented token against.</summary>
    public string? ManageTokenHash { get; init; }

    /// <summary>The invitee's language, when the booking page or the API knew it.</summary>
    public string? InviteeLanguage { get; init; }

    /// <summary>The invitee's time zone (TZDB id), when the booking page or the API knew it.</summary>
    public string? InviteeTimeZone { get; init; }

    /// <summary>Where the meeting happens; null when its type offered no location.</summary>
    public BookingLocation? Location { get; init; }

    /// <summary>The invitee's answers to the type's questions, with each question as it was asked.</summary>
    public IReadOnlyList<BookingAnswer> Answers { get; init; } = [];

    /// <summary>The team whose meeting type this booking is of, for a host's share of a team booking.</summary>
    public string? TeamId { get; init; }

    /// <summary>
    /// For a host's share of a team booking, the id of the booking the invitee was given (the first host's); the shares
    /// are cancelled and moved together.
    /// </summary>
    public string? TeamBookingId { get; init; }

    /// <summary>
    /// The times the booking had before it was moved, oldest first, as lists read them; empty for a booking never moved,
    /// and for a read that did not ask for them (<see cref="IBookingStore.GetBookingHistoryAsync"/> gives them for one).
    /// </summary>
    public IReadOnlyList<Slot> PreviousTimes { get; init; } = [];

    /// <summary>
    /// For a seat of a slot of a type with seats, the seat slot it shares with the other seats of that slot (whose
    /// bookings <see cref="IBookingStore.ListSeatsAsync"/> gives); null for any other booking.
    /// </summary>
    public string? SeatSlotId { get; init; }

    /// <summary>For a request awaiting approval, when it expires unanswered; kept once it is answered or expired.</summary>
    public Instant? ExpiresAt { get; init; }

    /// <summary>For a meeting of a recurring series, the series (<see cref="ISeriesStore.GetSeriesAsync"/>); null for any other booking.</summary>
    public string? SeriesId { get; init; }

    /// <summary>For a meeting of a recurring series, its position in it: 0 for the first.</summary>
    public int? SeriesIndex { get; init; }

    /// <summary>When the owner marked the invitee as a no-show; null when not marked.</summary>
    public Instant? NoShowAt { get; init; }

    /// <summary>The owner's private note (<see cref="IBookingStore.SetPrivateNoteAsync"/>): for the owner's eyes only; null when none.</summary>
    public string? PrivateNote { get; init; }

    /// <summary>When the invitee's personal data was erased from it (<see cref="IPersonalDataStore"/>); null when never.</summary>
    public Instant? ErasedAt { get; init; }

    public bool IsActive => Status == BookingStatus.Active;
}

public enum BookingListStatus
{
    /// <summary>Active or awaiting approval, and not ended.</summary>
    Upcoming,

    /// <summary>Active and ended.</summary>
    Past,

    Cancelled,

    /// <summary>Active (confirmed: no request awaiting an answer) and not ended.</summary>
    Confirmed,

    /// <summary>A request awaiting the owner's answer, not ended.</summary>
    Pending,

    Declined,

    Expired,
}

/// <summary>
/// A filter and page of an owner's bookings: those of <see cref="Status"/> at <see cref="Now"/> starting in
/// [<see cref="From"/>, <see cref="To"/>), after the position (<see cref="AfterStart"/>, <see cref="AfterId"/>), at most <see cref="Limit"/>.
/// </summary>
public sealed record BookingQuery(BookingListStatus Status, Instant Now, Instant? From, Instant? To, Instant? AfterStart, string? AfterId, int Limit)
{
    /// <summary>Only bookings of this meeting type (its key); null for every type.</summary>
    public string? MeetingType { get; init; }

    /// <summary>Only bookings whose invitee's name or e-mail address contains this text (ignoring case); null for every invitee.</summary>
    public string? Invitee { get; init; }
}

/// <summary>The attendees of one slot of a type with seats: the bookings of its seats that hold time, and how many seats it has.</summary>
public sealed record SeatList(string SeatSlotId, string OwnerId, string MeetingTypeKey, Slot Slot, int Capacity, IReadOnlyList<StoredBooking> Seats)
{
    public int Left => Math.Max(0, Capacity - Seats.Count);
}

/// <summary>The result of <see cref="IBookingStore.CancelAsync"/>: the engine's decision and the booking as it stands afterwards.</summary>
public sealed record CancelResult(ChangeOutcome Outcome, StoredBooking Booking);

/// <summary>The result of booking or moving a booking.</summary>
public abstract record BookingAttempt
{
    private BookingAttempt()
    {
    }

    /// <summary>The booking was stored.</summary>
    public sealed record Booked(StoredBooking Booking) : BookingAttempt;

    /// <summary>The engine refused the requested slot for <paramref name="Reason"/>; nothing was written.</summary>
    public sealed record Refused(BookingOutcome Reason) : BookingAttempt;

    /// <summary>No owner has that id; nothing was written.</summary>
    public sealed record UnknownOwner : BookingAttempt;

    /// <summary>The booking may not be moved, for <paramref name="Reason"/>; nothing was written.</summary>
    public sealed record NotChangeable(ChangeOutcome Reason) : BookingAttempt;
}

/// <summary>What marking a no-show came to.</summary>
public enum NoShowMark
{
    Marked,

    /// <summary>The mark was taken back, or there was none to take.</summary>
    Unmarked,

    /// <summary>It was marked already: nothing changed, no event.</summary>
    AlreadyMarked,

    /// <summary>No booking of the owner's has that id.</summary>
    NotFound,

    /// <summary>The meeting has not begun: nobody can have failed to come yet.</summary>
    NotBegun,

    /// <summary>The booking is not an active meeting (cancelled, a request, declined or expired).</summary>
    NotActive,
}
