using NodaTime;

namespace Agenda.Storage;

/// <summary>Links that book one meeting type once, personal or a team's; only the hash of a link's secret is kept.</summary>
public interface ISingleUseLinkStore
{
    /// <summary>A new link of <paramref name="target"/>; null when the type has as many open links as it may.</summary>
    Task<SingleUseLink?> CreateAsync(LinkTarget target, string tokenHash, string? label, Instant now, CancellationToken cancellationToken);

    /// <summary>The type's links, newest first, used and revoked ones included.</summary>
    Task<IReadOnlyList<SingleUseLink>> ListAsync(LinkTarget target, CancellationToken cancellationToken);

    /// <summary>The link whose secret has <paramref name="tokenHash"/>, whatever its state; null for none.</summary>
    Task<SingleUseLink?> FindAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>Revokes an open link of the type; false when there is none of that id, or it is used or revoked already.</summary>
    Task<bool> RevokeAsync(LinkTarget target, string id, Instant now, CancellationToken cancellationToken);
}

/// <summary>The meeting type a link books: an owner's (<see cref="OwnerId"/>) or a team's (<see cref="TeamId"/>), by slug.</summary>
public sealed record LinkTarget(string? OwnerId, string? TeamId, string Slug)
{
    public static LinkTarget Owner(string ownerId, string slug) => new(ownerId, null, slug);

    public static LinkTarget Team(string teamId, string slug) => new(null, teamId, slug);
}

/// <summary>A single-use link: open until a booking uses it (<see cref="UsedAt"/>, <see cref="BookingId"/>) or it is revoked.</summary>
public sealed record SingleUseLink(string Id, LinkTarget Target, string? Label, Instant CreatedAt, Instant? UsedAt, string? BookingId, Instant? RevokedAt)
{
    /// <summary>At most this many links of one meeting type may be open (neither used nor revoked) at a time.</summary>
    public const int MaxOpenPerType = 500;

    public bool IsOpen => UsedAt is null && RevokedAt is null;
}
