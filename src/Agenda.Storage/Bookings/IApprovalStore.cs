using NodaTime;

namespace Agenda.Storage;

/// <summary>
/// Requests of meeting types that require approval (<see cref="Agenda.Scheduling.Booking.ApprovalPolicy"/>): a request is
/// made by <see cref="IBookingStore.BookAsync"/> with its status; the owner confirms or declines it here, and the ones not
/// answered in time expire. Each change is one write transaction under the owner's lock, with its event.
/// </summary>
public interface IApprovalStore
{
    /// <summary>
    /// Confirms a request awaiting approval (<see cref="Agenda.Scheduling.Booking.ApprovalPolicy.MayAnswer"/>) at <paramref name="now"/>: it becomes
    /// active. A request that did not hold its time takes it now, if nothing else holds it (else refused as
    /// <see cref="Agenda.Scheduling.Booking.BookingOutcome.Taken"/>); the database's guard decides between requests confirmed at once. Null for an
    /// unknown booking.
    /// </summary>
    Task<BookingAttempt?> ConfirmAsync(string bookingId, Instant now, CancellationToken cancellationToken);

    /// <summary>Declines a request awaiting approval, with the owner's <paramref name="reason"/>: its time is free again. Null for an unknown booking.</summary>
    Task<CancelResult?> DeclineAsync(string bookingId, string? reason, Instant now, CancellationToken cancellationToken);

    /// <summary>Expires at most <paramref name="limit"/> requests whose expiry has come at <paramref name="now"/>, each with its event; how many it expired.</summary>
    Task<int> ExpireDueRequestsAsync(Instant now, int limit, CancellationToken cancellationToken);
}
