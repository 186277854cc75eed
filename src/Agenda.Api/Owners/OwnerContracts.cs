using Agenda.Api.Platform.Wire;
using Agenda.Storage;

namespace Agenda.Api.Owners;

// Request and response bodies of the /v1 API. Property names are written in snake_case by the host's
// JSON options, as in the documented API. Request fields are nullable so that a missing value reaches
// validation, which names the field.

public sealed record CreateOwnerRequest(string? Id, string? Name, string? TimeZone);

public sealed record UpdateOwnerRequest(string? Name, string? TimeZone);

public sealed record OwnerResponse(string Id, string? Name, string TimeZone);

/// <summary>A new owner with its first API key, shown only here.</summary>
public sealed record CreatedOwnerResponse(string Id, string? Name, string TimeZone, string ApiKeyId, string ApiKey);

public sealed record IssuedKeyResponse(string Id, string Key);

public sealed record ApiKeyResponse(string Id, string CreatedAt, string? RevokedAt);

public sealed record ApiKeysResponse(IReadOnlyList<ApiKeyResponse> Keys)
{
    public static ApiKeysResponse Of(IEnumerable<Storage.StoredApiKey> keys) =>
        new([.. keys.Select(k => new ApiKeyResponse(k.Id, WireFormat.FormatUtc(k.CreatedAt), k.RevokedAt is { } revoked ? WireFormat.FormatUtc(revoked) : null))]);
}

/// <summary>Store values of owners as /v1 response bodies.</summary>
public static class OwnerMapping
{
    public static OwnerResponse ToResponse(this OwnerSnapshot owner) => new(owner.Id, owner.DisplayName, owner.Zone.Id);
}
