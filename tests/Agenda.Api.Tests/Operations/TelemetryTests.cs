using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Agenda.Api.Platform.Observability;
using Agenda.Api.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using static Agenda.Testing.ApiClient;

namespace Agenda.Api.Tests.Operations;

/// <summary>
/// What an operator plugs in: the Prometheus scrape endpoint with the service's own metrics, spans without secrets,
/// and nothing at all when telemetry is not configured. Meter listeners are process-wide, so counts include other
/// tests' hosts: each test checks that its own action shows, not exact totals.
/// </summary>
public sealed partial class TelemetryTests
{
    [Fact]
    public async Task The_scrape_endpoint_counts_bookings_refusals_by_reason_slot_cache_lookups_and_store_latency()
    {
        using var host = new PrometheusApiHost();
        var api = host.Api();
        var owner = NewOwner();
        await api.SetAvailabilityOk(owner, OnDay("2024-12-02", "09:00", "12:00"));
        await api.SlotTimes(owner, "2024-12-02");
        await api.SlotTimes(owner, "2024-12-02");
        using var booked = await api.Book(owner, "ana", "2024-12-02T10:00", "2024-12-02T11:00");
        using var refused = await api.Book(owner, "ben", "2024-12-02T10:00", "2024-12-02T11:00");
        await Expect.Status(booked, 201);
        await Expect.Problem(refused, 409);

        var scrape = await Scrape(host);

        Assert.True(Sample(scrape, "agenda_bookings_made_total") >= 1, scrape);
        Assert.True(Sample(scrape, "agenda_bookings_refusals_total", "reason=\"taken\"", "operation=\"book\"") >= 1, scrape);
        Assert.True(Sample(scrape, "agenda_slot_cache_answers_reused_total") >= 1, scrape);
        Assert.True(Sample(scrape, "agenda_slot_cache_misses_total") >= 1, scrape);
        Assert.True(Sample(scrape, "agenda_store_duration_seconds_count", "operation=\"book\"") >= 2, scrape);
        Assert.Contains("agenda_store_duration_seconds_bucket{", scrape);
        Assert.True(Sample(scrape, "http_server_request_duration_seconds_count") >= 1, scrape);
    }

    [Fact]
    public async Task A_limit_recorded_through_its_api_shows_on_the_scrape_endpoint_by_limit()
    {
        using var host = new PrometheusApiHost();
        host.Services.GetRequiredService<LimitMetrics>().Hit("telemetry_test_limit");

        var scrape = await Scrape(host);

        Assert.True(Sample(scrape, "agenda_limits_hits_total", "limit=\"telemetry_test_limit\"") >= 1, scrape);
    }

    [Fact]
    public async Task The_scrape_endpoint_is_not_part_of_the_api_description()
    {
        using var host = new PrometheusApiHost();

        var document = await host.Api().Http.GetStringAsync("/openapi/v1.json");

        Assert.DoesNotContain("/metrics", document);
    }

    [Fact]
    public async Task Without_settings_nothing_is_collected_and_there_is_no_scrape_endpoint()
    {
        using var host = new ApiHost();

        using var response = await host.Api().Get(TelemetrySettings.PrometheusPath);

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Null(host.Services.GetService<MeterProvider>());
        Assert.Null(host.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task Spans_do_not_carry_a_booking_token_from_the_query_string()
    {
        using var host = new TracedApiHost();
        const string token = "bkt_telemetry-secret-in-query";

        using var response = await host.Api().Get($"/v1/bookings/bk_unknown?token={token}&other=1");

        // Tracing listens process-wide, so other tests' requests to this route are exported too: take this one.
        var span = await host.SpanAsync(s => s.GetTagItem("http.route") is "/v1/bookings/{bookingId}/" && s.GetTagItem("url.path") is "/v1/bookings/bk_unknown");
        Assert.StartsWith($"?token={SpanRedaction.Redacted}&other=", span.GetTagItem("url.query") as string);
        Assert.DoesNotContain(span.TagObjects, tag => tag.Value?.ToString()?.Contains(token, StringComparison.Ordinal) == true);
        Assert.DoesNotContain(token, span.DisplayName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spans_do_not_carry_a_calendar_feed_secret_from_the_path()
    {
        using var host = new TracedApiHost();
        const string secret = "fdt_telemetry-secret-in-path";

        using var response = await host.Api().Get($"/v1/feeds/{secret}.ics");

        var span = await host.SpanAsync(s => s.GetTagItem("http.route") is "/v1/feeds/{token}.ics");
        Assert.Equal($"/v1/feeds/{SpanRedaction.Redacted}", span.GetTagItem("url.path"));
        Assert.DoesNotContain(span.TagObjects, tag => tag.Value?.ToString()?.Contains(secret, StringComparison.Ordinal) == true);
        Assert.DoesNotContain(secret, span.DisplayName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_otlp_endpoint_traces_and_metrics_reach_the_collector_and_carry_no_secret()
    {
        using var collector = new OtlpCollector();
        using var host = new OtlpApiHost(collector.Endpoint);
        const string secret = "fdt_telemetry-secret-sent-over-otlp";

        using var response = await host.Api().Get($"/v1/feeds/{secret}.ics");

        var deadline = Stopwatch.StartNew();
        while (!(Paths(collector).Contains("/v1/traces") && Paths(collector).Contains("/v1/metrics")) && deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            host.Services.GetRequiredService<TracerProvider>().ForceFlush();
            host.Services.GetRequiredService<MeterProvider>().ForceFlush();
            await Task.Delay(50);
        }

        Assert.Contains("/v1/traces", Paths(collector));
        Assert.Contains("/v1/metrics", Paths(collector));
        Assert.DoesNotContain(collector.Received, r => Encoding.UTF8.GetString(r.Body).Contains(secret, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("?token=abc", "?token=[redacted]")]
    [InlineData("?a=1&TOKEN=abc&b=2", "?a=1&TOKEN=[redacted]&b=2")]
    [InlineData("?t%6Fken=abc", "?t%6Fken=[redacted]")]
    [InlineData("?tokens=abc", "?tokens=abc")]
    public void A_token_parameter_is_redacted_whatever_its_case_or_encoding(string query, string redacted) =>
        Assert.Equal(redacted, SpanRedaction.RedactQuery(query));

    private static HashSet<string> Paths(OtlpCollector collector) => [.. collector.Received.Select(r => r.Path)];

    private static async Task<string> Scrape(ApiHost host)
    {
        using var response = await host.Api().Get(TelemetrySettings.PrometheusPath);
        await Expect.Status(response, 200);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of the samples of <paramref name="metric"/> whose labels include all of <paramref name="labels"/>.</summary>
    private static double Sample(string scrape, string metric, params string[] labels) =>
        SampleLine().Matches(scrape)
            .Where(m => m.Groups["name"].Value == metric && labels.All(m.Groups["labels"].Value.Contains))
            .Sum(m => double.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();
}
