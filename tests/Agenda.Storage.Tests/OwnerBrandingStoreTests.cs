using NodaTime;
using static Agenda.Storage.Tests.Values;

namespace Agenda.Storage.Tests;

public sealed class OwnerBrandingStoreOnSqliteTests() : OwnerBrandingStoreTests(new SqliteFile());

[Collection(PostgresCollection.Name)]
public sealed class OwnerBrandingStoreOnPostgresTests(Agenda.Testing.PostgresServer server) : OwnerBrandingStoreTests(new PostgresStoreHost(server));

/// <summary>
/// An owner's branding on a real database: colour and welcome replaced together, the photo's bytes read only when asked
/// for, its version growing with every photo and never reused, nothing for an unknown owner, and no slot moved.
/// </summary>
public abstract class OwnerBrandingStoreTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
    private static readonly byte[] Gif = [0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 4, 5];

    private readonly IStoreHost host;
    private readonly Stores stores;

    protected OwnerBrandingStoreTests(IStoreHost host)
    {
        this.host = host;
        stores = host.NewStores();
        Assert.True(stores.Owners.CreateOwnerAsync("ana", "Ana", DateTimeZone.Utc, Now, None).GetAwaiter().GetResult());
    }

    public void Dispose()
    {
        host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task An_owner_who_never_set_anything_has_no_branding()
    {
        Assert.Equal(StoredBranding.None, await stores.Owners.GetBrandingAsync("ana", None));
        Assert.Null(await stores.Owners.ReadPhotoAsync("ana", None));
    }

    [Fact]
    public async Task An_unknown_owner_is_refused_and_nothing_is_written()
    {
        Assert.Null(await stores.Owners.GetBrandingAsync("nobody", None));
        Assert.False(await stores.Owners.SetBrandingAsync("nobody", "#1f5fbf", "Hi", None));
        Assert.Null(await stores.Owners.SetPhotoAsync("nobody", Png, "image/png", None));
        Assert.False(await stores.Owners.RemovePhotoAsync("nobody", None));
        Assert.Null(await stores.Owners.ReadPhotoAsync("nobody", None));
        Assert.Equal(0L, await CountRowsAsync());
    }

    [Fact]
    public async Task Colour_and_welcome_are_replaced_together_and_null_clears_them()
    {
        Assert.True(await stores.Owners.SetBrandingAsync("ana", "#1f5fbf", "Welcome!\nPick a time.", None));
        Assert.Equal(new StoredBranding("#1f5fbf", "Welcome!\nPick a time.", null, 0), await stores.Owners.GetBrandingAsync("ana", None));

        Assert.True(await stores.Owners.SetBrandingAsync("ana", null, "Only text", None));
        Assert.Equal(new StoredBranding(null, "Only text", null, 0), await stores.Owners.GetBrandingAsync("ana", None));

        Assert.True(await stores.Owners.SetBrandingAsync("ana", null, null, None));
        Assert.Equal(StoredBranding.None, await stores.Owners.GetBrandingAsync("ana", None));
    }

    [Fact]
    public async Task A_photo_is_kept_with_its_type_and_read_back_byte_for_byte()
    {
        Assert.Equal(1L, await stores.Owners.SetPhotoAsync("ana", Png, "image/png", None));

        var branding = await stores.Owners.GetBrandingAsync("ana", None);
        Assert.Equal(new StoredBranding(null, null, "image/png", 1), branding);
        Assert.True(branding!.HasPhoto);
        var photo = await stores.Owners.ReadPhotoAsync("ana", None);
        Assert.Equal(Png, photo!.Bytes);
        Assert.Equal("image/png", photo.ContentType);
        Assert.Equal(1L, photo.Version);
    }

    [Fact]
    public async Task Every_new_photo_has_a_new_version_even_after_one_was_removed()
    {
        Assert.Equal(1L, await stores.Owners.SetPhotoAsync("ana", Png, "image/png", None));
        Assert.Equal(2L, await stores.Owners.SetPhotoAsync("ana", Gif, "image/gif", None));

        Assert.True(await stores.Owners.RemovePhotoAsync("ana", None));
        Assert.Null(await stores.Owners.ReadPhotoAsync("ana", None));
        Assert.Equal(new StoredBranding(null, null, null, 2), await stores.Owners.GetBrandingAsync("ana", None));

        Assert.Equal(3L, await stores.Owners.SetPhotoAsync("ana", Png, "image/png", None));
        Assert.Equal(Png, (await stores.Owners.ReadPhotoAsync("ana", None))!.Bytes);
    }

    [Fact]
    public async Task Colour_and_photo_are_changed_apart()
    {
        await stores.Owners.SetPhotoAsync("ana", Png, "image/png", None);
        await stores.Owners.SetBrandingAsync("ana", "#0b5394", "Hello", None);
        Assert.Equal(new StoredBranding("#0b5394", "Hello", "image/png", 1), await stores.Owners.GetBrandingAsync("ana", None));

        await stores.Owners.RemovePhotoAsync("ana", None);
        Assert.Equal(new StoredBranding("#0b5394", "Hello", null, 1), await stores.Owners.GetBrandingAsync("ana", None));
    }

    [Fact]
    public async Task Removing_a_photo_that_was_never_set_is_no_error()
    {
        Assert.True(await stores.Owners.RemovePhotoAsync("ana", None));
        Assert.Equal(StoredBranding.None, await stores.Owners.GetBrandingAsync("ana", None));
    }

    [Fact]
    public async Task Branding_moves_no_slot_so_the_schedule_version_stays()
    {
        var before = (await stores.Owners.FindOwnerAsync("ana", None))!.ScheduleVersion;

        await stores.Owners.SetBrandingAsync("ana", "#1f5fbf", "Hi", None);
        await stores.Owners.SetPhotoAsync("ana", Png, "image/png", None);
        await stores.Owners.RemovePhotoAsync("ana", None);

        Assert.Equal(before, (await stores.Owners.FindOwnerAsync("ana", None))!.ScheduleVersion);
    }

    [Fact]
    public async Task The_branding_is_deleted_with_its_owner()
    {
        await stores.Owners.SetPhotoAsync("ana", Png, "image/png", None);
        Assert.Equal(1L, await CountRowsAsync());

        await using var connection = await host.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM owners WHERE id = 'ana';";
        await command.ExecuteNonQueryAsync();

        Assert.Equal(0L, await CountRowsAsync());
    }

    private async Task<long> CountRowsAsync()
    {
        await using var connection = await host.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM owner_branding;";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
