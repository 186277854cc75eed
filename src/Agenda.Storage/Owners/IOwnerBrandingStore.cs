namespace Agenda.Storage;

/// <summary>
/// How an owner's booking pages and e-mail look: a brand colour, a welcome text and a photo or logo. The store keeps
/// what the host checked; it reads the photo's bytes only when asked for them.
/// </summary>
public interface IOwnerBrandingStore
{
    /// <summary>The owner's branding without the photo's bytes (<see cref="StoredBranding.None"/> if never set); null for an unknown owner.</summary>
    Task<StoredBranding?> GetBrandingAsync(string ownerId, CancellationToken cancellationToken);

    /// <summary>Replaces the brand colour and the welcome text (null clears either), keeping the photo; false for an unknown owner.</summary>
    Task<bool> SetBrandingAsync(string ownerId, string? brandColor, string? welcome, CancellationToken cancellationToken);

    /// <summary>Replaces the photo; the photo's new version (greater than any before it), or null for an unknown owner.</summary>
    Task<long?> SetPhotoAsync(string ownerId, byte[] photo, string contentType, CancellationToken cancellationToken);

    /// <summary>Removes the photo (the version stays, so the next photo's is new); false for an unknown owner.</summary>
    Task<bool> RemovePhotoAsync(string ownerId, CancellationToken cancellationToken);

    /// <summary>The photo with its bytes; null for an owner without one, or an unknown owner.</summary>
    Task<StoredPhoto?> ReadPhotoAsync(string ownerId, CancellationToken cancellationToken);
}

/// <summary>
/// An owner's branding as stored: the colour and welcome as the host accepted them, and the photo's content type and
/// version (<see cref="PhotoContentType"/> is null without a photo). <see cref="PhotoVersion"/> grows with every photo
/// set and never goes back, so a version names one image.
/// </summary>
public sealed record StoredBranding(string? BrandColor, string? Welcome, string? PhotoContentType, long PhotoVersion)
{
    /// <summary>An owner who never set anything.</summary>
    public static readonly StoredBranding None = new(null, null, null, 0);

    public bool HasPhoto => PhotoContentType is not null;
}

/// <summary>An owner's photo or logo: its bytes, the content type they were found to be, and its version.</summary>
public sealed record StoredPhoto(byte[] Bytes, string ContentType, long Version);
