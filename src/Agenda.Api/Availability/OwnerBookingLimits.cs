using Agenda.Api.MeetingTypes;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;

namespace Agenda.Api.Availability;

/// <summary>
/// An owner's limits across all their meeting types, as the API (<c>/v1/owners/{o}/booking-limits</c>) and the console read
/// and set them.
/// </summary>
internal sealed class OwnerBookingLimits(IOwnerStore owners)
{
    /// <summary>The owner, with their limits; null for an unknown owner.</summary>
    public Task<OwnerSnapshot?> GetAsync(string ownerId, CancellationToken cancellationToken) => owners.FindOwnerAsync(ownerId, cancellationToken);

    /// <summary>Sets the owner's limits: the errors of the body, or the owner as saved (null for an unknown owner).</summary>
    public async Task<(RequestErrors? Errors, OwnerSnapshot? Saved)> SetAsync(string ownerId, OwnerLimitsBody? body, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        if (BookingLimitsInput.Read(body, errors) is not var (limits, first))
        {
            return (errors, null);
        }

        return (null, await owners.SetBookingLimitsAsync(ownerId, limits, first, cancellationToken));
    }
}
