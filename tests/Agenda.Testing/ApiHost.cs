using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Agenda.Testing;

/// <summary>
/// The real service on real Kestrel (a free loopback port), over a real SQLite file, with a fixed clock.
/// By default "now" is 2024-11-25 08:00 UTC, so the original document's example dates lie ahead.
/// Every answer is checked against the statuses docs/openapi.json declares for its operation (<see cref="DeclaredStatuses"/>):
/// the clients this host makes throw on an undeclared one, so the test that provoked it fails.
/// </summary>
public class ApiHost : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset DefaultNow = new(2024, 11, 25, 8, 0, 0, TimeSpan.Zero);

    private readonly TempFolder? ownedFolder;

    public ApiHost()
        : this(null)
    {
    }

    protected ApiHost(string? databasePath)
    {
        if (databasePath is null)
        {
            ownedFolder = new TempFolder();
            databasePath = ownedFolder.File("agenda.db");
        }

        DatabasePath = databasePath;
        UseKestrel(0);
    }

    /// <summary>A host on an existing database file, as after a restart; the caller owns the file.</summary>
    public static ApiHost OnDatabase(string databasePath) => new(databasePath);

    public string DatabasePath { get; }

    public FakeTimeProvider Clock { get; } = new(DefaultNow);

    public virtual ApiClient Api() => new(CreateCheckedClient());

    /// <summary>A client of this host whose requests fail when the service answers a status its operation does not declare.</summary>
    public HttpClient CreateCheckedClient() => CreateDefaultClient(new DeclaredStatuses.ClientCheck());

    /// <summary>Settings layered over the defaults (the Development environment, so Auth:Mode is Open).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    /// <summary>Whether the host stores in a fresh database on the shared test PostgreSQL server instead of SQLite.</summary>
    protected virtual bool OnPostgres => false;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Booking", OnPostgres ? SharedPostgres.Server.CreateDatabase() : $"Data Source={DatabasePath}");
        if (OnPostgres)
        {
            builder.UseSetting("Storage:Provider", "Postgres");
        }

        // Tests send bursts far above a client's fair share; the rate-limit tests turn it back on.
        builder.UseSetting("Limits:RateLimit:Enabled", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IStartupFilter, DeclaredStatuses.StartupFilter>();
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            ownedFolder?.Dispose();
        }
    }
}

/// <summary>The same host with <c>Auth:Mode=ApiKey</c> and an administrator key; <see cref="Api"/> clients carry the administrator key.</summary>
public class KeyedApiHost : ApiHost
{
    public KeyedApiHost()
        : base(null)
    {
    }

    public string AdminKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Auth:Mode"] = "ApiKey",
        ["Auth:AdminKey"] = AdminKey,
    };

    public override ApiClient Api() => WithKey(AdminKey);

    /// <summary>A client that sends no key at all.</summary>
    public ApiClient Anonymous() => new(CreateCheckedClient());

    public ApiClient WithKey(string key)
    {
        var client = CreateCheckedClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return new ApiClient(client);
    }
}

/// <summary>The host on PostgreSQL.</summary>
public sealed class PostgresApiHost : ApiHost
{
    public PostgresApiHost()
        : base(null)
    {
    }

    protected override bool OnPostgres => true;
}

/// <summary>The host on PostgreSQL, with keys.</summary>
public sealed class KeyedPostgresApiHost : KeyedApiHost
{
    protected override bool OnPostgres => true;
}
