using Agenda.Api.Accounts;
using Agenda.Api.Availability;
using Agenda.Api.MeetingTypes;
using Agenda.Api.Notifications;
using Agenda.Api.Owners;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Observability;
using Agenda.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Agenda.Api.Pages.Console;

/// <summary>
/// The owner's API keys through the same service as the API (<see cref="OwnerKeys"/>): listed (ids and dates only), issued (the key shown once, in the
/// answer to the post, never again) and revoked. Revoking the key of this session ends the session.
/// </summary>
internal sealed class KeysModel(OwnerKeys keys, LimitMetrics limits) : ConsolePage
{
    public IReadOnlyList<ApiKeyResponse> Keys { get; private set; } = [];

    public string? IssuedKey { get; private set; }

    public string? SessionKeyId => User.ConsoleKeyId();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await PageAsync(cancellationToken);

    public Task<IActionResult> OnPostIssueAsync(CancellationToken cancellationToken) => IssueAsync(KeyScope.Full, null, cancellationToken);

    /// <summary>A token for an agent: read-only, or to book on the owner's behalf; it opens /mcp only.</summary>
    public async Task<IActionResult> OnPostAgentAsync(string? scope, string? label, CancellationToken cancellationToken)
    {
        var errors = new Platform.Wire.RequestErrors();
        var kind = OwnerKeys.ReadScope(scope ?? "", errors);
        if (kind is KeyScope.Full)
        {
            errors.Add("scope", "OneOf", "scope", "read, book");
        }
        var named = errors.Text("label", string.IsNullOrWhiteSpace(label) ? null : label.Trim(), OwnerKeys.MaxLabelLength);
        if (errors.Any || kind is not { } agent)
        {
            Errors.AddRange(errors.Messages);
            return await PageAsync(cancellationToken);
        }

        return await IssueAsync(agent, named, cancellationToken);
    }

    private async Task<IActionResult> IssueAsync(KeyScope scope, string? label, CancellationToken cancellationToken)
    {
        switch (await keys.IssueAsync(OwnerId, cancellationToken, scope, label))
        {
            case ({ } issued, _):
                IssuedKey = issued.Key;
                break;
            case (_, OwnerWrite.LimitReached reached):
                Errors.Add(Platform.Limits.OwnerLimitRefusals.Describe(reached, limits));
                break;
            default:
                return NotFoundPage();
        }

        // No redirect: the key is in this answer only (and, like every console page, it is not cached).
        return await PageAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRevokeAsync(string? keyId, CancellationToken cancellationToken)
    {
        return await keys.RevokeAsync(OwnerId, keyId ?? "", cancellationToken) ? Done("KeyRevoked") : NotFoundPage();
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        if (await keys.ListAsync(OwnerId, cancellationToken) is not { } list)
        {
            return NotFoundPage();
        }

        Keys = ApiKeysResponse.Of(list).Keys;
        return Page();
    }
}
