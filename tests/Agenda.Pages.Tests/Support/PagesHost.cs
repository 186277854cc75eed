using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Agenda.Pages.Tests.Support;

/// <summary>
/// The real service on real Kestrel (a free loopback port) over a real SQLite file in a folder of its own, in the
/// Development environment (Auth:Mode Open), with a fixed clock: "now" is Monday 2027-03-01 08:00 UTC.
/// </summary>
public sealed class PagesHost : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Now = new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly string folder = Path.Combine(Path.GetTempPath(), "agenda-pages-tests", Guid.NewGuid().ToString("N"));

    public PagesHost()
    {
        Directory.CreateDirectory(folder);
        UseKestrel(0);
    }

    public FakeTimeProvider Clock { get; } = new(Now);

    /// <summary>The address the browser uses, such as http://127.0.0.1:41234 (no trailing slash).</summary>
    public string Address
    {
        get
        {
            StartServer();
            return Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        }
    }

    /// <summary>A plain HTTP client of the host, for the API set-up and header checks.</summary>
    public HttpClient Http() => new() { BaseAddress = new Uri(Address) };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Booking", $"Data Source={Path.Combine(folder, "agenda.db")}");
        builder.UseSetting("Limits:RateLimit:Enabled", "false");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a host that is shutting down is left for the OS to clean.
            }
        }
    }
}
