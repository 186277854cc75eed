using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Agenda.Api.Tests.Calendars;

/// <summary>
/// A host that may connect calendars on this machine. Its background sync waits ten minutes between rounds, so the
/// tests decide when calendars are read (connecting, "sync now", the re-check before a booking). Settings given in
/// <paramref name="more"/> are added or replace these.
/// </summary>
public sealed class CalendarHost(bool onPostgres, bool withKey = true, IReadOnlyDictionary<string, string>? more = null) : ApiHost
{
    protected override bool OnPostgres => onPostgres;

    protected override IReadOnlyDictionary<string, string> Settings
    {
        get
        {
            var settings = new Dictionary<string, string>
            {
                ["Calendars:EncryptionKey"] = withKey ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) : "",
                ["Calendars:AllowPrivateTargets"] = "true",
                ["Calendars:PollMilliseconds"] = "600000",
                ["Calendars:TimeoutSeconds"] = "2",
            };
            foreach (var (key, value) in more ?? new Dictionary<string, string>())
            {
                settings[key] = value;
            }

            return settings;
        }
    }
}

/// <summary>An iCalendar feed served by the test, whose text and answer the test changes as it goes.</summary>
public sealed class TestFeed : IAsyncDisposable
{
    private readonly WebApplication app;
    private TaskCompletionSource? next;
    private TaskCompletionSource? held;
    private int requests;

    private TestFeed(WebApplication app) => this.app = app;

    public string Text { get; set; } = Ics.Calendar();

    /// <summary>The status answered (200 with <see cref="Text"/>, an error status with no calendar, or 0 for no answer at all).</summary>
    public int Status { get; set; } = 200;

    public int Requests => Volatile.Read(ref requests);

    /// <summary>The next request is answered only at <see cref="Release"/>, with the text and status it arrived to (a slow read in flight).</summary>
    public void Hold() => next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => (held ?? next)?.TrySetResult();

    /// <summary>Waits until <paramref name="count"/> requests have arrived (or fails after 10 s).</summary>
    public async Task WaitForRequestsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Requests < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.True(Requests >= count, $"Expected {count} requests of the feed; {Requests} arrived.");
    }

    /// <summary>The feed's secret address.</summary>
    public string Url { get; private set; } = "";

    public static async Task<TestFeed> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var feed = new TestFeed(app);
        app.MapGet("/private/{secret}/basic.ics", async (string secret, CancellationToken aborted) =>
        {
            var (text, status) = (feed.Text, feed.Status);
            if (Interlocked.Exchange(ref feed.next, null) is { } gate)
            {
                feed.held = gate;
                Interlocked.Increment(ref feed.requests);
                await gate.Task.WaitAsync(aborted);
            }
            else
            {
                Interlocked.Increment(ref feed.requests);
            }

            if (status == 0)
            {
                await Task.Delay(Timeout.Infinite, aborted);
            }

            return status == 200 ? Results.Text(text, "text/calendar; charset=utf-8") : Results.StatusCode(status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        feed.Url = $"{address}/private/s3cr3t-{Guid.NewGuid():N}/basic.ics";
        return feed;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
