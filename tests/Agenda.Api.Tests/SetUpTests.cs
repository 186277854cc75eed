using System.Text.RegularExpressions;

namespace Agenda.Api.Tests;

/// <summary>
/// A newcomer copies README's test command on a fresh machine and sees everything pass: that command is the set-up
/// script, CI runs the same script, and the script installs every program the tests start.
/// </summary>
public sealed partial class SetUpTests
{
    /// <summary>What a test's source shows it starts, and the Debian package the script must install for it.</summary>
    private static readonly (string UsedWhen, string Package)[] Tools =
    [
        ("\"radicale\"", "radicale"),
        ("/usr/lib/chromium/chromium", "chromium"),
        ("initdb", "postgresql"),
        ("\"npm\"", "npm"),
        ("\"node\"", "nodejs"),
        ("command curl", "curl"),
    ];

    [Fact]
    public void The_readme_test_command_is_the_script_ci_runs()
    {
        var readme = File.ReadAllText(RepositoryFiles.Path("README.md"));
        var twoCommands = TwoCommands().Match(readme);

        Assert.True(twoCommands.Success, "README's 'Two commands' section has no sh block");
        Assert.Contains("./test.sh", twoCommands.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("./test.sh", File.ReadAllText(RepositoryFiles.Path(".ci", "run")), StringComparison.Ordinal);
        Assert.Contains("dotnet test", File.ReadAllText(RepositoryFiles.Path("test.sh")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_script_installs_every_program_the_tests_start()
    {
        var script = File.ReadAllText(RepositoryFiles.Path("test.sh"));
        var sources = Directory.EnumerateFiles(RepositoryFiles.Path("tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.EndsWith(nameof(SetUpTests) + ".cs", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();

        foreach (var (usedWhen, package) in Tools)
        {
            if (sources.Any(s => s.Contains(usedWhen, StringComparison.Ordinal)))
            {
                Assert.Matches($@"missing\+=\([^)]*\b{package}\b", script);
            }
        }
    }

    [GeneratedRegex(@"## Two commands.*?```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex TwoCommands();
}
