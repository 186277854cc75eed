using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Hosting;
using Agenda.Storage;

namespace Agenda.Api.MeetingTypes;

/// <summary>
/// Single-use links of a meeting type, personal or a team's, for the API and the console: made (the secret shown once,
/// only its hash kept), listed, revoked, and opened by the booking page at <c>/link/{secret}</c>. A link books once: the
/// booking that uses it marks it used in its own transaction (<see cref="BookingRequest.SingleUseLinkHash"/>).
/// </summary>
internal sealed class SingleUseLinks(ISingleUseLinkStore store, IMeetingTypeStore meetingTypes, ITeamStore teams, TimeProvider time)
{
    /// <summary>The secret's prefix, which the log redactor knows.</summary>
    public const string TokenPrefix = "sul_";

    public const int MaxLabel = 200;

    /// <summary>At most this many links of one type may be open at a time (the store counts them in the write).</summary>
    public const int MaxOpenPerType = SingleUseLink.MaxOpenPerType;

    /// <summary>The booking page's path for a link's secret.</summary>
    public static string PathOf(string token) => $"/link/{Uri.EscapeDataString(token)}";

    /// <summary>A new link of the type, with its secret; null when the type does not exist; <see cref="MadeLink.LimitReached"/> past the cap of open links.</summary>
    public async Task<MadeLink?> CreateAsync(LinkTarget target, string? label, CancellationToken cancellationToken)
    {
        if (await FindTypeAsync(target, cancellationToken) is null)
        {
            return null;
        }

        var token = Secrets.NewSecret(TokenPrefix);
        var link = await store.CreateAsync(target, Secrets.Hash(token), string.IsNullOrWhiteSpace(label) ? null : label.Trim(), time.GetCurrentInstant(), cancellationToken);
        return link is null ? new MadeLink(null, null) : new MadeLink(link, token);
    }

    /// <summary>The type's links, newest first; null when the type does not exist.</summary>
    public async Task<IReadOnlyList<SingleUseLink>?> ListAsync(LinkTarget target, CancellationToken cancellationToken) =>
        await FindTypeAsync(target, cancellationToken) is null ? null : await store.ListAsync(target, cancellationToken);

    /// <summary>Revokes an open link; false when the type has no open link of that id.</summary>
    public Task<bool> RevokeAsync(LinkTarget target, string id, CancellationToken cancellationToken) =>
        store.RevokeAsync(target, id, time.GetCurrentInstant(), cancellationToken);

    /// <summary>What a booking keeps of the link it came through: the secret's hash (null for none).</summary>
    public static string? HashOf(string? token) => string.IsNullOrEmpty(token) ? null : Secrets.Hash(token);

    /// <summary>The link a secret names, whatever its state; null when there is none.</summary>
    public async Task<SingleUseLink?> FindAsync(string? token, CancellationToken cancellationToken) =>
        token is { Length: > 0 and <= 200 } && token.StartsWith(TokenPrefix, StringComparison.Ordinal)
            ? await store.FindAsync(Secrets.Hash(token), cancellationToken)
            : null;

    /// <summary>The link a secret names, whatever its state, and its meeting type as it is now; null when there is no such link or its type is gone.</summary>
    public async Task<OpenedLink?> OpenAsync(string token, CancellationToken cancellationToken) =>
        await FindAsync(token, cancellationToken) is { } link && await FindTypeAsync(link.Target, cancellationToken) is { } type
            ? new OpenedLink(link, type)
            : null;

    private async Task<StoredMeetingType?> FindTypeAsync(LinkTarget target, CancellationToken cancellationToken)
    {
        if (target.TeamId is { } teamId)
        {
            return (await teams.GetTeamAsync(teamId, cancellationToken))?.MeetingTypes.FirstOrDefault(t => t.Slug == target.Slug)?.Shared;
        }

        return (await meetingTypes.FindMeetingTypeAsync(target.OwnerId!, target.Slug, cancellationToken)).MeetingType;
    }
}

/// <summary>A link just made, with its secret (shown this once); both null when the type has as many open links as it may.</summary>
internal sealed record MadeLink(SingleUseLink? Link, string? Token)
{
    public bool LimitReached => Link is null;
}

/// <summary>A link opened by its secret, and the meeting type it books.</summary>
internal sealed record OpenedLink(SingleUseLink Link, StoredMeetingType MeetingType);
