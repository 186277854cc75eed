using System.Diagnostics;
using System.Net.Sockets;
using Agenda.Api.Calendars.Sources;
using Agenda.Api.Notifications;
using Agenda.Api.Platform.Outbound;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Agenda.Api.Tests.Calendars.Ics;

namespace Agenda.Api.Tests.Calendars;

/// <summary>The subscription feed client against a real HTTP server run by the test (Kestrel on two loopback ports).</summary>
public sealed class IcsFeedClientTests(IcsFeedClientTests.FeedServer server) : IClassFixture<IcsFeedClientTests.FeedServer>
{
    /// <summary>The secret part of a feed address, which must never show in a message.</summary>
    internal const string Secret = "private-3f9a7c1e";

    /// <summary>Limits for the tests: a timeout that a loaded machine meets, and 1 MB answers.</summary>
    private static readonly CalendarSourceLimits Limits = new() { Timeout = TimeSpan.FromSeconds(15), MaxResponseBytes = 1024 * 1024 };

    /// <summary>A short timeout, for the one test that waits for it to run out.</summary>
    private static readonly CalendarSourceLimits Short = Limits with { Timeout = TimeSpan.FromMilliseconds(700) };

    [Fact]
    public async Task A_feed_is_read_with_its_validators_and_an_unchanged_feed_answers_not_modified()
    {
        var client = Client(allowPrivate: true);

        var first = Assert.IsType<FeedFetchResult.Changed>(await client.FetchAsync(server.Public($"/feed/{Secret}")));
        var second = await client.FetchAsync(server.Public($"/feed/{Secret}"), first.Validators);

        Assert.StartsWith("BEGIN:VCALENDAR", first.IcsText, StringComparison.Ordinal);
        Assert.Equal(FeedServer.ETag, first.Validators.ETag);
        Assert.NotNull(first.Validators.LastModified);
        Assert.Equal(first.Validators, Assert.IsType<FeedFetchResult.NotModified>(second).Validators);
        Assert.Equal(FeedServer.ETag, server.LastIfNoneMatch);
    }

