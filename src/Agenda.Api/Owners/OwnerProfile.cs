using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;

namespace Agenda.Api.Owners;

/// <summary>
/// An owner's name, zone and calendar feed, as the API (<c>PUT /v1/owners/{o}</c>, <c>/v1/owners/{o}/feed</c>) and the
/// console's overview page change them.
/// </summary>
internal sealed class OwnerProfile(IOwnerStore owners, IFeedStore feeds)
{
    /// <summary>What every feed token starts with.</summary>
    public const string FeedTokenPrefix = "fdt_";

    /// <summary>The path of the feed whose secret is <paramref name="token"/>.</summary>
    public static string FeedPath(string token) => $"/v1/feeds/{token}.ics";

    /// <summary>Replaces the owner's display name and zone: the errors to show, or the owner as saved (null for an unknown owner).</summary>
    public async Task<(RequestErrors? Errors, OwnerSnapshot? Updated)> UpdateAsync(string ownerId, string? name, string? timeZone, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var displayName = errors.Text("name", name, RequestErrors.MaxIdLength);
        var zone = errors.Zone("time_zone", timeZone);
        if (errors.Any || zone is null)
        {
            return (errors, null);
        }

        return (null, await owners.UpdateOwnerAsync(ownerId, displayName, zone, cancellationToken));
    }

    /// <summary>Issues a new secret feed token (only its hash is kept; any earlier one stops working); null for an unknown owner.</summary>
    public async Task<string?> IssueFeedAsync(string ownerId, CancellationToken cancellationToken)
    {
        var token = Secrets.NewSecret(FeedTokenPrefix);
        return await feeds.SetFeedTokenHashAsync(ownerId, Secrets.Hash(token), cancellationToken) ? token : null;
    }

    /// <summary>Revokes the owner's feed; false for an unknown owner.</summary>
    public Task<bool> RevokeFeedAsync(string ownerId, CancellationToken cancellationToken) => feeds.SetFeedTokenHashAsync(ownerId, null, cancellationToken);
}
