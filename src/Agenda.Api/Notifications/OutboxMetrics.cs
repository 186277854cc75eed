using System.Diagnostics.Metrics;
using Agenda.Storage;

namespace Agenda.Api.Notifications;

/// <summary>
/// The outbox on the meter <c>Agenda.Outbox</c>: its depth and the age of its oldest message (as the dispatcher last
/// measured them), and attempts and failures per channel.
/// </summary>
public sealed class OutboxMetrics
{
    public const string MeterName = "Agenda.Outbox";

    private readonly Counter<long> attempts;
    private readonly Counter<long> failures;
    private OutboxDepth depth = new(0, 0, null);

    public OutboxMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        attempts = meter.CreateCounter<long>("agenda.outbox.attempts", unit: "{attempt}", description: "Delivery attempts, by channel.");
        failures = meter.CreateCounter<long>("agenda.outbox.failures", unit: "{attempt}", description: "Delivery attempts that failed, by channel.");
        meter.CreateObservableGauge("agenda.outbox.depth", () => depth.PendingDeliveries + depth.WaitingEvents, unit: "{message}",
            description: "Deliveries not yet made or given up, and events not yet fanned out.");
        meter.CreateObservableGauge("agenda.outbox.oldest_age", () => depth.OldestAge?.TotalSeconds ?? 0, unit: "s",
            description: "How long the oldest waiting message has waited.");
    }

    public OutboxDepth Depth => depth;

    public void Measured(OutboxDepth measured) => depth = measured;

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
