using Agenda.Scheduling;
using Agenda.Scheduling.Availability;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Storage;

/// <summary>
/// Everything the service keeps: owners, their availability, meeting types and bookings.
/// The interface is shaped by what the scheduling engine needs, so that SQLite and PostgreSQL can sit
/// behind it and be tested by the same suite. Every write that returns is durable, and every write that
/// can change an owner's slots raises the owner's schedule version in the same transaction.
/// Methods return null (or false) for an owner or item that does not exist, and then change nothing.
/// </summary>
public interface IScheduleStore
{
    // Owners

    /// <summary>Creates an owner; false if the id is taken.</summary>
    Task<bool> CreateOwnerAsync(string ownerId, string? displayName, DateTimeZone zone, Instant now, CancellationToken cancellationToken);

    /// <summary>The owner's name, zone and current schedule version, or null for an owner who does not exist.</summary>
    Task<OwnerSnapshot?> FindOwnerAsync(string ownerId, CancellationToken cancellationToken);

    Task<OwnerSnapshot?> UpdateOwnerAsync(string ownerId, string? displayName, DateTimeZone zone, CancellationToken cancellationToken);

    // Owners' API keys

    /// <summary>Stores a new key of an existing owner; false for an unknown owner.</summary>
    Task<bool> AddApiKeyAsync(string ownerId, string keyId, string secretHash, Instant now, CancellationToken cancellationToken);

