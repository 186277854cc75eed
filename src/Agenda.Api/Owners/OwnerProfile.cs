using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.Wire;
using Agenda.Storage;

namespace Agenda.Api.Owners;

/// <summary>
/// An owner's name, zone and calendar feed, as the API (<c>PUT /v1/owners/{o}</c>, <c>/v1/owners/{o}/feed</c>) and the
/// console's overview page change them.
/// </summary>
internal sealed class OwnerProfile(IOwnerStore owners, IFeedStore feeds, OwnerKeys keys, TimeProvider time)
{
    /// <summary>
    /// Creates an owner (id, optional name, time zone defaulting to UTC) with a first API key, shown only in this answer.
    /// The API (<c>POST /v1/owners</c>), the <c>owners create</c> command and, in Open mode, the console create owners here.
    /// </summary>
    public async Task<Outcome<CreatedOwner>> CreateAsync(CreateOwnerRequest? body, CancellationToken cancellationToken)
    {
        var errors = new RequestErrors();
        var id = errors.NewOwnerId("id", body?.Id);
        var name = errors.Text("name", body?.Name, RequestErrors.MaxIdLength);
        var zone = body?.TimeZone is null ? NodaTime.DateTimeZone.Utc : errors.Zone("time_zone", body.TimeZone);
        if (errors.Any || id is null || zone is null)
        {
            return errors;
        }

        if (!await owners.CreateOwnerAsync(id, name, zone, time.GetCurrentInstant(), cancellationToken))
        {
            return Refusal.Conflict("Owner exists", new("OwnerExists", id, $"/v1/owners/{id}"));
        }

        // A new owner has no keys, so the first one is never past the cap.
        var (key, _) = await keys.IssueAsync(id, cancellationToken);
        return new CreatedOwner(id, name, zone, key!);
    }

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

/// <summary>An owner just created, with their first API key (shown only once).</summary>
internal sealed record CreatedOwner(string Id, string? Name, NodaTime.DateTimeZone Zone, IssuedKey Key);
