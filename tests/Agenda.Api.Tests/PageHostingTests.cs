using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Agenda.Api.Tests;

/// <summary>
/// How the host serves its pages' files and the pages themselves: assets as ASP.NET Core serves static assets
/// (fingerprinted names kept for a year, ETags, compressed copies, nosniff), pages never kept by a cache, and nothing
/// logged for an ordinary visit.
/// </summary>
public sealed partial class PageHostingTests(PageHostingTests.AssetHost host) : IClassFixture<PageHostingTests.AssetHost>
{
    [Fact]
    public async Task Pages_link_fingerprinted_assets_that_may_be_kept_for_a_year_compressed_and_marked_nosniff()
    {
        using var http = host.CreateClient();
        var owner = await OwnerAsync(http);
        var page = await http.GetStringAsync($"/{owner}");

        var stylesheet = Linked().Matches(page).Select(m => m.Groups[1].Value).Single(href => href.EndsWith(".css", StringComparison.Ordinal));
        Assert.Matches(@"^/css/site\.[a-z0-9]{6,}\.css$", stylesheet);
        using var request = new HttpRequestMessage(HttpMethod.Get, stylesheet);
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=31536000", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("immutable", response.Headers.CacheControl.ToString(), StringComparison.Ordinal);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_embed_snippets_stable_address_is_revalidated_with_its_etag()
    {
        using var http = host.CreateClient();
        using var first = await http.GetAsync("/embed.js");
        Assert.True(first.Headers.CacheControl!.NoCache);
        Assert.Equal(["nosniff"], first.Headers.GetValues("X-Content-Type-Options"));

        using var again = new HttpRequestMessage(HttpMethod.Get, "/embed.js");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var revalidated = await http.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Fact]
    public async Task Pages_with_forms_are_never_cached_and_an_ordinary_visit_logs_no_warning()
    {
        using var http = host.CreateClient(new() { HandleCookies = true, AllowAutoRedirect = true, BaseAddress = host.Api().Http.BaseAddress! });
        var owner = await OwnerAsync(http);
        var signIn = await http.GetStringAsync("/console/sign-in");
        using var signedIn = await http.PostAsync("/console/sign-in?handler=Owner", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ownerId"] = owner,
            ["__RequestVerificationToken"] = Antiforgery().Match(signIn).Groups[1].Value,
        }));
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        host.Warnings.Clear();

        foreach (var path in new[] { "/console", "/console/hours", "/console/meeting-types", "/console/bookings", $"/{owner}", $"/{owner}/intro" })
        {
            using var response = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl is { NoCache: true, NoStore: true }, $"{path}: Cache-Control {response.Headers.CacheControl}");
        }

        Assert.Empty(host.Warnings);
    }

    private static async Task<string> OwnerAsync(HttpClient http)
    {
        var owner = ApiClient.NewOwner();
        using var created = await http.PostAsync(
            $"/api/calendar/set_availability/{owner}",
            new StringContent("""{"availability_rules":[{"start_date":"2024-11-27","end_date":"2024-11-27","start_time":"09:00","end_time":"12:00"}]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        using var type = await http.PostAsync(
            $"/v1/owners/{owner}/meeting-types",
            new StringContent("""{"slug":"intro","title":"Intro","duration_minutes":30}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, type.StatusCode);
        return owner;
    }

    [GeneratedRegex("""(?:href|src)="(/(?:css|js)/[^"]+)""")]
    private static partial Regex Linked();

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="([^"]+)""")]
    private static partial Regex Antiforgery();

    /// <summary>
    /// The host with the caching headers it sends in production (Development would otherwise ask browsers to revalidate
    /// every asset), and the warnings it logs.
    /// </summary>
    public sealed class AssetHost : ApiHost
    {
        public ConcurrentQueue<string> Warnings { get; } = new();

        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["EnableStaticAssetsDevelopmentCaching"] = "true",
        };

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(new WarningRecorder(Warnings)));
        }
    }

    private sealed class WarningRecorder(ConcurrentQueue<string> warnings) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, warnings);

        public void Dispose()
        {
        }

        private sealed class Recorder(string category, ConcurrentQueue<string> warnings) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    warnings.Enqueue($"{category}: {formatter(state, exception)}");
                }
            }
        }
    }
}
