using Agenda.Api.Access;
using Agenda.Api.Observability;
using Agenda.Api.OwnerConsole;
using Agenda.Api.V1;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// The owner's API keys through the /v1 handlers: listed (ids and dates only), issued (the key shown once, in the
/// answer to the post, never again) and revoked. Revoking the key of this session ends the session.
/// </summary>
public sealed class KeysModel(IApiKeyStore store, OwnerKeys keys, LimitMetrics limits, TimeProvider time) : ConsolePage
{
    public IReadOnlyList<ApiKeyResponse> Keys { get; private set; } = [];

    public string? IssuedKey { get; private set; }

    public string? SessionKeyId => User.ConsoleKeyId();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await PageAsync(cancellationToken);

    public async Task<IActionResult> OnPostIssueAsync(CancellationToken cancellationToken)
    {
        var answer = (await KeysApi.IssueAsync(OwnerId, keys, limits, cancellationToken)).Result;
        if (Accepted(answer))
        {
            IssuedKey = ApiAnswer.ValueOf<IssuedKeyResponse>(answer)?.Key;
        }

        // No redirect: the key is in this answer only (and, like every console page, it is not cached).
        return await PageAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRevokeAsync(string? keyId, CancellationToken cancellationToken)
    {
        var answer = ApiAnswer.Of((await KeysApi.RevokeAsync(OwnerId, keyId ?? "", store, time, cancellationToken)).Result);
        return answer.Succeeded ? Done("KeyRevoked") : NotFoundPage();
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        if (ApiAnswer.ValueOf<ApiKeysResponse>((await KeysApi.ListAsync(OwnerId, store, cancellationToken)).Result) is not { } list)
        {
            return NotFoundPage();
        }

        Keys = list.Keys;
        return Page();
    }
}
