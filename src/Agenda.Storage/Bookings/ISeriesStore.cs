using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Storage;

/// <summary>
/// Recurring series: one invitee's weekly meetings with an owner, booked all or nothing in one write transaction, each
/// meeting a booking of its own. One meeting is cancelled or moved as any booking is (<see cref="IBookingStore"/>); here
/// the whole series is booked, and a meeting is cancelled or moved together with the rest of the series after it.
/// </summary>
public interface ISeriesStore
{
    /// <summary>
    /// Books the meetings of <paramref name="rule"/> from <paramref name="request"/>'s slot, in the owner's zone
    /// (<see cref="RecurringSeries.Expand"/>), if at the moment of writing the engine accepts every one
    /// (<see cref="RecurringSeries.Decide"/>) and the invitee's allowance takes the series (which counts once);
    /// otherwise nothing is written and the answer names every meeting that cannot be booked. Under
    /// <paramref name="key"/>, when given, as <see cref="IIdempotentBookingStore.BookIdempotentlyAsync"/> books one.
    /// </summary>
    Task<SeriesAttempt> BookSeriesAsync(
        string ownerId, BookingRequest request, SeriesRule rule, MeetingType type, string typeKey, Instant now, IdempotencyKey? key, Func<StoredSeries, string>? payload,
        CancellationToken cancellationToken);

    /// <summary>
    /// Books a series of the team meeting type <paramref name="slug"/> as <see cref="BookSeriesAsync"/> books an owner's:
    /// the same hosts take every meeting (one rotating host throughout for round robin, <see cref="Scheduling.Teams.TeamRules.DecideSeries"/>),
    /// at the wall-clock time of the type's first host's zone, all or nothing. Each meeting is a team booking; each host's
    /// shares are that host's series, and <see cref="SeriesAttempt.Booked.Series"/> is the invitee's (the first host's).
    /// <see cref="SeriesAttempt.UnknownOwner"/> stands for an unknown team or type.
    /// </summary>
    Task<SeriesAttempt> BookTeamSeriesAsync(
        string teamId, string slug, BookingRequest request, SeriesRule rule, Instant now, IdempotencyKey? key, Func<IReadOnlyList<StoredBooking>, string>? payload,
        CancellationToken cancellationToken);

    /// <summary>The series with every meeting, in order; null for an unknown series.</summary>
    Task<StoredSeries?> GetSeriesAsync(string seriesId, CancellationToken cancellationToken);

    /// <summary>
    /// Cancels the meeting <paramref name="bookingId"/> and every later meeting of its series that is still active, in one
    /// write, if <see cref="BookingLifecycle.MayCancel"/> allows cancelling that meeting. Of a team series, every host's
    /// share of each of those meetings is cancelled. Null for an unknown booking.
    /// </summary>
    Task<SeriesChange?> CancelFollowingAsync(string bookingId, string cancelledBy, string? reason, Instant now, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the meeting <paramref name="bookingId"/> to the slot starting at <paramref name="newStart"/> and every later
    /// active meeting of its series to the same wall-clock time, its interval of weeks on from there
    /// (<see cref="RecurringSeries.At"/>), in one write: every one is decided as if the meetings moved were not there, and
    /// either all move or none does (the answer names those that cannot). Of a team series, every host's share of each
    /// meeting moves, and every host must be free for every new time. Null for an unknown booking.
    /// </summary>
    Task<SeriesChange?> RescheduleFollowingAsync(string bookingId, Instant newStart, Instant now, CancellationToken cancellationToken);
}

/// <summary>
/// A recurring series as booked: the owner's meeting type, the owner's zone and the first meeting's wall-clock start in
/// it, each meeting's length, how many weeks apart and how many meetings, and its meetings in order (cancelled and
/// moved ones included).
/// </summary>
public sealed record StoredSeries(
    string Id, string OwnerId, string MeetingTypeKey, DateTimeZone Zone, LocalDateTime FirstLocalStart, Duration Length, int IntervalWeeks, int Count, Instant CreatedAt)
{
    public IReadOnlyList<StoredBooking> Bookings { get; init; } = [];

    /// <summary>When meeting <paramref name="index"/> was first booked for (RFC 5545's RECURRENCE-ID); null where the clocks skip it.</summary>
    public Slot? OriginalSlot(int index) =>
        RecurringSeries.At(FirstLocalStart, 0, Length, Zone, IntervalWeeks, [index])[0].Slot;
}

/// <summary>The result of booking a series, or of changing a meeting with the rest of its series.</summary>
public abstract record SeriesAttempt
{
    private SeriesAttempt()
    {
    }

    /// <summary>Every meeting was booked: the series as stored.</summary>
    public sealed record Booked(StoredSeries Series) : SeriesAttempt
    {
        /// <summary>The first meeting's bookings: the first of the series, and of a team series every host's share, the invitee's first.</summary>
        public IReadOnlyList<StoredBooking> FirstShares { get; init; } = [Series.Bookings[0]];
    }

    /// <summary>Nothing was written: these meetings (at least one) cannot be booked, each with the engine's reason.</summary>
    public sealed record Refused(IReadOnlyList<SeriesRefusal> Meetings) : SeriesAttempt;

    /// <summary>No owner has that id (or no team, or the team no such type); nothing was written.</summary>
    public sealed record UnknownOwner : SeriesAttempt;

    /// <summary>The idempotency key was used before for the same request: this is the payload stored then.</summary>
    public sealed record Replayed(string Payload) : SeriesAttempt;

    /// <summary>The idempotency key was used before for a different request; nothing was written.</summary>
    public sealed record KeyReused : SeriesAttempt;
}

/// <summary>
/// What cancelling or moving a meeting with the rest of its series came to: <see cref="Outcome"/> is the engine's
/// answer about the meeting named (<see cref="ChangeOutcome.Allowed"/> when the change was made);
/// <see cref="Refused"/> names the meetings that cannot move (then nothing changed); <see cref="Changed"/> holds the
/// meetings as they stand afterwards, the one named first.
/// </summary>
public sealed record SeriesChange(ChangeOutcome Outcome, StoredBooking Booking, IReadOnlyList<StoredBooking> Changed, IReadOnlyList<SeriesRefusal> Refused)
{
    public bool Done => Outcome == ChangeOutcome.Allowed && Refused.Count == 0;
}
