using System.Diagnostics.Metrics;
using Agenda.Storage;

namespace Agenda.Api.Notifications;

/// <summary>
/// The outbox on the meter <c>Agenda.Outbox</c>: its depth and the age of its oldest message (as the dispatcher last
/// measured them), attempts and failures per channel, and the dispatcher's completed rounds.
/// </summary>
internal sealed class OutboxMetrics
{
    public const string MeterName = "Agenda.Outbox";

    private readonly Counter<long> attempts;
    private readonly Counter<long> failures;
    private readonly Counter<long> roundsCounter;
    private OutboxDepth depth = new(0, 0, null);
    private long rounds;

    public OutboxMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        attempts = meter.CreateCounter<long>("agenda.outbox.attempts", unit: "{attempt}", description: "Delivery attempts, by channel.");
        failures = meter.CreateCounter<long>("agenda.outbox.failures", unit: "{attempt}", description: "Delivery attempts that failed, by channel.");
        roundsCounter = meter.CreateCounter<long>("agenda.outbox.rounds", unit: "{round}",
            description: "Rounds of this node's dispatcher completed (fan out, then every due delivery attempted): steady growth says it is alive.");
        meter.CreateObservableGauge("agenda.outbox.depth", () => depth.PendingDeliveries + depth.WaitingEvents, unit: "{message}",
            description: "Deliveries not yet made or given up, and events not yet fanned out.");
        meter.CreateObservableGauge("agenda.outbox.oldest_age", () => depth.OldestAge?.TotalSeconds ?? 0, unit: "s",
            description: "How long the oldest waiting message has waited.");
    }

    public OutboxDepth Depth => depth;

    public void Measured(OutboxDepth measured) => depth = measured;

    /// <summary>
    /// How many rounds this node's dispatcher has completed. A round attempts every delivery due when it starts and
    /// waits for those attempts, so once two more rounds have completed, nothing that was due before is still in flight.
    /// </summary>
    public long Rounds => Interlocked.Read(ref rounds);

    public void RoundCompleted()
    {
        Interlocked.Increment(ref rounds);
        roundsCounter.Add(1);
    }

    public void Attempted(string channel, bool failed)
    {
        var tag = new KeyValuePair<string, object?>("channel", channel);
        attempts.Add(1, tag);
        if (failed)
        {
            failures.Add(1, tag);
        }
    }
}
