using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Agenda.Pages.Tests.Console;

/// <summary>
/// The real service on Kestrel at a loopback port, over a SQLite file of its own, with a fixed clock (Monday
/// 2024-11-25 08:00 UTC), in <c>Auth:Mode</c> <paramref name="mode"/>; with <c>ApiKey</c>, also an administrator key.
/// </summary>
public sealed class ConsoleHost(string mode) : WebApplicationFactory<Program>
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "agenda-console-tests", Guid.NewGuid().ToString("N"));

    public string? AdminKey { get; } = mode == "ApiKey" ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) : null;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2024, 11, 25, 8, 0, 0, TimeSpan.Zero));

    /// <summary>Starts the server and returns its address, such as http://127.0.0.1:41234.</summary>
    public string Start()
    {
        Directory.CreateDirectory(folder);
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return addresses.First().TrimEnd('/');
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Booking", $"Data Source={Path.Combine(folder, "agenda.db")}");
        builder.UseSetting("Limits:RateLimit:Enabled", "false");
        builder.UseSetting("Auth:Mode", mode);
        builder.UseSetting("Console:KeySignIn", "true");
        // Webhook endpoints made in the console tests point at this machine.
        builder.UseSetting("Webhooks:AllowPrivateTargets", "true");
        // Calendars connected in the console tests are served by the tests on this machine.
        builder.UseSetting("Calendars:EncryptionKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("Calendars:AllowPrivateTargets", "true");
        builder.UseSetting("Calendars:TimeoutSeconds", "2");
        // E-mail goes to a port where nothing listens (9, discard): every message is refused, and the console shows it.
        builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Email:Smtp:Port", "9");
        builder.UseSetting("Email:Smtp:Security", "None");
        builder.UseSetting("Email:From", "Agenda <agenda@example.com>");
        builder.UseSetting("Email:ReminderMinutes", "0");
        if (AdminKey is not null)
        {
            builder.UseSetting("Auth:AdminKey", AdminKey);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
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

/// <summary>A second host, in Open mode, for the tests of the console without keys.</summary>
public sealed class OpenModeHost : IAsyncLifetime
{
    private readonly ConsoleHost host = new("Open");

    public string BaseUrl { get; private set; } = "";

    /// <summary>This host's own clock: moving it ends sessions here without touching the other host's slots.</summary>
    public FakeTimeProvider Clock => host.Clock;

    public Task InitializeAsync()
    {
        BaseUrl = host.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await host.DisposeAsync();
}
