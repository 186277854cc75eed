using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Agenda.Api.Tests.Support;

/// <summary>
/// The real service on real Kestrel (a free loopback port), over a real SQLite file, with a fixed clock.
/// By default "now" is 2024-11-25 08:00 UTC, so the original document's example dates lie ahead.
/// </summary>
public sealed class ApiHost : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset DefaultNow = new(2024, 11, 25, 8, 0, 0, TimeSpan.Zero);

    private readonly TempFolder? ownedFolder;

    public ApiHost()
        : this(null)
    {
    }

    private ApiHost(string? databasePath)
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

    public ApiClient Api() => new(CreateClient());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Booking", $"Data Source={DatabasePath}");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
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
