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
        CreateOwnerRequest? body, IOwnerStore store, OwnerKeys keys, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var id = errors.NewOwnerId("id", body?.Id);
        var name = errors.Text("name", body?.Name, RequestErrors.MaxIdLength);
        var zone = body?.TimeZone is null ? NodaTime.DateTimeZone.Utc : errors.Zone("time_zone", body.TimeZone);
        if (errors.Any || id is null || zone is null)
        {
            return errors.Problem();
        }

        if (!await store.CreateOwnerAsync(id, name, zone, time.GetCurrentInstant(), cancellationToken))
        {
            return TypedResults.Problem(
                detail: $"An owner '{id}' already exists. Choose another id, or update that owner with PUT /v1/owners/{id}.",
                statusCode: StatusCodes.Status409Conflict,
                title: "Owner exists");
        }

        // A new owner has no keys, so the first one is never past the cap.
        var (key, _) = await keys.IssueAsync(id, cancellationToken);
        return TypedResults.Created($"/v1/owners/{id}", new CreatedOwnerResponse(id, name, zone.Id, key!.Id, key.Key));
    }

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
