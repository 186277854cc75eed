using System.Diagnostics.Metrics;

namespace Agenda.Api.Slots;

/// <summary>Counts slot-cache hits and misses on the meter <c>Agenda.SlotCache</c>, for any metrics exporter to observe.</summary>
public sealed class SlotCacheMetrics
{
    public const string MeterName = "Agenda.SlotCache";
    public const string HitsName = "agenda.slot_cache.hits";
    public const string MissesName = "agenda.slot_cache.misses";

    private readonly Counter<long> hits;
    private readonly Counter<long> misses;

    public SlotCacheMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        hits = meter.CreateCounter<long>(HitsName, unit: "{lookup}", description: "Slot searches answered from the cache.");
        misses = meter.CreateCounter<long>(MissesName, unit: "{lookup}", description: "Slot searches that had to read the store and compute slots.");
    }

    public void Hit() => hits.Add(1);

    public void Miss() => misses.Add(1);
}
