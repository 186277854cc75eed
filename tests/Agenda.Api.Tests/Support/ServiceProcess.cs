using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Agenda.Api.Tests.Support;

/// <summary>
/// The service as its own process (dotnet Agenda.Api.dll) on real Kestrel on a free loopback port, stopped on dispose.
/// Everything it writes to standard output and standard error is kept, line by line, in <see cref="Output"/>.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output;
    private bool disposed;

    private ServiceProcess(Process process, ConcurrentQueue<string> output, Uri address)
    {
        this.process = process;
        this.output = output;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Every line the process has written so far, standard output and standard error together.</summary>
    public IReadOnlyList<string> Output => [.. output];

    /// <param name="workingDirectory">The folder the process starts in; by default the test's own.</param>
    public static async Task<ServiceProcess> StartAsync(IReadOnlyDictionary<string, string> environment, string? workingDirectory = null)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var (process, lines) = Launch(environment, address, workingDirectory);
        var service = new ServiceProcess(process, lines, address);
        using var client = new HttpClient { BaseAddress = address };
        for (var attempt = 0; attempt < 120; attempt++)
        {
            try
            {
                using var ready = await client.GetAsync("/readyz");
                if (ready.IsSuccessStatusCode)
                {
                    return service;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (process.HasExited)
            {
                break;
            }

            await Task.Delay(250);
        }

        service.Dispose();
        throw new InvalidOperationException($"The service process on {address} did not become ready. It wrote:\n{string.Join('\n', lines)}");
    }

    /// <summary>Starts the service and waits for it to end by itself, as it does when it cannot start.</summary>
    /// <returns>The exit code and every line the process wrote.</returns>
    /// <param name="command">The command line's arguments (such as <c>backup file.db</c>); none: the service itself.</param>
    public static async Task<(int ExitCode, IReadOnlyList<string> Output)> RunUntilExitAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] command)
    {
        var (process, lines) = Launch(environment, new Uri($"http://127.0.0.1:{FreePort()}"), null, command.Length > 0 ? command : null);
        using (process)
        {
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"The service did not exit within {timeout}. It wrote:\n{string.Join('\n', lines)}");
            }

            // WaitForExitAsync also waits for the redirected streams to reach their end.
            return (process.ExitCode, [.. lines]);
        }
    }

    public HttpClient Client() => new() { BaseAddress = Address };

    /// <summary>Sends the process SIGHUP, as <c>kill -HUP</c> does.</summary>
    public void HangUp()
    {
        using var kill = Process.Start("kill", ["-s", "HUP", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Stops the process and waits until it has gone, so that <see cref="Output"/> is complete. Safe to call twice.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit(10_000);
        process.Dispose();
    }

    private static (Process Process, ConcurrentQueue<string> Lines) Launch(IReadOnlyDictionary<string, string> environment, Uri address, string? workingDirectory, string[]? command = null)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Agenda.Api.dll"), .. command ?? ["--urls", address.ToString()]])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var lines = new ConcurrentQueue<string>();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Keep(lines, line.Data);
        process.ErrorDataReceived += (_, line) => Keep(lines, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, lines);
    }

    private static void Keep(ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
