using Agenda.Api.Tests.Support;

namespace Agenda.Api.Tests;

/// <summary>The service started as an operator starts it: <c>dotnet /path/Agenda.Api.dll</c>, from any folder.</summary>
public sealed class ServiceStartTests
{
    [Fact]
    public async Task Started_from_another_folder_the_service_reads_the_appsettings_next_to_it()
    {
        using var folder = new TempFolder();
        IReadOnlyList<string> output;
        using (var service = await ServiceProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["ConnectionStrings__Booking"] = $"Data Source={folder.File("agenda.db")}",
                ["Logging__LogLevel__Default"] = "Information",
            },
            workingDirectory: folder.Path))
        {
            using var client = service.Client();
            using var live = await client.GetAsync("/healthz");
            Assert.True(live.IsSuccessStatusCode);
            service.Dispose();
            output = service.Output;
        }

        // appsettings.json sets Microsoft.AspNetCore to Warning, so the hosting's per-request lines stay out.
        Assert.Contains(output, line => line.Contains("Using the SQLite database", StringComparison.Ordinal));
        Assert.DoesNotContain(output, line => line.Contains("Request starting", StringComparison.Ordinal));
    }
}
