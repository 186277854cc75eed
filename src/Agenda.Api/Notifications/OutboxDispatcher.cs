using Agenda.Api.Hosting;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Notifications;

/// <summary>
/// Delivers the outbox: every <c>Outbox:PollMilliseconds</c> it fans new events out to their endpoints, claims the due
/// deliveries for a lease (so one node attempts each at a time), sends them, and records each attempt with what follows
/// it (<see cref="RetrySchedule"/>). It never touches a booking: a failing receiver delays nothing but its own messages.
/// </summary>
public sealed class OutboxDispatcher(
    IOutboxStore outbox, IBookingStore bookings, IOwnerStore owners, WebhookSender sender, RetrySchedule retries, OutboxMetrics metrics,
    OutboxOptions options, TimeProvider time, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    /// <summary>How many deliveries one round claims.</summary>
    private const int Batch = 32;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PollInterval);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database is away or a bug: try again next round; the outbox keeps every message meanwhile.
                logger.LogWarning(e, "The outbox round failed; it runs again in {Interval}.", options.PollInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round: fan out, then deliver what is due. Returns how many attempts it made.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        while (await outbox.FanOutAsync(time.GetCurrentInstant(), Batch, cancellationToken) == Batch)
        {
        }

        var made = 0;
        IReadOnlyList<DueDelivery> due;
        do
        {
            due = await outbox.ClaimDueAsync(time.GetCurrentInstant(), options.Lease, Batch, cancellationToken);
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, DeliverAsync);
            made += due.Count;
        }
        while (due.Count == Batch);

        metrics.Measured(await outbox.MeasureAsync(time.GetCurrentInstant(), cancellationToken));
        return made;
    }

    private async ValueTask DeliverAsync(DueDelivery delivery, CancellationToken cancellationToken)
    {
        var booking = await bookings.GetBookingAsync(delivery.Event.BookingId, cancellationToken);
        var zone = (await owners.FindOwnerAsync(delivery.Event.OwnerId, cancellationToken))?.Zone ?? DateTimeZone.Utc;
        var body = WebhookPayload.From(delivery.Event, booking, zone).Serialize();
        var attempt = await sender.SendAsync(delivery, body, cancellationToken);
        var delivered = attempt.StatusCode is >= 200 and < 300;
        metrics.Attempted("webhook", failed: !delivered);
        var next = delivered
            ? new NextStep.Delivered()
            : retries.AfterFailure(attempt.Attempt, attempt.AttemptedAt, delivery.Endpoint.FailingSince ?? attempt.AttemptedAt);
        await outbox.RecordAttemptAsync(attempt, next, cancellationToken);
    }
}

/// <summary><c>Outbox:PollMilliseconds</c> (default 500) and the lease of a claimed delivery (the attempt's timeout and a margin).</summary>
public sealed record OutboxOptions(TimeSpan PollInterval, Duration Lease, TimeSpan AttemptTimeout, bool AllowPrivateTargets);
