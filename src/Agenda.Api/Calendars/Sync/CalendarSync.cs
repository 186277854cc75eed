using Agenda.Api.Platform.Hosting;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Calendars.Sync;

/// <summary>
/// Reads connected calendars: in the background, each when it is due (<see cref="CalendarOptions.SyncInterval"/>), on
/// every node, each calendar claimed by one node at a time; and on demand for one owner, before a booking is accepted
/// or when the owner asks. A failing calendar never stops the others, and never a booking: its state and error are kept
/// for the owner to see, and its last good copy counts until it is stale.
/// </summary>
internal sealed class CalendarSync(
    ICalendarConnectionStore store, IOwnerStore owners, INotificationSettingsStore notificationSettings, CalendarReader reader, CalendarOptions options, CalendarMetrics metrics,
    TimeProvider time, ILogger<CalendarSync> logger) : BackgroundService
{
    private const int Batch = 10;

    private volatile IReadOnlySet<string> connectedOwners = new HashSet<string>();

    /// <summary>Whether the owner had a connected calendar when last looked (each round, and after every change here).</summary>
    public bool HasCalendars(string ownerId) => connectedOwners.Contains(ownerId);

    /// <summary>Whether any owner had a connected calendar when last looked.</summary>
    public bool AnyCalendars => connectedOwners.Count > 0;

    /// <summary>Learns at once of a connection made or removed on this node (other nodes learn within a round).</summary>
    public async Task RefreshOwnersAsync(CancellationToken cancellationToken) =>
        connectedOwners = await store.OwnersWithConnectionsAsync(cancellationToken);

    /// <summary>
    /// Reads the owner's calendars now, waiting at most <paramref name="limit"/>; returns whether every one was read in
    /// time. Each is read again even while another read of it is in flight (a background round, another booking's
    /// re-check, a hanging server): that read began before this request, so it may miss what the owner just added. What
    /// was read is recorded either way, unless a read that began later was recorded first.
    /// </summary>
    public async Task<bool> SyncOwnerAsync(string ownerId, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        var work = SyncClaimedAsync(await store.ClaimForSyncAsync(time.GetCurrentInstant(), options.Lease, Batch, ownerId, cancellationToken), CancellationToken.None);
        try
        {
            await work.WaitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The reads go on and are recorded; the booking goes ahead on the copy it has.
            metrics.RecheckTimedOut();
            return false;
        }
    }

    /// <summary>
    /// Reads a connection about to be made, with its owner's zone and addresses; null for an unknown owner. Nothing is
    /// recorded: the caller stores the connection only when the read succeeded.
    /// </summary>
    public async Task<CalendarRead?> VerifyAsync(StoredConnection connection, CancellationToken cancellationToken)
    {
        if (await owners.FindOwnerAsync(connection.OwnerId, cancellationToken) is not { } owner)
        {
            return null;
        }

        var read = await reader.VerifyAsync(connection, owner.Zone, await OwnerEmailsAsync(connection.OwnerId, cancellationToken), time.GetCurrentInstant(), cancellationToken);
        metrics.Synced(connection.Kind, read.Record.Error is null);
        return read;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Poll);
        do
        {
            try
            {
                await RefreshOwnersAsync(stoppingToken);
                // Staleness counts from its moment in every read of the schedule; this records it and tells the owner.
                while (await store.MarkStaleAsync(time.GetCurrentInstant(), stoppingToken) > 0)
                {
                }

                metrics.Measured(await store.CountConnectionsByStateAsync(stoppingToken));
                IReadOnlyList<StoredConnection> due;
                do
                {
                    due = await store.ClaimForSyncAsync(time.GetCurrentInstant(), options.Lease, Batch, null, stoppingToken);
                    await SyncClaimedAsync(due, stoppingToken);
                }
                while (due.Count == Batch);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "The calendar round failed; it runs again in {Interval}.", options.Poll);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task SyncClaimedAsync(IReadOnlyList<StoredConnection> claimed, CancellationToken cancellationToken)
    {
        foreach (var connection in claimed)
        {
            var owner = await owners.FindOwnerAsync(connection.OwnerId, cancellationToken);
            var emails = await OwnerEmailsAsync(connection.OwnerId, cancellationToken);
            var record = await reader.ReadAsync(connection, owner?.Zone ?? DateTimeZone.Utc, emails, time.GetCurrentInstant(), cancellationToken);
            metrics.Synced(connection.Kind, record.Error is null);
            if (record.Error is { } error)
            {
                logger.LogInformation("Calendar {Connection} of {Owner} could not be read: {Error}", connection.Id, connection.OwnerId, error);
            }

            await store.RecordSyncAsync(record, cancellationToken);
        }
    }

    /// <summary>The owner's own answer to an invitation counts (declined events do not block); the owner is known by these addresses.</summary>
    private async Task<string[]> OwnerEmailsAsync(string ownerId, CancellationToken cancellationToken)
    {
        var settings = await notificationSettings.GetNotificationSettingsAsync(ownerId, cancellationToken);
        return [.. new[] { settings?.Email }.OfType<string>()];
    }
}
