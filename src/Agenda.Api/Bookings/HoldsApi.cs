using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.OpenApi;
using Agenda.Api.Platform.Wire;
using Agenda.Api.Slots;
using Agenda.Scheduling.Booking;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Agenda.Api.Bookings;

/// <summary>
/// /v1 holds of personal meeting types, through <see cref="SlotHolder"/>: the hold token is the holder's only key to it;
/// they release it with the token, or name it in their booking, which then uses it up.
/// </summary>
internal static class HoldsApi
{
    public static IEndpointRouteBuilder MapHolds(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/owners/{ownerId}/meeting-types/{slug}/holds", CreateAsync)
            .WithTags("Holds")
            .WithName("CreateHold")
            .ProducesDatabaseUnavailable().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesBookingRefusals(RefusalCodes.Hold)
            .WithSummary("Hold a slot of a meeting type for a few minutes")
            .WithDescription("start is a slot start as the slot search gives it. Accepted exactly when the slot could be booked at this moment; then no search offers it and no booking takes it, on any node, until expires_at, unless the booking names hold_token. The answer carries hold_token, shown only here. Refusals are the booking's, except the invitee's allowance, which is checked when booking.");

        routes.MapDelete("/v1/holds/{holdToken}", ReleaseAsync)
            .WithTags("Holds")
            .WithName("ReleaseHold")
            .ProducesDatabaseUnavailable().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Release a hold at once (with its hold token); its slot is offered again");
        return routes;
    }

    public static async Task<Results<Created<HoldResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string ownerId, string slug, CreateHoldRequest? body, BookingRequests requests, CancellationToken cancellationToken) =>
        (await requests.HoldAsync(ownerId, slug, body, cancellationToken)).Answer(hold => TypedResults.Created($"/v1/holds/{hold.HoldToken}", hold));

    public static async Task<Results<NoContent, ProblemHttpResult>> ReleaseAsync(string holdToken, SlotHolder holder, CancellationToken cancellationToken) =>
        await holder.ReleaseAsync(holdToken, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No such hold",
                detail: "No hold has this token: it was released, used by a booking, or never taken. An expired hold is released too.");
}
