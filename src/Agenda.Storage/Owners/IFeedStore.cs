namespace Agenda.Storage;

/// <summary>Owners' subscribable calendar feeds, found by the hash of their secret.</summary>
public interface IFeedStore
{
    /// <summary>Sets (or, with null, removes) the hash of the owner's feed secret; false for an unknown owner.</summary>
    Task<bool> SetFeedTokenHashAsync(string ownerId, string? tokenHash, CancellationToken cancellationToken);

    /// <summary>The owner whose feed secret has this hash, or null.</summary>
    Task<OwnerSnapshot?> FindOwnerByFeedTokenHashAsync(string tokenHash, CancellationToken cancellationToken);
}
