using System.Diagnostics;
using System.Text.RegularExpressions;
using Agenda.Api.Tests.Support;

namespace Agenda.Api.Tests;

/// <summary>
/// README's curl examples, up to the section on keys, run as written (with bash and curl) against the service as its
/// own process on the real clock: they use dates relative to today, so they must keep working whatever the date.
/// </summary>
public sealed partial class ReadmeExamplesTests
{
    [Fact]
    public async Task The_readme_walk_through_runs_without_an_error_answer()
    {
        using var folder = new TempFolder();
        using var service = await ServiceProcess.StartAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__Booking"] = $"Data Source={folder.File("agenda.db")}",
            ["Auth__Mode"] = "Open",
        });
        var script = string.Join("\n", Snippets().Select(s => s.Replace("http://localhost:5080/", service.Address.ToString(), StringComparison.Ordinal)));

        var (exitCode, output) = await RunBashAsync(
            // Any 4xx or 5xx answer fails the script, with the answer's body in the output.
            "set -euo pipefail\ncurl() { command curl --fail-with-body \"$@\"; echo; }\n" + script);

        Assert.True(exitCode == 0, $"README's examples failed (exit {exitCode}):\n{output}\n--- script ---\n{script}");
        Assert.Contains("Appointment booked successfully", output, StringComparison.Ordinal);
        Assert.Contains("\"management_token\":\"bkt_", output, StringComparison.Ordinal);
    }

    /// <summary>The ```sh blocks of README before the section on keys, except the one that starts the service.</summary>
    private static IEnumerable<string> Snippets()
    {
        var readme = File.ReadAllText(RepositoryFiles.Path("README.md"));
        var walkThrough = readme[..readme.IndexOf("## Owners, invitees and keys", StringComparison.Ordinal)];
        return ShellBlock().Matches(walkThrough).Select(m => m.Groups[1].Value).Where(block => !block.Contains("dotnet ", StringComparison.Ordinal));
    }

    private static async Task<(int ExitCode, string Output)> RunBashAsync(string script)
    {
        var start = new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    [GeneratedRegex("```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
