namespace Agenda.Api.Calendars.Sync;

/// <summary>
/// Before a booking or a move, the calendars of the owner (or of every host of a team booking) are read again (at most
/// <see cref="CalendarOptions.Recheck"/>), so an event put in them since the last sync is not booked over. The booking
/// use cases (<see cref="Bookings.BookingService"/>) call it, so every door gets it. Owners without calendars pay nothing.
/// </summary>
internal sealed class CalendarRecheck(Storage.IBookingStore bookings, CalendarSync sync, CalendarOptions options, ILogger<CalendarRecheck> logger)
{
    /// <summary>Reads the owner's calendars again, if they have any.</summary>
    public async Task RecheckAsync(string ownerId, CancellationToken cancellationToken)
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

    /// <summary>Reads the calendars of every host of a team booking again, at once (each bounded as for one owner).</summary>
    public Task RecheckHostsAsync(IEnumerable<string> ownerIds, CancellationToken cancellationToken) =>
        Task.WhenAll(ownerIds.Select(ownerId => RecheckAsync(ownerId, cancellationToken)));

    /// <summary>Reads the calendars of the owner of booking <paramref name="bookingId"/> again, when any owner has calendars at all.</summary>
    public async Task RecheckOwnerOfAsync(string bookingId, CancellationToken cancellationToken)
    {
        if (options.Recheck > TimeSpan.Zero && sync.AnyCalendars && await bookings.GetBookingAsync(bookingId, cancellationToken) is { } booking)
        {
            await RecheckAsync(booking.OwnerId, cancellationToken);
        }
    }
}
