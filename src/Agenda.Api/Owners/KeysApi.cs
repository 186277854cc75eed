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
        group.MapPost("/", IssueAsync).WithName("IssueApiKey").WithSummary("Issue another API key, or an agent's token (shown once)").ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status415UnsupportedMediaType).WithMetadata(new OptionalBodyMetadata())
            .WithDescription("Without a body, or with scope full, an API key. With scope read or book, a token to give an agent: it opens the MCP server at /mcp only, for this owner; read finds meeting types and free times and reads bookings, book also holds, books, cancels and moves (docs/agents.md). label: the owner's name for it (up to 100 characters). Past the owner's limit of active keys (Limits:MaxActiveKeysPerOwner, tokens included), a 409 with reason limit_reached: revoke a key first.");
        group.MapGet("/", ListAsync).WithName("ListApiKeys").WithSummary("List the owner's keys (ids and dates, never the keys)");
        group.MapDelete("/{keyId}", RevokeAsync).WithName("RevokeApiKey").WithSummary("Revoke a key; it stops working at once");
        return routes;
    }

    public static async Task<Results<Created<IssuedKeyResponse>, ValidationProblem, ProblemHttpResult>> IssueAsync(
        string ownerId, IssueKeyRequest? body, OwnerKeys keys, LimitMetrics limits, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var scope = OwnerKeys.ReadScope(body?.Scope, errors);
        var label = errors.Text("label", string.IsNullOrWhiteSpace(body?.Label) ? null : body.Label.Trim(), OwnerKeys.MaxLabelLength);
        if (errors.Any || scope is not { } kind)
        {
            return errors.Problem();
        }

        return await keys.IssueAsync(ownerId, cancellationToken, kind, label) switch
        {
            ({ } issued, _) => TypedResults.Created(
                $"/v1/owners/{Uri.EscapeDataString(ownerId)}/keys/{issued.Id}", new IssuedKeyResponse(issued.Id, issued.Key, OwnerKeys.ScopeName(kind), label)),
            (_, OwnerWrite.LimitReached reached) => OwnerLimitRefusals.ToProblem(reached, limits),
            _ => ApiProblems.UnknownOwner(ownerId),
        };
    }

    public static async Task<Results<Ok<ApiKeysResponse>, ProblemHttpResult>> ListAsync(string ownerId, OwnerKeys keys, CancellationToken cancellationToken) =>
        await keys.ListAsync(ownerId, cancellationToken) is { } stored
            ? TypedResults.Ok(ApiKeysResponse.Of(stored))
            : ApiProblems.UnknownOwner(ownerId);

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(string ownerId, string keyId, OwnerKeys keys, CancellationToken cancellationToken) =>
        await keys.RevokeAsync(ownerId, keyId, cancellationToken)
            ? TypedResults.NoContent()
            : ApiProblems.NotFound($"Owner '{ownerId}' has no active key '{keyId}'.");
}
