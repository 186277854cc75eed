using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Scheduling.Booking;

/// <summary>
/// A meeting type that requires approval: a booking becomes a request that the owner confirms or declines.
/// <see cref="HoldsTime"/> says whether a request keeps its time from others meanwhile (then it is
/// <see cref="BookingStatus.Pending"/>; else <see cref="BookingStatus.Requested"/>, and the slot stays offered until a
/// request for it is confirmed). A request not answered within <see cref="ExpiresAfter"/>, or by the time its meeting
/// begins, expires.
/// </summary>
public sealed record ApprovalPolicy(bool HoldsTime, Duration ExpiresAfter)
{
    /// <summary>How long a request waits for an answer unless the type says otherwise: one day.</summary>
    public static readonly Duration DefaultExpiry = Duration.FromDays(1);

    /// <summary>The shortest wait a type may set (an hour) and the longest (thirty days).</summary>
    public static readonly Duration MinExpiry = Duration.FromHours(1);

    public static readonly Duration MaxExpiry = Duration.FromDays(30);

    /// <summary>The status a new request starts in.</summary>
    public BookingStatus RequestStatus => HoldsTime ? BookingStatus.Pending : BookingStatus.Requested;

    /// <summary>When a request made at <paramref name="now"/> for <paramref name="slot"/> expires: after the wait, or when its meeting begins if sooner.</summary>
    public Instant ExpiryOf(Slot slot, Instant now) => Instant.Min(now + ExpiresAfter, slot.Start);

    /// <summary>
    /// Whether the owner may confirm or decline a booking of <paramref name="status"/> at <paramref name="now"/>: only a
    /// request still awaiting an answer and not expired (<paramref name="expiresAt"/>, its expiry; an expiry instant is
    /// the first at which it is expired).
    /// </summary>
    public static ChangeOutcome MayAnswer(BookingStatus status, Instant? expiresAt, Instant now) => status switch
    {
        BookingStatus.Active => ChangeOutcome.AlreadyConfirmed,
        BookingStatus.Cancelled => ChangeOutcome.AlreadyCancelled,
        BookingStatus.Declined => ChangeOutcome.AlreadyDeclined,
        BookingStatus.Expired => ChangeOutcome.RequestExpired,
        _ when expiresAt is { } expiry && now >= expiry => ChangeOutcome.RequestExpired,
        _ => ChangeOutcome.Allowed,
    };

    /// <summary>Whether a request awaiting approval is due to expire at <paramref name="now"/>.</summary>
    public static bool IsDue(BookingStatus status, Instant? expiresAt, Instant now) => status.AwaitsApproval() && expiresAt is { } expiry && now >= expiry;
}
