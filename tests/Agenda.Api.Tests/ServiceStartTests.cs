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

    [Theory]
    [InlineData("a database path under a file", "could not be opened and brought up to date")]
    [InlineData("a read-only database that does not exist yet", "could not be opened and brought up to date (it cannot be reached or opened)")]
    [InlineData("an unknown storage provider", "Storage:Provider is 'Mongo'; it must be 'Sqlite' or 'Postgres'.")]
    [InlineData("an unreachable PostgreSQL", "(it cannot be reached or opened)")]
    [InlineData("an administrator key too short", "Auth:AdminKey must be at least 32 characters")]
    [InlineData("a clock offset that is not a time span", "Clock:Offset 'tomorrow' is not a TimeSpan")]
    public async Task A_service_that_cannot_start_says_why_in_one_line_and_exits_non_zero(string situation, string reason)
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("a-file"), "");
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Booking"] = $"Data Source={folder.File("agenda.db")}",
            ["Logging__LogLevel__Default"] = "Information",
        };
        switch (situation)
        {
            case "a database path under a file":
                environment["ConnectionStrings__Booking"] = $"Data Source={folder.File("a-file")}/agenda.db";
                break;
            case "a read-only database that does not exist yet":
                environment["ConnectionStrings__Booking"] = $"Data Source={folder.File("missing.db")};Mode=ReadOnly";
                break;
            case "an unknown storage provider":
                environment["Storage__Provider"] = "Mongo";
                break;
            case "an unreachable PostgreSQL":
                environment["Storage__Provider"] = "Postgres";
                // Port 9 (discard) on loopback: nothing listens there, so the connection is refused at once.
                environment["ConnectionStrings__Booking"] = "Host=127.0.0.1;Port=9;Database=agenda;Username=agenda;Timeout=3";
                break;
            case "an administrator key too short":
                environment["Auth__AdminKey"] = "short-key";
                break;
            case "a clock offset that is not a time span":
                environment["Clock__Offset"] = "tomorrow";
                break;
        }

        var (exitCode, output) = await ServiceProcess.RunUntilExitAsync(environment, TimeSpan.FromSeconds(60));

        var text = string.Join('\n', output);
        Assert.NotEqual(0, exitCode);
        Assert.Single(output, line => line.StartsWith("crit:", StringComparison.Ordinal));
        var failure = Assert.Single(output, line => line.Contains("Agenda could not start: ", StringComparison.Ordinal));
        Assert.Contains(reason, failure, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", text, StringComparison.Ordinal);
    }
}
