using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Agenda.Api.Platform.Observability;

/// <summary>
/// OpenTelemetry metrics and traces: ASP.NET Core, Npgsql, the .NET runtime and the service's own meters
/// (<c>Agenda.*</c>: <c>Agenda.Bookings</c>, <c>Agenda.SlotCache</c>, <c>Agenda.Storage</c>, <c>Agenda.Limits</c>, <c>Agenda.Outbox</c>, <c>Agenda.Calendars</c>). Exported over OTLP and
/// served to Prometheus only when configured (<see cref="TelemetrySettings"/>); with neither, no provider is built and
/// nothing is collected. docs/observability.md lists every metric.
/// </summary>
internal static class TelemetryRegistration
{
    /// <summary>Every meter of the service is named <c>Agenda.</c> and its part: a feature's new meter is collected without being listed here.</summary>
    public const string ServiceMeters = "Agenda.*";

    public static IServiceCollection AddAgendaTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = TelemetrySettings.From(configuration);
        services.AddSingleton(settings);
        services.AddSingleton<LimitMetrics>();

        // What is measured and traced applies to whichever providers exist: those an exporter below turns on, or one a test adds.
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics
            .AddMeter(ServiceMeters)
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddNpgsqlInstrumentation());
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddAspNetCoreInstrumentation(SpanRedaction.Configure)
            .AddNpgsql());

        if (!settings.ExportsMetrics)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                serviceName: configuration["OTEL_SERVICE_NAME"] ?? "agenda",
                serviceVersion: typeof(TelemetryRegistration).Assembly.GetName().Version?.ToString()));
        if (settings.Prometheus)
        {
            telemetry.WithMetrics(metrics => metrics.AddPrometheusExporter());
        }

        // Traces and metrics only: logs stay where Logging sends them, since a request log at Information names the
        // URL with its secrets, which spans do not.
        if (settings.ExportsTraces)
        {
            telemetry.WithTracing(tracing => tracing.AddOtlpExporter(otlp => settings.ConfigureOtlp(otlp, "v1/traces")));
            telemetry.WithMetrics(metrics => metrics.AddOtlpExporter(otlp => settings.ConfigureOtlp(otlp, "v1/metrics")));
        }

        return services;
    }

    /// <summary>Serves <see cref="TelemetrySettings.PrometheusPath"/> when Prometheus is enabled; it is not part of the API description.</summary>
    public static IEndpointRouteBuilder MapAgendaTelemetry(this IEndpointRouteBuilder routes)
    {
        if (routes.ServiceProvider.GetRequiredService<TelemetrySettings>().Prometheus)
        {
            routes.MapPrometheusScrapingEndpoint(TelemetrySettings.PrometheusPath).ExcludeFromDescription();
        }

        return routes;
    }
}
