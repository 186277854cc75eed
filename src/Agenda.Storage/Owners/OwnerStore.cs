using System.Data.Common;
using Agenda.Scheduling.Booking;
using Agenda.Storage.Relational;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;
using static Agenda.Storage.Relational.StoreCore;

namespace Agenda.Storage.Owners;

/// <summary>
/// Owners and what identifies them: their row (name, zone), their API keys (kept only as hashes), their feed secret's
/// hash, the data-protection key ring the nodes share (written once each, never changed), and their branding
/// (<c>OwnerStore.Branding.cs</c>).
/// </summary>
internal sealed partial class OwnerStore(StoreCore core) : IOwnerStore, IApiKeyStore, IFeedStore, IKeyRingStore
{
    public async Task<bool> CreateOwnerAsync(string ownerId, string? displayName, DateTimeZone zone, Instant now, CancellationToken cancellationToken)
    {
        var created = await core.WriteAsync("create_owner", async (connection, transaction, _) => Commit(await ExecuteAsync(connection, transaction, cancellationToken,
            "INSERT INTO owners (id, display_name, time_zone, created_at) VALUES (@owner, @name, @zone, @now) ON CONFLICT (id) DO NOTHING;",
            ("@owner", ownerId), ("@name", ToColumn(displayName)), ("@zone", zone.Id), ("@now", ToColumn(now)))), cancellationToken);
        return created == 1;
    }

    public Task<OwnerSnapshot?> FindOwnerAsync(string ownerId, CancellationToken cancellationToken) =>
        core.ReadAsync("find_owner", connection => core.ReadOwnerAsync(connection, null, ownerId, cancellationToken), cancellationToken);

    /// <summary>The write, then a read of the owner as committed: one operation, timed as a whole.</summary>
    public Task<OwnerSnapshot?> UpdateOwnerAsync(string ownerId, string? displayName, DateTimeZone zone, CancellationToken cancellationToken) =>
        core.MeasureAsync("update_owner", async () =>
        {
            var (found, owner) = await core.WriteForOwnerAsync(ownerId, cancellationToken, async (connection, transaction) =>
            {
                await ExecuteAsync(connection, transaction, cancellationToken,
                    "UPDATE owners SET display_name = @name, time_zone = @zone WHERE id = @owner;",
                    ("@owner", ownerId), ("@name", ToColumn(displayName)), ("@zone", zone.Id));
                return true;
            });
            return found && owner ? await core.ReadAsync(connection => core.ReadOwnerAsync(connection, null, ownerId, cancellationToken), cancellationToken) : null;
        });

    public Task<OwnerSnapshot?> SetBookingLimitsAsync(string ownerId, BookingLimits limits, IsoDayOfWeek firstDayOfWeek, CancellationToken cancellationToken) =>
        core.MeasureAsync("set_booking_limits", async () =>
        {
            var (found, owner) = await core.WriteForOwnerAsync(ownerId, cancellationToken, async (connection, transaction) =>
            {
                await ExecuteAsync(connection, transaction, cancellationToken,
                    "UPDATE owners SET booking_limits = @limits, week_start = @week_start WHERE id = @owner;",
                    ("@owner", ownerId), ("@limits", BookingLimitsColumn.ToColumn(limits)), ("@week_start", (int)firstDayOfWeek));
                return true;
            });
            return found && owner ? await core.ReadAsync(connection => core.ReadOwnerAsync(connection, null, ownerId, cancellationToken), cancellationToken) : null;
        });

    public Task<OwnerSnapshot?> SetTravelAsync(string ownerId, IReadOnlyList<Agenda.Scheduling.Availability.TravelPeriod> travel, CancellationToken cancellationToken) =>
        core.MeasureAsync("set_travel", async () =>
        {
            var (found, owner) = await core.WriteForOwnerAsync(ownerId, cancellationToken, async (connection, transaction) =>
            {
                await ExecuteAsync(connection, transaction, cancellationToken,
                    "UPDATE owners SET travel = @travel WHERE id = @owner;", ("@owner", ownerId), ("@travel", Availability.TravelColumn.ToColumn(travel)));
                return true;
            });
            return found && owner ? await core.ReadAsync(connection => core.ReadOwnerAsync(connection, null, ownerId, cancellationToken), cancellationToken) : null;
        });

