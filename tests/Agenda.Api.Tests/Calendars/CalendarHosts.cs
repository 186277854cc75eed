using System.Security.Cryptography;
using Agenda.Api.Tests.Support;
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
/// tests decide when calendars are read (connecting, "sync now", the re-check before a booking).
/// </summary>
public sealed class CalendarHost(bool onPostgres, bool withKey = true) : ApiHost
{
    protected override bool OnPostgres => onPostgres;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Calendars:EncryptionKey"] = withKey ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) : "",
        ["Calendars:AllowPrivateTargets"] = "true",
        ["Calendars:PollMilliseconds"] = "600000",
        ["Calendars:TimeoutSeconds"] = "2",
    };
}

/// <summary>An iCalendar feed served by the test, whose text and answer the test changes as it goes.</summary>
public sealed class TestFeed : IAsyncDisposable
{
    private readonly WebApplication app;

    private TestFeed(WebApplication app) => this.app = app;

    public string Text { get; set; } = Ics.Calendar();

    /// <summary>The status answered (200 with <see cref="Text"/>, an error status with no calendar, or 0 for no answer at all).</summary>
    public int Status { get; set; } = 200;

    public int Requests { get; private set; }

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
            feed.Requests++;
            if (feed.Status == 0)
            {
                await Task.Delay(Timeout.Infinite, aborted);
            }

            return feed.Status == 200 ? Results.Text(feed.Text, "text/calendar; charset=utf-8") : Results.StatusCode(feed.Status);
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
