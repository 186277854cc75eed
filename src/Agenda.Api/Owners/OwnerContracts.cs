using Agenda.Api.Platform.Wire;
using Agenda.Storage;

namespace Agenda.Api.Owners;

// Request and response bodies of the /v1 API. Property names are written in snake_case by the host's
// JSON options, as in the documented API. Request fields are nullable so that a missing value reaches
// validation, which names the field.

internal sealed record CreateOwnerRequest(string? Id, string? Name, string? TimeZone);

internal sealed record UpdateOwnerRequest(string? Name, string? TimeZone);

internal sealed record OwnerResponse(string Id, string? Name, string TimeZone);

/// <summary>A new owner with its first API key, shown only here.</summary>
internal sealed record CreatedOwnerResponse(string Id, string? Name, string TimeZone, string ApiKeyId, string ApiKey);

/// <param name="Scope">full (the owner's API key), read or book (an agent's token, for /mcp only).</param>
internal sealed record IssuedKeyResponse(string Id, string Key, string Scope = "full", string? Label = null);

/// <param name="Scope">full: an API key (every route of the owner's, the console's sign-in, /mcp). read: an agent's token that finds
/// meeting types and free times and reads bookings at /mcp. book: an agent's token that also holds, books, cancels and moves there.</param>
/// <param name="Label">The owner's name for the key, such as "my assistant".</param>
internal sealed record IssueKeyRequest(string? Scope = null, string? Label = null);

internal sealed record ApiKeyResponse(string Id, string CreatedAt, string? RevokedAt, string Scope = "full", string? Label = null);

internal sealed record ApiKeysResponse(IReadOnlyList<ApiKeyResponse> Keys)
{
    public static ApiKeysResponse Of(IEnumerable<Storage.StoredApiKey> keys) =>
        new([.. keys.Select(k => new ApiKeyResponse(
            k.Id, WireFormat.FormatUtc(k.CreatedAt), k.RevokedAt is { } revoked ? WireFormat.FormatUtc(revoked) : null, Platform.Access.OwnerKeys.ScopeName(k.Scope), k.Label))]);
}

/// <summary>Store values of owners as /v1 response bodies.</summary>
internal static class OwnerMapping
{
    public static OwnerResponse ToResponse(this OwnerSnapshot owner) => new(owner.Id, owner.DisplayName, owner.Zone.Id);
}

/// <summary>An owner's brand colour and welcome text; null (or left out) clears either.</summary>
internal sealed record BrandingRequest(string? BrandColor, string? Welcome);

/// <summary>An owner's branding: the colour and welcome as saved, and where the photo is (null without one).</summary>
internal sealed record BrandingResponse(string? BrandColor, string? Welcome, string? PhotoUrl)
{
    public static BrandingResponse Of(string ownerId, StoredBranding branding) =>
        new(branding.BrandColor, branding.Welcome, OwnerBranding.PhotoUrl(ownerId, branding));
}
