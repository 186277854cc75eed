using OpenTelemetry.Exporter;

namespace Agenda.Api.Platform.Observability;

/// <summary>
/// Where telemetry goes, read once at start-up. Nothing is exported unless one of these is configured:
/// <c>Telemetry:Otlp:Endpoint</c> (with <c>Telemetry:Otlp:Protocol</c>, <c>grpc</c> by default, or <c>http/protobuf</c>),
/// the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> environment variable (with the other <c>OTEL_EXPORTER_OTLP_*</c> variables),
/// or <c>Telemetry:Prometheus:Enabled</c>, which serves <see cref="PrometheusPath"/>.
/// </summary>
internal sealed record TelemetrySettings(Uri? OtlpEndpoint, OtlpExportProtocol OtlpProtocol, bool OtlpFromEnvironment, bool Prometheus)
{
    public const string PrometheusPath = "/metrics";

    /// <summary>Whether traces are exported: they go over OTLP only.</summary>
    public bool ExportsTraces => OtlpEndpoint is not null || OtlpFromEnvironment;

    public bool ExportsMetrics => ExportsTraces || Prometheus;

    /// <summary>
    /// Points an OTLP exporter at <see cref="OtlpEndpoint"/> when it is set; otherwise the exporter reads the standard
    /// <c>OTEL_EXPORTER_OTLP_*</c> variables itself. Over HTTP each signal has its own path under the endpoint, as the
    /// standard variable implies.
    /// </summary>
    public void ConfigureOtlp(OtlpExporterOptions options, string signalPath)
    {
        if (OtlpEndpoint is null)
        {
            return;
        }

        options.Protocol = OtlpProtocol;
        options.Endpoint = OtlpProtocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri($"{OtlpEndpoint.AbsoluteUri.TrimEnd('/')}/{signalPath}")
            : OtlpEndpoint;
    }

    public static TelemetrySettings From(IConfiguration configuration)
    {
        Uri? endpoint = null;
        if (configuration["Telemetry:Otlp:Endpoint"] is { Length: > 0 } configured
            && !Uri.TryCreate(configured, UriKind.Absolute, out endpoint))
        {
            throw new InvalidOperationException($"Telemetry:Otlp:Endpoint is '{configured}'; it must be an absolute URL such as http://collector:4317.");
        }

        var protocolName = configuration["Telemetry:Otlp:Protocol"] ?? configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] ?? "grpc";
        var protocol = protocolName.ToLowerInvariant() switch
        {
            "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            _ => throw new InvalidOperationException($"Telemetry:Otlp:Protocol is '{protocolName}'; it must be 'grpc' or 'http/protobuf'."),
        };

        return new TelemetrySettings(
            endpoint,
            protocol,
            OtlpFromEnvironment: !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]),
            Prometheus: configuration.GetValue("Telemetry:Prometheus:Enabled", false));
    }
}
