using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Calendars.Sync;

/// <summary>
/// Bookings of an owner with connected calendars read those calendars again first (at most
/// <see cref="CalendarOptions.Recheck"/>), so an event the owner put in their calendar since the last sync is not
/// booked over. Every path that books or moves a booking (the API, the documented routes, the pages) goes through
/// <see cref="IBookingStore"/>, so wrapping it here covers them all. Owners without calendars pay nothing.
/// </summary>
public sealed class CalendarRecheck(
    IBookingStore bookings, IIdempotentBookingStore idempotent, CalendarSync sync, CalendarOptions options, ILogger<CalendarRecheck> logger)
    : IBookingStore, IIdempotentBookingStore
{
    public async Task<BookingAttempt> BookAsync(string ownerId, BookingRequest request, MeetingType type, string typeKey, Instant now, CancellationToken cancellationToken)
    {
        await RecheckAsync(ownerId, cancellationToken);
        return await bookings.BookAsync(ownerId, request, type, typeKey, now, cancellationToken);
    }

    public async Task<IdempotentBooking> BookIdempotentlyAsync(
        string ownerId, BookingRequest request, MeetingType type, string typeKey, Instant now, IdempotencyKey key, Func<StoredBooking, string> payload, CancellationToken cancellationToken)
    {
        await RecheckAsync(ownerId, cancellationToken);
        return await idempotent.BookIdempotentlyAsync(ownerId, request, type, typeKey, now, key, payload, cancellationToken);
    }

    public async Task<BookingAttempt?> RescheduleAsync(string bookingId, Instant newStart, Instant now, CancellationToken cancellationToken)
    {
        if (options.Recheck > TimeSpan.Zero && sync.AnyCalendars && await bookings.GetBookingAsync(bookingId, cancellationToken) is { } booking)
        {
            await RecheckAsync(booking.OwnerId, cancellationToken);
        }

        return await bookings.RescheduleAsync(bookingId, newStart, now, cancellationToken);
    }

    public Task<StoredBooking?> GetBookingAsync(string bookingId, CancellationToken cancellationToken) => bookings.GetBookingAsync(bookingId, cancellationToken);

    public Task<IReadOnlyList<Slot>> GetBookingHistoryAsync(string bookingId, CancellationToken cancellationToken) => bookings.GetBookingHistoryAsync(bookingId, cancellationToken);

    public Task<CancelResult?> CancelAsync(string bookingId, string cancelledBy, string? reason, Instant now, CancellationToken cancellationToken) =>
        bookings.CancelAsync(bookingId, cancelledBy, reason, now, cancellationToken);

    public Task<IReadOnlyList<StoredBooking>?> ListBookingsAsync(string ownerId, BookingQuery query, CancellationToken cancellationToken) =>
        bookings.ListBookingsAsync(ownerId, query, cancellationToken);

    public Task<IReadOnlyList<StoredBooking>?> ListUpcomingAsync(string ownerId, Instant now, CancellationToken cancellationToken) =>
        bookings.ListUpcomingAsync(ownerId, now, cancellationToken);

    /// <summary>Reads the calendars of every host of a team booking again, at once (each bounded as for one owner).</summary>
    public Task RecheckHostsAsync(IEnumerable<string> ownerIds, CancellationToken cancellationToken) =>
        Task.WhenAll(ownerIds.Select(ownerId => RecheckAsync(ownerId, cancellationToken)));

    private async Task RecheckAsync(string ownerId, CancellationToken cancellationToken)
    {
        if (options.Recheck > TimeSpan.Zero && sync.HasCalendars(ownerId))
        {
            try
            {
                await sync.SyncOwnerAsync(ownerId, options.Recheck, cancellationToken);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // The re-check is a courtesy to the owner: whatever befalls it, the booking is decided on the copy at hand.
                logger.LogWarning(e, "The calendars of {Owner} could not be read again before a booking.", ownerId);
            }
        }
    }
}
