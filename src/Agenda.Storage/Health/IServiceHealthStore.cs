using NodaTime;

namespace Agenda.Storage;

/// <summary>What the administrator's health view counts in the database, in one read.</summary>
public interface IServiceHealthStore
{
    Task<ServiceCounts> CountAsync(Instant now, CancellationToken cancellationToken);
}

/// <summary>
/// The outbox's backlog (events not yet fanned out; deliveries and workflow runs waiting, with the oldest's wait) and its
/// failures in the last day, by channel; calendar connections by state; owners and bookings to come; and the database's
/// size in bytes.
/// </summary>
public sealed record ServiceCounts(
    long Owners,
    long UpcomingBookings,
    long EventsWaiting,
    long DeliveriesWaiting,
    Duration? OldestDeliveryWait,
    IReadOnlyDictionary<string, long> FailedLastDayByChannel,
    long WorkflowRunsWaiting,
    long WorkflowRunsFailedLastDay,
    IReadOnlyDictionary<string, long> CalendarsByState,
    long? DatabaseBytes);