    /// <summary>The key with that id, revoked or not, or null.</summary>
    Task<StoredApiKey?> FindApiKeyAsync(string keyId, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredApiKey>?> ListApiKeysAsync(string ownerId, CancellationToken cancellationToken);

    /// <summary>Revokes one of the owner's keys; false if the owner has no such active key.</summary>
    Task<bool> RevokeApiKeyAsync(string ownerId, string keyId, Instant now, CancellationToken cancellationToken);

    // Calendar feeds

    /// <summary>Sets (or, with null, removes) the hash of the owner's feed secret; false for an unknown owner.</summary>
    Task<bool> SetFeedTokenHashAsync(string ownerId, string? tokenHash, CancellationToken cancellationToken);

    /// <summary>The owner whose feed secret has this hash, or null.</summary>
    Task<OwnerSnapshot?> FindOwnerByFeedTokenHashAsync(string tokenHash, CancellationToken cancellationToken);

    // Availability

    /// <summary>
    /// Adds the date-range rules an owner does not have yet, creating the owner (in UTC) on first use.
    /// A rule the owner already has is ignored, so posting the same rules twice changes nothing.
    /// </summary>
    /// <returns>How many rules were new.</returns>
    Task<int> AddRulesAsync(string ownerId, IReadOnlyList<DateRangeRule> rules, Instant now, CancellationToken cancellationToken);

    Task<IReadOnlyList<DateRangeRule>?> GetRulesAsync(string ownerId, CancellationToken cancellationToken);

    /// <summary>Replaces all the owner's date-range rules (an empty list deletes them).</summary>
    Task<bool> ReplaceRulesAsync(string ownerId, IReadOnlyList<DateRangeRule> rules, CancellationToken cancellationToken);

    Task<WeeklyHours?> GetWeeklyHoursAsync(string ownerId, CancellationToken cancellationToken);

    /// <summary>Replaces the owner's weekly hours (<see cref="WeeklyHours.None"/> deletes them).</summary>
    Task<bool> ReplaceWeeklyHoursAsync(string ownerId, WeeklyHours hours, CancellationToken cancellationToken);

    Task<IReadOnlyList<DateOverride>?> GetOverridesAsync(string ownerId, CancellationToken cancellationToken);

    /// <summary>Sets the override of its date, replacing one that was there.</summary>
    Task<bool> PutOverrideAsync(string ownerId, DateOverride dateOverride, CancellationToken cancellationToken);

    /// <summary>Removes the override of a date; false if the owner or the override does not exist.</summary>
    Task<bool> DeleteOverrideAsync(string ownerId, LocalDate date, CancellationToken cancellationToken);

    // Meeting types

    /// <summary>Creates a meeting type; false if the owner does not exist or already has the slug.</summary>
    Task<bool> CreateMeetingTypeAsync(string ownerId, StoredMeetingType meetingType, Instant now, CancellationToken cancellationToken);

    Task<StoredMeetingType?> GetMeetingTypeAsync(string ownerId, string slug, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredMeetingType>?> ListMeetingTypesAsync(string ownerId, CancellationToken cancellationToken);

    Task<bool> ReplaceMeetingTypeAsync(string ownerId, StoredMeetingType meetingType, CancellationToken cancellationToken);

    Task<bool> DeleteMeetingTypeAsync(string ownerId, string slug, CancellationToken cancellationToken);

    // Schedules and bookings

    /// <summary>
    /// What decides the owner's slots that start on <paramref name="dates"/> (in the owner's zone): weekly
    /// hours, the rules and overrides that touch those dates, and the active bookings near them, read in one
    /// snapshot together with the schedule version they belong to; null for an unknown owner.
    /// </summary>
    Task<ScheduleRead?> LoadScheduleAsync(string ownerId, DateInterval dates, CancellationToken cancellationToken);

    /// <summary>
    /// Books <paramref name="request"/> as a meeting of <paramref name="type"/> if, at the moment of writing,
    /// the engine accepts it. The check and the insert happen in one write transaction, and the schema refuses
    /// overlapping blocked times of one owner as a second guard.
    /// </summary>
    Task<BookingAttempt> BookAsync(string ownerId, BookingRequest request, MeetingType type, string typeKey, Instant now, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="BookAsync"/> under an idempotency key, in the same write transaction: if the key was used before
    /// with the same request, the stored answer is returned and nothing else happens; with a different request,
    /// <see cref="IdempotentBooking.KeyReused"/>; otherwise the booking is attempted and, if it succeeds, the answer
    /// rendered by <paramref name="render"/> is stored with the key before the transaction commits.
    /// </summary>
    Task<IdempotentBooking> BookIdempotentlyAsync(
        string ownerId, BookingRequest request, MeetingType type, string typeKey, Instant now,
        IdempotencyKey key, Func<StoredBooking, StoredAnswer> render, CancellationToken cancellationToken);

    Task<StoredBooking?> GetBookingAsync(string bookingId, CancellationToken cancellationToken);

    /// <summary>The times the booking had before each reschedule, oldest first.</summary>
    Task<IReadOnlyList<Slot>> GetBookingHistoryAsync(string bookingId, CancellationToken cancellationToken);

    /// <summary>
    /// Cancels an active booking that has not begun at <paramref name="now"/>; its time is free again at once.
    /// The booking stays readable with status <c>cancelled</c>.
    /// </summary>
    Task<CancelResult> CancelAsync(string bookingId, string cancelledBy, string? reason, Instant now, CancellationToken cancellationToken);

    /// <summary>
    /// Moves an active booking that has not begun to the slot of its meeting type starting at <paramref name="newStart"/>
    /// (as long as the type's meeting length is now), in one
    /// write transaction: the engine decides as if the booking were not there (so it may move onto part of its own
    /// time), the old time is kept in the history and freed, and the sequence grows. Refused: nothing changes.
    /// </summary>
    /// <returns>null for an unknown booking.</returns>
    Task<BookingAttempt?> RescheduleAsync(string bookingId, Instant newStart, Instant now, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the owner's bookings that match <paramref name="query"/>, soonest first (by start, then id);
    /// null for an unknown owner. Paging is by position after the last booking seen, so bookings added meanwhile
    /// neither repeat nor shift a page.
    /// </summary>
    Task<IReadOnlyList<StoredBooking>?> ListBookingsAsync(string ownerId, BookingQuery query, CancellationToken cancellationToken);

    /// <summary>The owner's active bookings that have not ended at <paramref name="now"/>, soonest first; null for an unknown owner.</summary>
    Task<IReadOnlyList<StoredBooking>?> ListUpcomingAsync(string ownerId, Instant now, CancellationToken cancellationToken);
}

/// <summary>An owner as the engine needs it. <see cref="ScheduleVersion"/> grows with every change that can change the owner's slots.</summary>
public sealed record OwnerSnapshot(string Id, string? DisplayName, DateTimeZone Zone, long ScheduleVersion);

/// <summary>An owner's schedule and the version of the owner's data it was read at.</summary>
public sealed record ScheduleRead(OwnerSnapshot Owner, OwnerSchedule Schedule);

/// <summary>An owner's API key as stored: never the key itself, only its hash.</summary>
public sealed record StoredApiKey(string Id, string OwnerId, string SecretHash, Instant CreatedAt, Instant? RevokedAt)
{
    public bool IsActive => RevokedAt is null;
}

/// <summary>A meeting type with its owner-facing identity.</summary>
public sealed record StoredMeetingType(string Slug, string Title, MeetingType Rules);

/// <summary>What an invitee asks to book. <see cref="ManageTokenHash"/> is the hash of the invitee's management token.</summary>
public sealed record BookingRequest(string Invitee, Slot Slot, string? InviteeEmail = null, string? Note = null, string? ManageTokenHash = null);

/// <summary>A booking as stored. <see cref="MeetingTypeKey"/> is the type's slug, or empty for the documented API's type.</summary>
public sealed record StoredBooking(
    string Id,
    string OwnerId,
    string MeetingTypeKey,
    string Invitee,
    string? InviteeEmail,
    string? Note,
    Slot Slot,
    string Status,
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

    public bool IsActive => Status == BookingStatus.Active;
}

public static class BookingStatus
{
    public const string Active = "active";
    public const string Cancelled = "cancelled";
}

public enum BookingListStatus
{
    /// <summary>Active and not ended.</summary>
    Upcoming,

    /// <summary>Active and ended.</summary>
    Past,

    Cancelled,
}

/// <summary>
/// A filter and page of an owner's bookings: those of <see cref="Status"/> at <see cref="Now"/> starting in
/// [<see cref="From"/>, <see cref="To"/>), after the position (<see cref="AfterStart"/>, <see cref="AfterId"/>), at most <see cref="Limit"/>.
/// </summary>
public sealed record BookingQuery(BookingListStatus Status, Instant Now, Instant? From, Instant? To, Instant? AfterStart, string? AfterId, int Limit);

public enum CancelOutcome
{
    Cancelled,
    UnknownBooking,
    AlreadyCancelled,
    AlreadyBegun,
}

/// <summary>The result of <see cref="IScheduleStore.CancelAsync"/>; <see cref="Booking"/> is the booking as it stands afterwards.</summary>
public sealed record CancelResult(CancelOutcome Outcome, StoredBooking? Booking);

/// <summary>A client's idempotency key, within <see cref="Scope"/> (the route it was sent to), with a hash of the request it came with.</summary>
public sealed record IdempotencyKey(string Scope, string Key, string RequestHash);

/// <summary>An HTTP answer as kept for replay.</summary>
public sealed record StoredAnswer(int StatusCode, string Body, string? Location);

/// <summary>The result of <see cref="IScheduleStore.BookIdempotentlyAsync"/>.</summary>
public abstract record IdempotentBooking
{
    private IdempotentBooking()
    {
    }

    /// <summary>The key was used before for the same request: this is the answer given then.</summary>
    public sealed record Replayed(StoredAnswer Answer) : IdempotentBooking;

    /// <summary>The key was used before for a different request; nothing was written.</summary>
    public sealed record KeyReused : IdempotentBooking;

    /// <summary>The key is new: the booking was attempted, and its answer stored if it succeeded.</summary>
    public sealed record Attempted(BookingAttempt Attempt, StoredAnswer? Answer) : IdempotentBooking;
}

/// <summary>The result of <see cref="IScheduleStore.BookAsync"/>.</summary>
public abstract record BookingAttempt
{
    private BookingAttempt()
    {
    }

    /// <summary>The booking was stored.</summary>
    public sealed record Booked(StoredBooking Booking) : BookingAttempt;

    /// <summary>The engine refused the request for <paramref name="Reason"/>; nothing was written.</summary>
    public sealed record Refused(Scheduling.Booking.BookingOutcome Reason) : BookingAttempt;

    /// <summary>No owner has that id; nothing was written.</summary>
    public sealed record UnknownOwner : BookingAttempt;

    /// <summary>The booking cannot be moved (<paramref name="Why"/>: cancelled, already begun, its meeting type deleted); nothing was written.</summary>
    public sealed record NotReschedulable(string Why) : BookingAttempt;
}
