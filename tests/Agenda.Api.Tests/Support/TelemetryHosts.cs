using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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

/// <summary>The host sending traces and metrics over OTLP (HTTP) to <paramref name="endpoint"/>, as an operator configures it.</summary>
public sealed class OtlpApiHost(Uri endpoint) : ApiHost(null)
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Telemetry:Otlp:Endpoint"] = endpoint.AbsoluteUri,
        ["Telemetry:Otlp:Protocol"] = "http/protobuf",
    };
}

/// <summary>A stand-in OpenTelemetry collector: accepts OTLP over HTTP on a free loopback port and keeps what arrives, by path.</summary>
public sealed class OtlpCollector : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<(string Path, byte[] Body)> received = new();

    public OtlpCollector()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        listener.Prefixes.Add(Endpoint.AbsoluteUri);
        listener.Start();
        _ = Task.Run(ReceiveAsync);
    }

    public Uri Endpoint { get; }

    public IReadOnlyList<(string Path, byte[] Body)> Received => [.. received];

    public void Dispose() => listener.Close();

    private async Task ReceiveAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            received.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
