using Agenda.Scheduling.MeetingTypes;
using NodaTime;

namespace Agenda.Storage;

/// <summary>Booking under a client's idempotency key, so that a retried request books once.</summary>
public interface IIdempotentBookingStore
{
    /// <summary>
    /// <see cref="IBookingStore.BookAsync"/> under an idempotency key, in the same write transaction: if the key was used
    /// before with the same request, the payload stored then is returned and nothing else happens; with a different
    /// request, <see cref="IdempotentBooking.KeyReused"/>; otherwise the booking is attempted and, if it succeeds, the
    /// caller's <paramref name="payload"/> of it is stored with the key before the transaction commits. Storage does not
    /// read the payload: what a replay answers is the caller's business.
    /// </summary>
    Task<IdempotentBooking> BookIdempotentlyAsync(
        string ownerId, BookingRequest request, MeetingType type, string typeKey, Instant now,
        IdempotencyKey key, Func<StoredBooking, string> payload, CancellationToken cancellationToken);
}

/// <summary>A client's idempotency key, within <see cref="Scope"/> (what it was sent for), with a hash of the request it came with.</summary>
public sealed record IdempotencyKey(string Scope, string Key, string RequestHash);

/// <summary>The result of <see cref="IIdempotentBookingStore.BookIdempotentlyAsync"/>.</summary>
public abstract record IdempotentBooking
{
    private IdempotentBooking()
    {
    }

    /// <summary>The key was used before for the same request: this is the payload stored then.</summary>
    public sealed record Replayed(string Payload) : IdempotentBooking;

    /// <summary>The key was used before for a different request; nothing was written.</summary>
    public sealed record KeyReused : IdempotentBooking;

    /// <summary>The key is new: the booking was attempted, and its payload stored if it succeeded.</summary>
    public sealed record Attempted(BookingAttempt Attempt, string? Payload) : IdempotentBooking;
}
