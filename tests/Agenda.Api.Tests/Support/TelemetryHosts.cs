using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Agenda.Api.Tests.Support;

/// <summary>The host with <c>Telemetry:Prometheus:Enabled</c>, serving /metrics.</summary>
public sealed class PrometheusApiHost : ApiHost
{
    public PrometheusApiHost()
        : base(null)
    {
    }

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Telemetry:Prometheus:Enabled"] = "true",
    };
}

/// <summary>
/// The host with a tracer provider that keeps finished spans in memory, as an OTLP exporter would receive them,
/// after the service's own tracing configuration (instrumentation and redaction) has applied.
/// </summary>
public sealed class TracedApiHost : ApiHost
{
    private readonly ConcurrentQueue<Activity> spans = new();

    public TracedApiHost()
        : base(null)
    {
    }

    /// <summary>Server spans finish after the answer is sent, so wait for the one that <paramref name="matches"/>.</summary>
    public async Task<Activity> SpanAsync(Func<Activity, bool> matches)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (spans.FirstOrDefault(matches) is { } span)
            {
                return span;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("No matching span was exported within 10 seconds.");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.AddOpenTelemetry().WithTracing(tracing => tracing.AddProcessor(new SimpleActivityExportProcessor(new QueueExporter(spans)))));
    }

    /// <summary>The in-memory exporter's behaviour over a queue, which is safe to read while spans are added.</summary>
    private sealed class QueueExporter(ConcurrentQueue<Activity> spans) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            foreach (var span in batch)
            {
                spans.Enqueue(span);
            }

            return ExportResult.Success;
        }
    }
}
