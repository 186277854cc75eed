using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.OpenApi;
using Agenda.Api.Platform.Wire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Agenda.Api.Bookings;

/// <summary>The attendees of one slot of a meeting type with seats, for its owner.</summary>
internal static class SeatsApi
{
    public static IEndpointRouteBuilder MapSeats(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/owners/{ownerId}/seat-slots/{seatSlotId}", GetAsync)
            .WithTags("Bookings")
            .WithName("GetSeatSlot")
            .ProducesDatabaseUnavailable().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The attendees of one slot of a meeting type with seats (owner's key)")
            .WithDescription("seat_slot_id is the one every seat's booking carries. attendees are the seats' bookings that hold time, in the order they were made; capacity is the slot's seats, left how many are still offered.")
            .RequireOwnerKey();
        return routes;
    }

    public static async Task<Results<Ok<SeatSlotResponse>, ProblemHttpResult>> GetAsync(
        string ownerId, string seatSlotId, BookingService service, CancellationToken cancellationToken)
    {
        if (await service.SeatsAsync(ownerId, seatSlotId, cancellationToken) is not var (owner, seats))
        {
            return ApiProblems.NotFound($"Owner '{ownerId}' has no seat slot '{seatSlotId}'.");
        }

        return TypedResults.Ok(new SeatSlotResponse(
            seats.SeatSlotId,
            seats.MeetingTypeKey,
            WireFormat.FormatWithOffset(seats.Slot.Start, owner.Zone),
            WireFormat.FormatWithOffset(seats.Slot.End, owner.Zone),
            WireFormat.FormatUtc(seats.Slot.Start),
            WireFormat.FormatUtc(seats.Slot.End),
            seats.Capacity,
            seats.Seats.Count,
            seats.Left,
            [.. seats.Seats.Select(b => b.ToResponse(owner.Zone))]));
    }
}

/// <summary>One slot of a meeting type with seats: its time, its seats taken and left, and the bookings that take them.</summary>
internal sealed record SeatSlotResponse(
    string SeatSlotId,
    string MeetingType,
    string Start,
    string End,
    string StartUtc,
    string EndUtc,
    int Capacity,
    int Taken,
    int Left,
    IReadOnlyList<BookingResponse> Attendees);
