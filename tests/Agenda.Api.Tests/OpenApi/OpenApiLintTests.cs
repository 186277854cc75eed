using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Agenda.Api.Tests.OpenApi;

/// <summary>
/// docs/openapi.json passes Redocly CLI's recommended rules (redocly.yaml names any exception and why), with the CLI
/// version pinned in tools/openapi/package-lock.json. CI runs only dotnet test, so the lint is a test: it installs the
/// CLI with npm ci when tools/openapi/node_modules is missing, then fails on any error or warning.
/// </summary>
public sealed class OpenApiLintTests
{
    [Fact]
    public async Task The_committed_document_passes_redocly_lint_without_errors_or_warnings()
    {
        var tools = RepositoryFiles.Path("tools", "openapi");
        if (!Directory.Exists(Path.Combine(tools, "node_modules", "@redocly", "cli")))
        {
            var install = await RunAsync(tools, "npm", "ci", "--no-audit", "--no-fund");
            Assert.True(install.ExitCode == 0, $"npm ci in tools/openapi failed ({install.ExitCode}):\n{install.Output}");
        }

        var lint = await RunAsync(
            tools, "npx", "--no-install", "redocly", "lint", RepositoryFiles.Path("docs", "openapi.json"),
            "--config", RepositoryFiles.Path("redocly.yaml"), "--format=json");

        var report = lint.Output.IndexOf('{') is var start and >= 0 ? JsonNode.Parse(lint.Output[start..]) : null;
        var totals = report?["totals"];
        Assert.True(totals is not null, $"redocly lint gave no report (exit {lint.ExitCode}):\n{lint.Output}\n{lint.Errors}");
        var problems = string.Join("\n", report!["problems"]!.AsArray().Select(p =>
            $"{p!["severity"]} {p["ruleId"]}: {p["message"]} at {p["location"]?[0]?["pointer"]}"));
        Assert.True(
            totals["errors"]!.GetValue<int>() == 0 && totals["warnings"]!.GetValue<int>() == 0,
            $"redocly lint docs/openapi.json reports problems (run it with: cd tools/openapi && npx redocly lint ../../docs/openapi.json --config ../../redocly.yaml):\n{problems}");
        Assert.Equal(0, lint.ExitCode);
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string folder, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No telemetry, no update check: the lint reads only the local files.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["NO_UPDATE_NOTIFIER"] = "1";
        start.Environment["npm_config_update_notifier"] = "false";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}
