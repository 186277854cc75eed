using System.Diagnostics.Metrics;

namespace Agenda.Api.Calendars.Sync;

/// <summary>The meter <c>Agenda.Calendars</c>: reads by kind and result, connections by state, re-checks that ran out of time.</summary>
internal sealed class CalendarMetrics : IDisposable
{
    public const string MeterName = "Agenda.Calendars";

    private readonly Meter meter = new(MeterName);
    private readonly Counter<long> syncs;
    private readonly Counter<long> recheckTimeouts;
    private volatile IReadOnlyDictionary<string, long> byState = new Dictionary<string, long>();

    public CalendarMetrics()
    {
        syncs = meter.CreateCounter<long>("agenda.calendars.syncs", description: "Reads of connected calendars, by kind and result.");
        recheckTimeouts = meter.CreateCounter<long>("agenda.calendars.recheck_timeouts", description: "Bookings that went ahead before the owner's calendars were read again.");
        meter.CreateObservableGauge("agenda.calendars.connections", () => byState.Select(s => new Measurement<long>(s.Value, new KeyValuePair<string, object?>("state", s.Key))),
            description: "Connected calendars by state (pending, ok, failing, stale).");
    }

    public void Synced(string kind, bool succeeded) =>
        syncs.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("result", succeeded ? "ok" : "failed"));

    public void RecheckTimedOut() => recheckTimeouts.Add(1);

    public void Measured(IReadOnlyDictionary<string, long> states) => byState = states;

    public void Dispose() => meter.Dispose();
}
