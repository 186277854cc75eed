using Agenda.Api.Platform.Wire;
using Agenda.Storage;

namespace Agenda.Api.Availability;

/// <summary>The owner's trips: the dates (both included) whose default hours are kept in another zone.</summary>
internal sealed record TravelListBody(IReadOnlyList<TravelBody?>? Travel = null);

internal sealed record TravelListResponse(IReadOnlyList<TravelResponse> Travel);

/// <summary>
/// Where an owner travels, as the API (<c>/v1/owners/{o}/travel</c>) and the console read and set it: on a trip's dates
/// the owner's default hours are in the trip's zone (named schedules keep trips of their own). Read with the same checks
/// as a named schedule's trips (<see cref="OwnerSchedules.ReadTravel"/>).
/// </summary>
internal sealed class OwnerTravel(IOwnerStore owners)
{
    /// <summary>The owner, with their trips; null for an unknown owner.</summary>
    public Task<OwnerSnapshot?> GetAsync(string ownerId, CancellationToken cancellationToken) => owners.FindOwnerAsync(ownerId, cancellationToken);

    /// <summary>Replaces the owner's trips: the errors of the body, or the owner as saved (null for an unknown owner).</summary>
    public async Task<(RequestErrors? Errors, OwnerSnapshot? Saved)> SetAsync(string ownerId, TravelListBody? body, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var travel = OwnerSchedules.ReadTravel(errors, body?.Travel ?? []);
        return errors.Any ? (errors, null) : (null, await owners.SetTravelAsync(ownerId, travel, cancellationToken));
    }
}

internal static class TravelMapping
{
    public static TravelListResponse ToTravelResponse(this OwnerSnapshot owner) => new([.. owner.Travel.Select(t => t.ToResponse())]);

    public static TravelResponse ToResponse(this Scheduling.Availability.TravelPeriod period) =>
        new(WireFormat.FormatDate(period.Dates.Start), WireFormat.FormatDate(period.Dates.End), period.Zone.Id);
}