    public Task<OwnerWrite> AddApiKeyAsync(string ownerId, NewApiKey key, Instant now, CancellationToken cancellationToken) =>
        core.WriteCappedAsync("add_api_key", ownerId, cancellationToken, async (connection, transaction) =>
        {
            var added = await ExecuteAsync(connection, transaction, cancellationToken,
                "INSERT INTO owner_api_keys (id, owner_id, secret_hash, created_at, scope, label) VALUES (@id, @owner, @hash, @now, @scope, @label);",
                ("@id", key.Id), ("@owner", ownerId), ("@hash", key.SecretHash), ("@now", ToColumn(now)), ("@scope", ScopeColumn(key.Scope)), ("@label", ToColumn(key.Label)));
            return core.WithinLimit(OwnerLimit.ActiveKeys, await CountAsync(connection, transaction, "owner_api_keys", ownerId, cancellationToken, "revoked_at IS NULL"), added);
        },
        changesSlots: false); // Keys do not change slots.

    public Task<StoredApiKey?> FindApiKeyAsync(string keyId, CancellationToken cancellationToken) =>
        core.ReadAsync("find_api_key", async connection =>
        {
            var keys = await QueryAsync(connection, null, cancellationToken, ReadApiKey,
                "SELECT id, owner_id, secret_hash, created_at, revoked_at, scope, label FROM owner_api_keys WHERE id = @id;", ("@id", keyId));
            return keys.SingleOrDefault();
        }, cancellationToken);

    public Task<IReadOnlyList<StoredApiKey>?> ListApiKeysAsync(string ownerId, CancellationToken cancellationToken) =>
        core.ReadForOwnerAsync<IReadOnlyList<StoredApiKey>>("list_api_keys", ownerId, cancellationToken, async (connection, transaction, _) =>
            await QueryAsync(connection, transaction, cancellationToken, ReadApiKey,
                "SELECT id, owner_id, secret_hash, created_at, revoked_at, scope, label FROM owner_api_keys WHERE owner_id = @owner ORDER BY created_at, id;",
                ("@owner", ownerId)));

    public async Task<bool> RevokeApiKeyAsync(string ownerId, string keyId, Instant now, CancellationToken cancellationToken) =>
        await core.WriteAsync("revoke_api_key", async (connection, transaction, _) => Commit(await ExecuteAsync(connection, transaction, cancellationToken,
            "UPDATE owner_api_keys SET revoked_at = @now WHERE id = @id AND owner_id = @owner AND revoked_at IS NULL;",
            ("@id", keyId), ("@owner", ownerId), ("@now", ToColumn(now)))), cancellationToken) == 1;

    public async Task<bool> SetFeedTokenHashAsync(string ownerId, string? tokenHash, CancellationToken cancellationToken) =>
        await core.WriteAsync("set_feed_token", async (connection, transaction, _) => Commit(await ExecuteAsync(connection, transaction, cancellationToken,
            "UPDATE owners SET feed_token_hash = @hash WHERE id = @owner;",
            ("@owner", ownerId), ("@hash", ToColumn(tokenHash)))), cancellationToken) == 1;

    public Task<OwnerSnapshot?> FindOwnerByFeedTokenHashAsync(string tokenHash, CancellationToken cancellationToken) =>
        core.ReadAsync("find_owner_by_feed_token", async connection =>
        {
            var ids = await QueryAsync(connection, null, cancellationToken, r => r.String("id"),
                "SELECT id FROM owners WHERE feed_token_hash = @hash;", ("@hash", tokenHash));
            return ids is [var id] ? await core.ReadOwnerAsync(connection, null, id, cancellationToken) : null;
        }, cancellationToken);

    public Task<IReadOnlyList<string>> ReadKeyRingAsync(CancellationToken cancellationToken) =>
        core.ReadAsync<IReadOnlyList<string>>("read_key_ring", async connection =>
            await QueryAsync(connection, null, cancellationToken, r => r.String("xml"), "SELECT xml FROM data_protection_keys ORDER BY created_at, name;"),
            cancellationToken);

    public Task AddToKeyRingAsync(string name, string xml, Instant now, CancellationToken cancellationToken) =>
        core.WriteAsync("add_to_key_ring", async (connection, transaction, _) =>
        {
            await ExecuteAsync(connection, transaction, cancellationToken,
                "INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@name, @xml, @now);",
                ("@name", name), ("@xml", xml), ("@now", ToColumn(now)));
            return new WriteDecision<bool>(true, true);
        }, cancellationToken);

    private static StoredApiKey ReadApiKey(DbDataReader r) =>
        new(r.String("id"), r.String("owner_id"), r.String("secret_hash"), r.Instant("created_at"), r.InstantOrNull("revoked_at"))
        {
            Scope = r.String("scope") switch
            {
                "read" => KeyScope.Read,
                "book" => KeyScope.Book,
                _ => KeyScope.Full,
            },
            Label = r.StringOrNull("label"),
        };

    /// <summary>The column <c>scope</c>'s text for a key's scope (its CHECK names the same three).</summary>
    private static string ScopeColumn(KeyScope scope) => scope switch
    {
        KeyScope.Read => "read",
        KeyScope.Book => "book",
        _ => "full",
    };
}