    [Fact]
    public async Task A_body_that_is_not_iCalendar_is_malformed()
    {
        var error = await FailAsync(Client(allowPrivate: true), server.Public($"/html/{Secret}"));

        Assert.Equal(CalendarSourceFailure.Malformed, error.Kind);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_within_the_limit()
    {
        var clock = Stopwatch.StartNew();

        var error = await FailAsync(Client(allowPrivate: true, Short), server.Public($"/hang/{Secret}"));

        Assert.Equal(CalendarSourceFailure.Timeout, error.Kind);
        Assert.InRange(clock.Elapsed, Short.Timeout, Short.Timeout + TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_refused_secret_address_is_unauthorized()
    {
        var error = await FailAsync(Client(allowPrivate: true), server.Public($"/locked/{Secret}"));

        Assert.Equal(CalendarSourceFailure.Unauthorized, error.Kind);
        Assert.Equal(401, error.StatusCode);
    }

    [Fact]
    public async Task A_missing_feed_is_not_found()
    {
        var error = await FailAsync(Client(allowPrivate: true), server.Public($"/nothing/{Secret}"));

        Assert.Equal(CalendarSourceFailure.NotFound, error.Kind);
    }

    [Fact]
    public async Task Up_to_three_redirects_are_followed()
    {
        var result = await Client(allowPrivate: true).FetchAsync(server.Public($"/redirect/3/{Secret}"));

        Assert.IsType<FeedFetchResult.Changed>(result);
    }

    [Fact]
    public async Task A_fourth_redirect_is_refused()
    {
        var error = await FailAsync(Client(allowPrivate: true), server.Public($"/redirect/4/{Secret}"));

        Assert.Equal(CalendarSourceFailure.ServerError, error.Kind);
    }

    [Fact]
    public async Task A_redirect_to_a_loopback_address_is_refused_when_private_addresses_are_not_allowed()
    {
        // The handler lets the feed's own port through as if it were a public host; every other connection goes through the
        // real guard, so the redirect to the second (internal) port is checked like any hop.
        var guard = new WebhookTargets(allowPrivate: false);
        var handler = CalendarSourceHandler.Create(guard);
        handler.ConnectCallback = async (context, token) => context.DnsEndPoint.Port == server.PublicPort
            ? await ConnectDirectlyAsync(context, token)
            : await guard.ConnectAsync(context, token);
        var client = new IcsFeedClient(new HttpClient(handler), Limits);

        var error = await FailAsync(client, server.Public($"/to-internal/{Secret}"));

        Assert.Equal(CalendarSourceFailure.Refused, error.Kind);
        Assert.Equal(0, server.InternalRequests);
    }

    [Fact]
    public async Task A_private_address_is_refused_outright_unless_private_addresses_are_allowed()
    {
        var refused = await FailAsync(Client(allowPrivate: false), server.Public($"/feed/{Secret}"));
        var allowed = await Client(allowPrivate: true).FetchAsync(server.Public($"/feed/{Secret}"));

        Assert.Equal(CalendarSourceFailure.Refused, refused.Kind);
        Assert.IsType<FeedFetchResult.Changed>(allowed);
    }

    [Fact]
    public async Task Only_http_https_and_webcal_addresses_are_read()
    {
        var error = await FailAsync(Client(allowPrivate: true), new Uri($"ftp://127.0.0.1/{Secret}.ics"));

        Assert.Equal(CalendarSourceFailure.Refused, error.Kind);
    }

    [Fact]
    public async Task A_webcal_address_is_read_over_https()
    {
        // The test server speaks plain http, so the TLS handshake that webcal:// leads to fails: proof it was https.
        var error = await FailAsync(Client(allowPrivate: true), new Uri($"webcal://127.0.0.1:{server.PublicPort}/feed/{Secret}"));

        Assert.Equal(CalendarSourceFailure.Unreachable, error.Kind);
        Assert.Contains($"https://127.0.0.1:{server.PublicPort}", error.Message, StringComparison.Ordinal);
    }

    internal static IcsFeedClient Client(bool allowPrivate, CalendarSourceLimits? limits = null) =>
        new(new HttpClient(CalendarSourceHandler.Create(new WebhookTargets(allowPrivate))), limits ?? Limits);

    /// <summary>The failure of a fetch, checked to name the server without the feed's secret path.</summary>
    internal static async Task<CalendarSourceException> FailAsync(IcsFeedClient client, Uri url)
    {
        var error = await Assert.ThrowsAsync<CalendarSourceException>(() => client.FetchAsync(url));
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
        return error;
    }

    private static async ValueTask<Stream> ConnectDirectlyAsync(SocketsHttpConnectionContext context, CancellationToken token)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(context.DnsEndPoint, token);
        return new NetworkStream(socket, ownsSocket: true);
    }

    /// <summary>
    /// Feeds for the tests: a good one with an ETag, an HTML page, 50 MB streamed without Content-Length, one that never
    /// answers, a locked one, redirect chains, and a redirect to a second "internal" port that counts what reaches it.
    /// </summary>
    public sealed class FeedServer : IAsyncLifetime
    {
        public const string ETag = "\"v1\"";

        private WebApplication? app;
        private int internalRequests;

        public int PublicPort { get; private set; }

        public int InternalPort { get; private set; }

        public string? LastIfNoneMatch { get; private set; }

        public int InternalRequests => Volatile.Read(ref internalRequests);

        public Uri Public(string path) => new($"http://127.0.0.1:{PublicPort}{path}");

        public async Task InitializeAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0", "http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            app = builder.Build();
            var feed = Calendar(Event("DTSTART:20260105T090000Z", "DTEND:20260105T100000Z"));
            app.Use(async (context, next) =>
            {
                if (context.Connection.LocalPort == InternalPort)
                {
                    Interlocked.Increment(ref internalRequests);
                }

                await next(context);
            });
            app.MapGet("/feed/{secret}", (HttpContext context) =>
            {
                LastIfNoneMatch = context.Request.Headers.IfNoneMatch.ToString();
                if (LastIfNoneMatch == ETag)
                {
                    return Results.StatusCode(304);
                }

                context.Response.Headers.ETag = ETag;
                context.Response.Headers.LastModified = "Mon, 05 Jan 2026 08:00:00 GMT";
                return Results.Text(feed, "text/calendar; charset=utf-8");
            });
            app.MapGet("/html/{secret}", () => Results.Text("<!DOCTYPE html><html><body>Please sign in</body></html>", "text/html"));
            app.MapGet("/huge/{secret}", async (HttpContext context) =>
            {
                context.Response.ContentType = "text/calendar";
                var chunk = new byte[64 * 1024];
                Array.Fill(chunk, (byte)'X');
                "BEGIN:VCALENDAR\r\n"u8.CopyTo(chunk);
                try
                {
                    for (var sent = 0; sent < 50 * 1024 * 1024 && !context.RequestAborted.IsCancellationRequested; sent += chunk.Length)
                    {
                        await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                    }
                }
                catch (Exception e) when (e is OperationCanceledException or IOException)
                {
                    // The client stopped reading, as it should.
                }
            });
            app.MapGet("/hang/{secret}", async (HttpContext context) =>
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up, as it should.
                }
            });
            app.MapGet("/locked/{secret}", () => Results.StatusCode(401));
            app.MapGet("/redirect/{count:int}/{secret}", (int count, string secret) =>
                Results.Redirect(count <= 1 ? $"/feed/{secret}" : $"/redirect/{count - 1}/{secret}"));
            app.MapGet("/to-internal/{secret}", (string secret) => Results.Redirect($"http://127.0.0.1:{InternalPort}/feed/{secret}"));
            await app.StartAsync();
            var ports = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a).Port).ToArray();
            (PublicPort, InternalPort) = (ports[0], ports[1]);
        }

        public async Task DisposeAsync()
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }
    }
}
