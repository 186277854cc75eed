using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;

namespace Agenda.Api.Bookings;

/// <summary>
/// The owner marks an invitee who did not come as a no-show, or takes the mark back: for the API and the console. Only a
/// meeting that has begun can be marked; the mark is an event, so the owner's webhooks and workflows (trigger
/// <c>no_show</c>) hear of it.
/// </summary>
internal sealed class NoShows(IBookingStore bookings, TimeProvider time)
{
    public async Task<Outcome<bool>> MarkAsync(string ownerId, string bookingId, bool noShow, CancellationToken cancellationToken) =>
        await bookings.MarkNoShowAsync(ownerId, bookingId, noShow, time.GetCurrentInstant(), cancellationToken) switch
        {
            NoShowMark.Marked or NoShowMark.AlreadyMarked => true,
            NoShowMark.Unmarked => false,
            NoShowMark.NotBegun => Refusal.Conflict("Not begun", new Message("NoShowNotBegun"), "not_begun"),
            NoShowMark.NotActive => Refusal.Conflict("Not a meeting", new Message("NoShowNotActive"), "not_active"),
            _ => Refusal.NotFound(new Message("UnknownBooking", bookingId)),
        };
}

/// <summary>Whether the invitee is marked as a no-show.</summary>
internal sealed record NoShowBody(bool? NoShow);

internal sealed record NoShowResponse(string BookingId, bool NoShow);
