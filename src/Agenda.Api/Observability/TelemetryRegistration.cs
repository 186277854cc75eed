using Agenda.Api.Bookings;

namespace Agenda.Api.Observability;

/// <summary>The service's own meters, registered for the handlers that record on them.</summary>
public static class TelemetryRegistration
{
    public static IServiceCollection AddAgendaTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<BookingMetrics>();
        services.AddSingleton<LimitMetrics>();
        return services;
    }
}
