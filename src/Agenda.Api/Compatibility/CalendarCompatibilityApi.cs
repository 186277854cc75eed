using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.Limits;
using Agenda.Api.Platform.Observability;
using Agenda.Api.Platform.OpenApi;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Agenda.Api.Compatibility;

/// <summary>The documented <c>/api/calendar</c> routes, with the document's exact paths and shapes.</summary>
internal static class CalendarCompatibilityApi
{
    public static IEndpointRouteBuilder MapCalendarCompatibility(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/calendar").WithTags("Documented API").ProducesDatabaseUnavailable();

        group.MapPost("/set_availability/{userId}", SetAvailabilityAsync)
            .WithName("SetAvailability")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireOwnerKey()
            .WithSummary("Add date-range availability rules for an owner")
            .WithDescription("Each rule makes the owner available from start_time to end_time (HH:MM, an end may be 24:00) on every date from start_date to end_date inclusive, in the owner's time zone. Rules are added to those the owner has; a rule the owner already has changes nothing. The first call creates the owner. Rules that would take the owner past their limit (Limits:MaxRulesPerOwner) are a 409 with reason limit_reached, and none of them is added.");

        return routes;
    }

    public static async Task<Results<Ok<SetAvailabilityResponse>, ValidationProblem, ProblemHttpResult>> SetAvailabilityAsync(
        string userId, SetAvailabilityRequest? body, IAvailabilityStore store, IOwnerStore owners, LimitMetrics limits, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        // The first call creates the owner: a new owner may not take a name the host uses (one made before may go on).
        var owner = Platform.Hosting.ReservedSegments.Contains(userId) && await owners.FindOwnerAsync(userId, cancellationToken) is not null
            ? errors.UrlSafeId("userId", userId)
            : errors.NewOwnerId("userId", userId);
        var rules = CompatibilityRequests.ReadRules(body, errors);
        if (errors.Any || owner is null || body is null)
        {
            return errors.Problem();
        }

        if (await store.AddRulesAsync(owner, rules, time.GetCurrentInstant(), cancellationToken) is OwnerWrite.LimitReached reached)
        {
            return OwnerLimitRefusals.ToProblem(reached, limits);
        }

        return TypedResults.Ok(new SetAvailabilityResponse($"Availability set for {owner}", CompatibilityRequests.EchoRules(body)));
    }
}
