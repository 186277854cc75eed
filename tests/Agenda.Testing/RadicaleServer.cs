using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace Agenda.Testing;

/// <summary>
/// A real CalDAV server for the calendar tests: Debian's radicale (3.1.8, /usr/bin/radicale) on a free loopback port, with a
/// throwaway configuration (no authentication check, owner-only rights, storage in a temp folder) that is killed and deleted
/// on dispose. Requests always carry Basic credentials for <see cref="User"/>: without them radicale refuses MKCALENDAR.
/// </summary>
public sealed partial class RadicaleServer : IAsyncLifetime
{
    public const string User = "ana";
    public const string Password = "any-password-works";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "agenda-tests", "radicale-" + Guid.NewGuid().ToString("N"));
    private readonly StringBuilder log = new();
    private Process? process;

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The calendar home of <see cref="User"/>: the collection that holds their calendars.</summary>
    public Uri Home => new(BaseUrl, $"/{User}/");

    /// <summary>A client for arranging data. radicale's server answers HTTP/1.0 and closes every connection, so none is pooled.</summary>
    public HttpClient Http { get; } = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero });

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        var config = Path.Combine(folder, "config");
        await File.WriteAllTextAsync(config, $"""
            [server]
            hosts = 127.0.0.1:0
            [auth]
            type = none
            [rights]
            type = owner_only
            [storage]
            filesystem_folder = {Path.Combine(folder, "collections")}
            [web]
            type = none
            [logging]
            level = info
            mask_passwords = True
            """);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process = new Process
        {
            StartInfo = new ProcessStartInfo("radicale", ["--config", config]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false },
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

            if (ListeningOn().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(new Uri($"http://{match.Groups["host"].Value}:{match.Groups["port"].Value}/"));
            }
        }

        process.ErrorDataReceived += Read;
        process.OutputDataReceived += Read;
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var started = await Task.WhenAny(listening.Task, Task.Delay(TimeSpan.FromSeconds(15)));
        if (started != listening.Task)
        {
            throw new InvalidOperationException($"radicale did not start listening within 15 s. Its log:\n{Log}");
        }

        BaseUrl = listening.Task.Result;
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")));
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

    /// <summary>Creates a calendar for events under the home (MKCALENDAR) and returns its address.</summary>
    public async Task<Uri> CreateCalendarAsync(string name, string displayName)
    {
        var url = new Uri(Home, name + "/");
        var body = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
              <D:set><D:prop>
                <D:displayname>{displayName}</D:displayname>
                <C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set>
              </D:prop></D:set>
            </C:mkcalendar>
            """;
        using var request = new HttpRequestMessage(new HttpMethod("MKCALENDAR"), url) { Content = new StringContent(body, Encoding.UTF8, "application/xml") };
        using var response = await Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"MKCALENDAR {url} answered {(int)response.StatusCode}. radicale's log:\n{Log}");
        return url;
    }

    public Task DisposeAsync()
    {
        Http.Dispose();
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

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }

        return Task.CompletedTask;
    }

    [GeneratedRegex(@"Listening on '?\[?(?<host>[0-9.]+)\]?:(?<port>\d+)")]
    private static partial Regex ListeningOn();
}
