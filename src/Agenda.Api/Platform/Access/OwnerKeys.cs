using Agenda.Api.Platform.Hosting;
using Agenda.Storage;

namespace Agenda.Api.Platform.Access;

/// <summary>Who a request's bearer secret says it is.</summary>
internal abstract record Caller
{
    private Caller()
    {
    }

    public sealed record Anonymous : Caller;

    public sealed record Unrecognised : Caller;

    public sealed record Administrator : Caller;

    public sealed record Owner(string OwnerId) : Caller;

    /// <summary>An agent's token of <paramref name="OwnerId"/>'s (scope read or book): it opens /mcp only.</summary>
    public sealed record Agent(string OwnerId, KeyScope Scope, string KeyId) : Caller;
}

/// <summary>
/// Owners' API keys: <c>agk_&lt;id&gt;_&lt;secret&gt;</c>, 256 random bits, shown once when issued, stored only as a
/// hash, revocable. The id part lets the key be found without comparing it against every stored hash. An agent's token
/// is a key of the same form with a narrower <see cref="KeyScope"/>: it is found the same way and opens only /mcp.
/// </summary>
internal sealed class OwnerKeys(IApiKeyStore store, AuthOptions options, TimeProvider time)
{
    public const string Prefix = "agk_";

    private readonly string? adminKeyHash = options.AdminKey is { } key ? Secrets.Hash(key) : null;

    /// <returns>The new key, to be shown once, with the store's <see cref="OwnerWrite.Written"/>; otherwise no key and why.</returns>
    public async Task<(IssuedKey? Issued, OwnerWrite Write)> IssueAsync(string ownerId, CancellationToken cancellationToken, KeyScope scope = KeyScope.Full, string? label = null)
    {
        var id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));
        var key = Secrets.NewSecret($"{Prefix}{id}_");
        var write = await store.AddApiKeyAsync(ownerId, new NewApiKey(id, Secrets.Hash(key), scope, label), time.GetCurrentInstant(), cancellationToken);
        return (write is OwnerWrite.Written ? new IssuedKey(id, key) : null, write);
    }

    /// <summary>The longest label an owner may give a key.</summary>
    public const int MaxLabelLength = 100;

    /// <summary>A key's scope as the API names it: full, read or book.</summary>
    public static string ScopeName(KeyScope scope) => scope switch
    {
        KeyScope.Read => "read",
        KeyScope.Book => "book",
        _ => "full",
    };

    /// <summary>The scope a request names (full when left out); null, with the error added, for another text.</summary>
    public static KeyScope? ReadScope(string? scope, Wire.RequestErrors errors)
    {
        switch (scope)
        {
            case null or "full":
                return KeyScope.Full;
            case "read":
                return KeyScope.Read;
            case "book":
                return KeyScope.Book;
            default:
                errors.Add("scope", "OneOf", "scope", "full, read, book");
                return null;
        }
    }

    /// <summary>The owner's keys (ids and dates, never the keys); null for an unknown owner.</summary>
    public Task<IReadOnlyList<StoredApiKey>?> ListAsync(string ownerId, CancellationToken cancellationToken) => store.ListApiKeysAsync(ownerId, cancellationToken);

    /// <summary>Revokes a key now; false when the owner has no active key of that id.</summary>
    public Task<bool> RevokeAsync(string ownerId, string keyId, CancellationToken cancellationToken) =>
        store.RevokeApiKeyAsync(ownerId, keyId, Platform.Hosting.ClockRegistration.GetCurrentInstant(time), cancellationToken);

    public async Task<Caller> IdentifyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Asked once per request: the access filter and the audit trail both need the caller.
        var items = request.HttpContext.Items;
        if (items.TryGetValue(typeof(Caller), out var known) && known is Caller caller)
        {
            return caller;
        }

        var identified = await IdentifyUncachedAsync(request, cancellationToken);
        items[typeof(Caller)] = identified;
        return identified;
    }

    private async Task<Caller> IdentifyUncachedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return new Caller.Anonymous();
        }

        var presented = header["Bearer ".Length..].Trim();
        if (IsAdminKey(presented))
        {
            return new Caller.Administrator();
        }

        return await FindActiveKeyAsync(presented, cancellationToken) switch
        {
            { Scope: KeyScope.Full } stored => new Caller.Owner(stored.OwnerId),
            { } agent => new Caller.Agent(agent.OwnerId, agent.Scope, agent.Id),
            null => new Caller.Unrecognised(),
        };
    }

    public bool IsAdminKey(string presented) => Secrets.Matches(presented, adminKeyHash);

    /// <summary>The stored owner's key (or agent's token: see its scope) that <paramref name="presented"/> is, if it is one and not revoked; otherwise null.</summary>
    public async Task<StoredApiKey?> FindActiveKeyAsync(string presented, CancellationToken cancellationToken)
    {
        var parts = presented.Split('_', 3);
        if (parts is not ["agk", { Length: 16 } id, _])
        {
            return null;
        }

        var stored = await store.FindApiKeyAsync(id, cancellationToken);
        return stored is { IsActive: true } && Secrets.Matches(presented, stored.SecretHash) ? stored : null;
    }
}

internal sealed record IssuedKey(string Id, string Key);
