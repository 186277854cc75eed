using System.Data.Common;
using Agenda.Storage.Relational;
using static Agenda.Storage.Relational.ColumnValues;
using static Agenda.Storage.Relational.StoreCore;

namespace Agenda.Storage.Owners;

/// <summary>
/// The owner's branding (<see cref="IOwnerBrandingStore"/>), one row per owner in <c>owner_branding</c>, made by the
/// first change. Writes take the owner's lock like every owner write, and change no slots, so no schedule version moves.
/// </summary>
internal sealed partial class OwnerStore : IOwnerBrandingStore
{
    public Task<StoredBranding?> GetBrandingAsync(string ownerId, CancellationToken cancellationToken) =>
        core.ReadForOwnerAsync("get_branding", ownerId, cancellationToken, async (connection, transaction, _) =>
        {
            var rows = await QueryAsync(connection, transaction, cancellationToken, ReadBranding,
                "SELECT brand_color, welcome, photo_content_type, photo_version FROM owner_branding WHERE owner_id = @owner;", ("@owner", ownerId));
            return rows.SingleOrDefault() ?? StoredBranding.None;
        });

    public async Task<bool> SetBrandingAsync(string ownerId, string? brandColor, string? welcome, CancellationToken cancellationToken)
    {
        var (found, _) = await core.WriteForOwnerAsync("set_branding", ownerId, cancellationToken, async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction, cancellationToken,
                """
                INSERT INTO owner_branding (owner_id, brand_color, welcome) VALUES (@owner, @color, @welcome)
                ON CONFLICT (owner_id) DO UPDATE SET brand_color = excluded.brand_color, welcome = excluded.welcome;
                """,
                ("@owner", ownerId), ("@color", ToColumn(brandColor)), ("@welcome", ToColumn(welcome)));
            return false; // No slot changes.
        });
        return found;
    }

    public async Task<long?> SetPhotoAsync(string ownerId, byte[] photo, string contentType, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(photo.Length, nameof(photo));
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        long version = 0;
        var (found, _) = await core.WriteForOwnerAsync("set_photo", ownerId, cancellationToken, async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction,
                """
                INSERT INTO owner_branding (owner_id, photo, photo_content_type, photo_version) VALUES (@owner, @photo, @type, 1)
                ON CONFLICT (owner_id) DO UPDATE SET photo = excluded.photo, photo_content_type = excluded.photo_content_type,
                    photo_version = owner_branding.photo_version + 1
                RETURNING photo_version;
                """,
                ("@owner", ownerId), ("@photo", photo), ("@type", contentType));
            version = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            return false; // No slot changes.
        });
        return found ? version : null;
    }

    public async Task<bool> RemovePhotoAsync(string ownerId, CancellationToken cancellationToken)
    {
        var (found, _) = await core.WriteForOwnerAsync("remove_photo", ownerId, cancellationToken, async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction, cancellationToken,
                "UPDATE owner_branding SET photo = NULL, photo_content_type = NULL WHERE owner_id = @owner;", ("@owner", ownerId));
            return false; // No slot changes.
        });
        return found;
    }

    public Task<StoredPhoto?> ReadPhotoAsync(string ownerId, CancellationToken cancellationToken) =>
        core.ReadAsync("read_photo", async connection =>
        {
            var rows = await QueryAsync(connection, null, cancellationToken, r => new StoredPhoto(r.Bytes("photo"), r.String("photo_content_type"), r.Long("photo_version")),
                "SELECT photo, photo_content_type, photo_version FROM owner_branding WHERE owner_id = @owner AND photo IS NOT NULL;", ("@owner", ownerId));
            return rows.SingleOrDefault();
        }, cancellationToken);

    private static StoredBranding ReadBranding(DbDataReader r) =>
        new(r.StringOrNull("brand_color"), r.StringOrNull("welcome"), r.StringOrNull("photo_content_type"), r.Long("photo_version"));
}
