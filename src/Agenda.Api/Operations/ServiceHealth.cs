using System.Reflection;
using Agenda.Api.Platform.Access;
using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.OpenApi;
using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.Zones;
using Agenda.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;

namespace Agenda.Api.Operations;

/// <summary>
/// The administrator's view of the service's health, for the API and the console's administration: the version and
/// the time-zone rules in use, the database (ready or why not, its size), the outbox's backlog and the last day's
/// failures by channel (e-mail, reminders, webhooks, calendars, workflows), calendar connections by state, and whether
/// e-mail is configured.
/// </summary>
internal sealed class ServiceHealth(IServiceHealthStore store, IStoreHealth database, IConfiguration configuration, IServiceProvider services, TimeZoneUpdates zones, TimeProvider time)
{
    private static string? FaultName(StoreFault? fault) => fault switch
    {
        null => null,
        StoreFault.ReadOnly => "read_only",
        var other => other.ToString()!.ToLowerInvariant(),
    };

    public async Task<ServiceHealthResponse> ReadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetCurrentInstant();
        var fault = await database.CheckAsync(cancellationToken);
        var counts = await store.CountAsync(now, cancellationToken);
        var emailConfigured = services.GetService<Notifications.EmailSender>() is not null;
        long Failed(string channel) => counts.FailedLastDayByChannel.TryGetValue(channel, out var n) ? n : 0;
        return new ServiceHealthResponse(
            typeof(ServiceHealth).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
            WireFormat.FormatUtc(now),
            new StorageHealthResponse((configuration["Storage:Provider"] ?? "Sqlite").ToLowerInvariant(), fault is null, FaultName(fault), counts.DatabaseBytes),
            counts.Owners,
            counts.UpcomingBookings,
            new OutboxHealthResponse(
                counts.EventsWaiting, counts.DeliveriesWaiting, counts.OldestDeliveryWait is { } wait ? (long)wait.TotalSeconds : null,
                new FailuresResponse(Failed("email"), Failed("reminder"), Failed("webhook"), Failed("calendar"), counts.WorkflowRunsFailedLastDay),
                counts.WorkflowRunsWaiting),
            new CalendarsHealthResponse(
                counts.CalendarsByState.Values.Sum(),
                counts.CalendarsByState.TryGetValue("failing", out var failing) ? failing : 0,
                counts.CalendarsByState.TryGetValue("stale", out var stale) ? stale : 0),
            new EmailHealthResponse(emailConfigured, Failed("email") + Failed("reminder")),
            new TimeZonesResponse(
                ZoneRules.Version, ZoneRules.Origin, zones.Last is { Refusal: { } refused } last ? refused : null,
                zones.Last is { } read ? WireFormat.FormatUtc(read.At) : null));
    }
}

/// <summary>GET /v1/admin/health.</summary>
internal static class ServiceHealthApi
{
    public static IEndpointRouteBuilder MapServiceHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/admin/health", async (ServiceHealth health, CancellationToken cancellationToken) => TypedResults.Ok(await health.ReadAsync(cancellationToken)))
            .WithTags("Operations").WithName("GetServiceHealth").RequireAdminKey().ProducesDatabaseUnavailable()
            .WithSummary("The service's health, for the administrator (administrator key)")
            .WithDescription("version and now; storage: provider, ready (false with fault: busy, unreachable, full or read_only), database_bytes; owners and upcoming_bookings; outbox: events not yet fanned out, deliveries waiting and the oldest's wait in seconds, failures in the last 24 hours by channel (email, reminder, webhook, calendar, workflow), workflow runs due; calendars: connections, failing and stale; email: configured (Email:Smtp:Host set) and failed in the last 24 hours; time_zones: the tz database version in force, its source (built-in or the file read from TimeZones:Path), when the rules were last read (at start and on SIGHUP) and why that reading was refused, if it was (the rules in force then stay).");
        return routes;
    }
}

internal sealed record ServiceHealthResponse(
    string Version, string Now, StorageHealthResponse Storage, long Owners, long UpcomingBookings, OutboxHealthResponse Outbox, CalendarsHealthResponse Calendars,
    EmailHealthResponse Email, TimeZonesResponse TimeZones);

internal sealed record StorageHealthResponse(string Provider, bool Ready, string? Fault, long? DatabaseBytes);

internal sealed record OutboxHealthResponse(long EventsWaiting, long DeliveriesWaiting, long? OldestWaitSeconds, FailuresResponse FailedLastDay, long WorkflowRunsDue);

internal sealed record FailuresResponse(long Email, long Reminder, long Webhook, long Calendar, long Workflow);

internal sealed record CalendarsHealthResponse(long Connections, long Failing, long Stale);

internal sealed record EmailHealthResponse(bool Configured, long FailedLastDay);

/// <summary>
/// The tz database version in force and where it came from (<c>built-in</c> or the file read from TimeZones:Path), when the
/// rules were last read (at start, and on SIGHUP), and why that reading was refused, if it was.
/// </summary>
internal sealed record TimeZonesResponse(string TzdbVersion, string Source, string? LastRefusal, string? LastReadAt);
