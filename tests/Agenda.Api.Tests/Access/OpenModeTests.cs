using System.Diagnostics;
using Agenda.Api.Platform.Access;

namespace Agenda.Api.Tests.Access;

public sealed class OpenModeTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://+:5080", false)]
    [InlineData("http://[::]:5080", false)]
    [InlineData("http://192.168.1.20:5080", false)]
    [InlineData("http://example.com:5080", false)]
    public void Open_mode_accepts_only_loopback_addresses(string url, bool loopback)
    {
        Assert.Equal(loopback, OpenModeGuard.IsLoopback(url));
    }

    [Fact]
    public async Task The_service_in_open_mode_refuses_to_listen_beyond_loopback_and_says_why()
    {
        using var folder = new TempFolder();
        var service = Path.Combine(AppContext.BaseDirectory, "Agenda.Api.dll");
        var start = new ProcessStartInfo("dotnet", [service, "--urls", "http://0.0.0.0:5979"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["Auth__Mode"] = "Open",
                ["ConnectionStrings__Booking"] = $"Data Source={folder.File("open.db")}",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
            },
        };

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("listens only on loopback", await output + await errors, StringComparison.Ordinal);
    }
}
