using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.OpenApi;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Agenda.Api.Owners;

/// <summary>/v1/owners: the people who publish availability, each with a display name and an IANA time zone.</summary>
internal static class OwnersApi
{
    public static IEndpointRouteBuilder MapOwners(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/owners").WithTags("Owners").ProducesDatabaseUnavailable();
        group.MapPost("/", CreateOwnerAsync).WithName("CreateOwner")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Create an owner (administrator key); the answer holds the owner's first API key, shown once")
            .RequireAdminKey();
        group.MapGet("/{ownerId}", GetOwnerAsync).WithName("GetOwner").WithSummary("Read an owner").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{ownerId}", UpdateOwnerAsync).WithName("UpdateOwner").RequireOwnerKey()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Update an owner's name and time zone")
            .WithDescription("Availability is kept in wall-clock times, so a new zone moves every slot to the same local times in that zone.");
        return routes;
    }

    public static async Task<Results<Created<CreatedOwnerResponse>, ValidationProblem, ProblemHttpResult>> CreateOwnerAsync(
        CreateOwnerRequest? body, OwnerProfile profile, CancellationToken cancellationToken) =>
        (await profile.CreateAsync(body, cancellationToken)).Answer(created => TypedResults.Created(
            $"/v1/owners/{created.Id}", new CreatedOwnerResponse(created.Id, created.Name, created.Zone.Id, created.Key.Id, created.Key.Key)));

    public static async Task<Results<Ok<OwnerResponse>, ProblemHttpResult>> GetOwnerAsync(string ownerId, IOwnerStore store, CancellationToken cancellationToken) =>
        await store.FindOwnerAsync(ownerId, cancellationToken) is { } owner
            ? TypedResults.Ok(owner.ToResponse())
            : ApiProblems.UnknownOwner(ownerId);

    public static async Task<Results<Ok<OwnerResponse>, ValidationProblem, ProblemHttpResult>> UpdateOwnerAsync(
        string ownerId, UpdateOwnerRequest? body, OwnerProfile profile, CancellationToken cancellationToken) =>
        await profile.UpdateAsync(ownerId, body?.Name, body?.TimeZone, cancellationToken) switch
        {
            ({ } errors, _) => errors.Problem(),
            (_, { } owner) => TypedResults.Ok(owner.ToResponse()),
            _ => ApiProblems.UnknownOwner(ownerId),
        };
}
