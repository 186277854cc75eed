using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Agenda.Testing;

/// <summary>
/// A real OpenID Connect provider for the single sign-on tests: npm oidc-provider (pinned in tools/oidc-provider, whose
/// provider.mjs says which claims a login name gets) run by the machine's node, on http://127.0.0.1 and a free port,
/// with one client (<see cref="ClientId"/>, <see cref="ClientSecret"/>) whose redirect URI is the service's. Its
/// development login page accepts any login name. The service needs the provider's address before it starts and the
/// provider needs the service's before it starts, so the port is chosen first (<see cref="Authority"/>, for the
/// service's settings) and the process is started with the service's redirect URI (<see cref="StartAsync"/>).
/// Killed on dispose.
/// </summary>
public sealed partial class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "agenda";
    public const string ClientSecret = "secret";

    private static readonly SemaphoreSlim Installing = new(1, 1);
    private readonly StringBuilder log = new();
    private Process? process;

    public OidcProvider()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Authority = $"http://127.0.0.1:{Port}";
    }

    public int Port { get; }

    /// <summary>The issuer, such as http://127.0.0.1:41234 (no trailing slash).</summary>
    public string Authority { get; }

    /// <summary>The service's settings for this provider (plain http, so RequireHttpsMetadata is off).</summary>
    public IReadOnlyDictionary<string, string> Settings(string? displayName = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Accounts:Oidc:Authority"] = Authority,
            ["Accounts:Oidc:ClientId"] = ClientId,
            ["Accounts:Oidc:ClientSecret"] = ClientSecret,
            ["Accounts:Oidc:RequireHttpsMetadata"] = "false",
        };
        if (displayName is not null)
        {
            settings["Accounts:Oidc:DisplayName"] = displayName;
        }

        return settings;
    }

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <summary>Installs the pinned package when tools/oidc-provider/node_modules lacks it (npm ci), once per test run.</summary>
    public static async Task EnsureInstalledAsync()
    {
        var tools = RepositoryFiles.Path("tools", "oidc-provider");
        await Installing.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(tools, "node_modules", "oidc-provider")))
            {
                return;
            }

            var start = new ProcessStartInfo("npm", ["ci", "--no-audit", "--no-fund"])
            {
                WorkingDirectory = tools,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["npm_config_update_notifier"] = "false";
            using var npm = Process.Start(start)!;
            var output = npm.StandardOutput.ReadToEndAsync();
            var errors = npm.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await npm.WaitForExitAsync(timeout.Token);
            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in tools/oidc-provider failed ({npm.ExitCode}):\n{await output}\n{await errors}");
            }
        }
        finally
        {
            Installing.Release();
        }
    }

    /// <summary>Starts the provider with a client that may send people back to <paramref name="redirectUri"/>; returns once it answers.</summary>
    public async Task StartAsync(string redirectUri)
    {
        await EnsureInstalledAsync();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process = new Process
        {
            StartInfo = new ProcessStartInfo("node", ["provider.mjs", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--redirect-uri", redirectUri,
                "--client-id", ClientId, "--client-secret", ClientSecret])
            {
                WorkingDirectory = RepositoryFiles.Path("tools", "oidc-provider"),
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        void Read(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (log)
            {
                log.AppendLine(e.Data);
            }

            if (Ready().IsMatch(e.Data))
            {
                ready.TrySetResult();
            }
        }

        process.OutputDataReceived += Read;
        process.ErrorDataReceived += Read;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(20)));
        if (first != ready.Task)
        {
            throw new InvalidOperationException($"oidc-provider did not start on port {Port} within 20 s{(first == exited ? $" (it exited with {process.ExitCode})" : "")}. Its log:\n{Log}");
        }
    }

    public ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            try
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5_000);
            }
            catch (InvalidOperationException)
            {
                // It had already exited.
            }

            process.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    [GeneratedRegex(@"^oidc-provider ready at http://127\.0\.0\.1:\d+$")]
    private static partial Regex Ready();
}

/// <summary>
/// A test class's providers: each test starts its own (its client knows one service's redirect URI), and all are killed
/// when the class is done. The package is installed once, before the first test.
/// </summary>
public sealed class OidcProviders : IAsyncLifetime
{
    private readonly List<OidcProvider> started = [];

    public Task InitializeAsync() => OidcProvider.EnsureInstalledAsync();

    /// <summary>A provider with its port chosen, not started yet: give its <see cref="OidcProvider.Settings"/> to the service, then start it.</summary>
    public OidcProvider Reserve()
    {
        var provider = new OidcProvider();
        lock (started)
        {
            started.Add(provider);
        }

        return provider;
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in started)
        {
            await provider.DisposeAsync();
        }
    }
}
