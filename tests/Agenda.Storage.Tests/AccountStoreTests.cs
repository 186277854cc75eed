using NodaTime;
using static Agenda.Storage.Tests.Values;

namespace Agenda.Storage.Tests;

public sealed class AccountStoreOnSqliteTests() : AccountStoreTests(new SqliteFile());

[Collection(PostgresCollection.Name)]
public sealed class AccountStoreOnPostgresTests(Agenda.Testing.PostgresServer server) : AccountStoreTests(new PostgresStoreHost(server));

/// <summary>
/// Accounts on a real database: made with their owner in one transaction, unique by normalised e-mail, saved only over
/// the stamp they were read with, and exactly one first administrator however many sign up at once.
/// </summary>
public abstract class AccountStoreTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly IStoreHost host;
    private readonly Stores stores;

    protected AccountStoreTests(IStoreHost host)
    {
        this.host = host;
        stores = host.NewStores();
    }

    public void Dispose()
    {
        host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task CreateAccountAsync_MakesTheOwnerAndTheAccount_TheFirstAsAdministrator()
    {
        Assert.Equal(AccountCreation.CreatedAsAdministrator, await Create("ana"));
        Assert.Equal(AccountCreation.Created, await Create("ben"));

        var ana = await stores.Accounts.FindAccountByEmailAsync("ANA@EXAMPLE.COM", None);
        Assert.NotNull(ana);
        Assert.True(ana.IsAdministrator);
        Assert.Equal("ana", ana.OwnerId);
        Assert.Equal("Ana", (await stores.Owners.FindOwnerAsync("ana", None))?.DisplayName);
        Assert.False((await stores.Accounts.FindAccountByOwnerAsync("ben", None))!.IsAdministrator);
        Assert.Equal(2, await stores.Accounts.CountAccountsAsync(None));
        Assert.Equal(["ana", "ben"], (await stores.Accounts.ListAccountsAsync(None)).Select(a => a.Account.OwnerId));
    }

    [Fact]
    public async Task CreateAccountAsync_EmailOrOwnerTaken_WritesNothing()
    {
        await Create("ana");

        Assert.Equal(AccountCreation.EmailTaken, await Create("ana2", email: "ana"));
        Assert.Null(await stores.Owners.FindOwnerAsync("ana2", None));
        Assert.Equal(AccountCreation.OwnerTaken, await Create("ana", email: "other"));
        Assert.Equal(1, await stores.Accounts.CountAccountsAsync(None));
    }

    [Fact]
    public async Task CreateAccountAsync_ManyFirstSignUpsAtOnce_MakeExactlyOneAdministrator()
    {
        var nodes = Enumerable.Range(0, 4).Select(_ => host.NewStores()).ToArray();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => Create($"o{i}", stores: nodes[i % nodes.Length]))));

        Assert.Single(outcomes, o => o == AccountCreation.CreatedAsAdministrator);
        Assert.Equal(11, outcomes.Count(o => o == AccountCreation.Created));
    }

    [Fact]
    public async Task CreateAccountAsync_WithAnInvite_UsesItOnce()
    {
        await Create("ana");
        var ana = (await stores.Accounts.FindAccountByOwnerAsync("ana", None))!;
        await stores.Accounts.AddInviteAsync(new StoredInvite("i1", "hash1", "ben@example.com", ana.Id, Now, Now + Duration.FromDays(7), null, null), None);

        Assert.Equal(AccountCreation.Created, await Create("ben", invite: "hash1"));
        Assert.Equal(AccountCreation.InviteNotUsable, await Create("cy", invite: "hash1"));
        Assert.Null(await stores.Owners.FindOwnerAsync("cy", None));
        Assert.NotNull((await stores.Accounts.FindInviteAsync("hash1", None))?.AcceptedAt);
        Assert.Empty(await stores.Accounts.ListOpenInvitesAsync(None));
    }

    [Fact]
    public async Task UpdateAccountAsync_SavesOnlyOverTheStampItWasReadWith()
    {
        await Create("ana");
        var read = (await stores.Accounts.FindAccountByOwnerAsync("ana", None))!;

        Assert.True(await stores.Accounts.UpdateAccountAsync(read with { PasswordHash = "h2", ConcurrencyStamp = "c2", LockoutEnd = Now, AccessFailedCount = 3 }, read.ConcurrencyStamp, None));
        Assert.False(await stores.Accounts.UpdateAccountAsync(read with { PasswordHash = "h3", ConcurrencyStamp = "c3" }, read.ConcurrencyStamp, None));

        var saved = (await stores.Accounts.FindAccountAsync(read.Id, None))!;
        Assert.Equal(("h2", "c2", Now, 3), (saved.PasswordHash, saved.ConcurrencyStamp, saved.LockoutEnd!.Value, saved.AccessFailedCount));
    }

    [Fact]
    public async Task Passkeys_AreFoundByCredential_UpdatedInPlace_AndNeverTakenFromAnotherAccount()
    {
        await Create("ana");
        await Create("ben");
        var ana = (await stores.Accounts.FindAccountByOwnerAsync("ana", None))!;
        var ben = (await stores.Accounts.FindAccountByOwnerAsync("ben", None))!;

        await stores.Accounts.SavePasskeyAsync(ana.Id, new StoredPasskey("cred1", """{"n":1}""", Now), None);
        await stores.Accounts.SavePasskeyAsync(ana.Id, new StoredPasskey("cred1", """{"n":2}""", Now), None);
        await stores.Accounts.SavePasskeyAsync(ben.Id, new StoredPasskey("cred1", """{"n":3}""", Now), None);

        var found = (await stores.Accounts.FindPasskeyAsync("cred1", None))!.Value;
        Assert.Equal((ana.Id, """{"n":2}"""), (found.Account.Id, found.Passkey.Data));
        Assert.Empty(await stores.Accounts.ListPasskeysAsync(ben.Id, None));
        Assert.False(await stores.Accounts.RemovePasskeyAsync(ben.Id, "cred1", None));
        Assert.True(await stores.Accounts.RemovePasskeyAsync(ana.Id, "cred1", None));
        Assert.Null(await stores.Accounts.FindPasskeyAsync("cred1", None));
    }

    [Fact]
    public async Task Logins_LinkOneSubjectToOneAccount()
    {
        await Create("ana");
        await Create("ben");
        var ana = (await stores.Accounts.FindAccountByOwnerAsync("ana", None))!;
        var ben = (await stores.Accounts.FindAccountByOwnerAsync("ben", None))!;

        Assert.True(await stores.Accounts.AddLoginAsync(ana.Id, new AccountLogin("oidc", "sub-1", "Company"), None));
        Assert.False(await stores.Accounts.AddLoginAsync(ben.Id, new AccountLogin("oidc", "sub-1", "Company"), None));

        Assert.Equal(ana.Id, (await stores.Accounts.FindAccountByLoginAsync("oidc", "sub-1", None))?.Id);
        Assert.Single(await stores.Accounts.ListLoginsAsync(ana.Id, None));
        Assert.True(await stores.Accounts.RemoveLoginAsync(ana.Id, "oidc", "sub-1", None));
        Assert.Null(await stores.Accounts.FindAccountByLoginAsync("oidc", "sub-1", None));
    }

    [Fact]
    public async Task Events_AreListedNewestFirst_AndKnowTheDevicesSignedInFrom()
    {
        await Create("ana");
        var ana = (await stores.Accounts.FindAccountByOwnerAsync("ana", None))!;

        await stores.Accounts.RecordAsync(new AccountEvent("e1", ana.Id, "sign_in_failed", Now, "d1", "127.0.0.1", "chromium", null), None);
        await stores.Accounts.RecordAsync(new AccountEvent("e2", ana.Id, "signed_in", Now + Duration.FromMinutes(1), "d1", "127.0.0.1", "chromium", "password"), None);

        Assert.Equal(["e2", "e1"], (await stores.Accounts.ListEventsAsync(ana.Id, 10, None)).Select(e => e.Id));
        Assert.True(await stores.Accounts.HasSignedInAsync(ana.Id, "d1", None));
        Assert.False(await stores.Accounts.HasSignedInAsync(ana.Id, "d2", None));
        Assert.True(await stores.Accounts.HasSignedInAsync(ana.Id, null, None));
    }

    [Fact]
    public async Task Mail_IsClaimedOnceUntilItsLeaseEnds_AndRetriedWhenItFails()
    {
        await stores.Accounts.EnqueueMailAsync(new AccountMail("m1", "ana@example.com", "confirm", "sealed", 0, Now, Now), None);
        var lease = Duration.FromSeconds(30);

        Assert.Single(await stores.Accounts.ClaimDueMailAsync(Now, lease, 10, None));
        Assert.Empty(await host.NewStores().Accounts.ClaimDueMailAsync(Now, lease, 10, None));

        await stores.Accounts.RecordMailAttemptAsync("m1", "refused", Now + Duration.FromMinutes(1), None);
        Assert.Empty(await stores.Accounts.ClaimDueMailAsync(Now + Duration.FromSeconds(59), lease, 10, None));
        var again = Assert.Single(await stores.Accounts.ClaimDueMailAsync(Now + Duration.FromMinutes(1), lease, 10, None));
        Assert.Equal((1, "refused"), (again.Attempts, again.LastError));

        await stores.Accounts.RecordMailAttemptAsync("m1", null, null, None);
        Assert.Empty(await stores.Accounts.ClaimDueMailAsync(Now + Duration.FromHours(1), lease, 10, None));
    }

    private Task<AccountCreation> Create(string owner, string? email = null, string? invite = null, Stores? stores = null)
    {
        var address = $"{email ?? owner}@example.com";
        var account = new StoredAccount(Guid.CreateVersion7().ToString("N"), owner, address, address.ToUpperInvariant(), false, "hash", "s", "c", false, null, null, null, 0,
            false, null, Now);
        return (stores ?? this.stores).Accounts.CreateAccountAsync(new NewAccount(account, char.ToUpperInvariant(owner[0]) + owner[1..], DateTimeZone.Utc), true, invite, None);
    }
}
