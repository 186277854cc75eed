using Agenda.Api.Calendars;
using Agenda.Api.Calendars.Sources;
using Agenda.Api.Platform.Outbound;
using Agenda.Storage;

namespace Agenda.Api.Calendars.Sync;

internal static class CalendarsRegistration
{
    /// <summary>
    /// Connected calendars: the reader, the background sync, and the re-check the booking use cases call before a booking.
    /// Calendars:EncryptionKey enables connecting calendars.
    /// </summary>
    public static IServiceCollection AddCalendars(this IServiceCollection services, IConfiguration configuration)
    {
        var options = CalendarOptions.Read(configuration);
        services.AddSingleton(options);
        services.AddSingleton(new CalendarSecrets(configuration["Calendars:EncryptionKey"]));
        services.AddSingleton<CalendarMetrics>();
        services.AddSingleton<OwnerCalendars>();
        var targets = new WebhookTargets(options.AllowPrivateTargets);
        // No request logging: a feed's address is its secret, and HttpClient's own log lines carry the whole URL.
        services.AddHttpClient(CalendarReader.ClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => CalendarSourceHandler.Create(targets))
            .RemoveAllLoggers();
        services.AddSingleton<CalendarReader>();
        services.AddSingleton<CalendarSync>();
        services.AddHostedService(s => s.GetRequiredService<CalendarSync>());

        services.AddSingleton<CalendarRecheck>();
        return services;
    }
}
