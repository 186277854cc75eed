using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Limits;
using Agenda.Api.Platform.Observability;
using Agenda.Api.Platform.OpenApi;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Agenda.Api.Owners;

/// <summary>/v1/owners/{ownerId}/keys: an owner's API keys. A key is shown once, when it is issued.</summary>
internal static class KeysApi
{
    public static IEndpointRouteBuilder MapKeys(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/owners/{ownerId}/keys").WithTags("Owners").RequireOwnerKey()
            .ProducesDatabaseUnavailable().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", IssueAsync).WithName("IssueApiKey").WithSummary("Issue another API key (shown once)").ProducesProblem(StatusCodes.Status409Conflict)
            .WithDescription("Past the owner's limit of active keys (Limits:MaxActiveKeysPerOwner), a 409 with reason limit_reached: revoke a key first.");
        group.MapGet("/", ListAsync).WithName("ListApiKeys").WithSummary("List the owner's keys (ids and dates, never the keys)");
        group.MapDelete("/{keyId}", RevokeAsync).WithName("RevokeApiKey").WithSummary("Revoke a key; it stops working at once");
        return routes;
    }

    public static async Task<Results<Created<IssuedKeyResponse>, ProblemHttpResult>> IssueAsync(string ownerId, OwnerKeys keys, LimitMetrics limits, CancellationToken cancellationToken) =>
        await keys.IssueAsync(ownerId, cancellationToken) switch
        {
            ({ } issued, _) => TypedResults.Created($"/v1/owners/{Uri.EscapeDataString(ownerId)}/keys/{issued.Id}", new IssuedKeyResponse(issued.Id, issued.Key)),
            (_, OwnerWrite.LimitReached reached) => OwnerLimitRefusals.ToProblem(reached, limits),
            _ => ApiProblems.UnknownOwner(ownerId),
        };

    public static async Task<Results<Ok<ApiKeysResponse>, ProblemHttpResult>> ListAsync(string ownerId, OwnerKeys keys, CancellationToken cancellationToken) =>
        await keys.ListAsync(ownerId, cancellationToken) is { } stored
            ? TypedResults.Ok(ApiKeysResponse.Of(stored))
            : ApiProblems.UnknownOwner(ownerId);

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(string ownerId, string keyId, OwnerKeys keys, CancellationToken cancellationToken) =>
        await keys.RevokeAsync(ownerId, keyId, cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblems.NotFound($"Owner '{ownerId}' has no active key '{keyId}'.");
}
