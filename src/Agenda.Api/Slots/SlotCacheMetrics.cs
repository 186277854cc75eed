using System.Diagnostics.Metrics;

namespace Agenda.Api.Slots;

/// <summary>Counts slot-cache hits and misses per date, and whole answers reused, on the meter <c>Agenda.SlotCache</c>, for any metrics exporter to observe.</summary>
internal sealed class SlotCacheMetrics
{
    public const string MeterName = "Agenda.SlotCache";
    public const string HitsName = "agenda.slot_cache.hits";
    public const string MissesName = "agenda.slot_cache.misses";
    public const string AnswersReusedName = "agenda.slot_cache.answers_reused";

    private readonly Counter<long> hits;
    private readonly Counter<long> misses;
    private readonly Counter<long> answersReused;

    public SlotCacheMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        hits = meter.CreateCounter<long>(HitsName, unit: "{lookup}", description: "Slot searches answered from the cache.");
        misses = meter.CreateCounter<long>(MissesName, unit: "{lookup}", description: "Slot searches that had to read the store and compute slots.");
        answersReused = meter.CreateCounter<long>(AnswersReusedName, unit: "{search}", description: "Searches answered whole with a kept answer, without reading the store or computing.");
    }

    public void Hit() => hits.Add(1);

    public void Miss() => misses.Add(1);

    public void AnswerReused() => answersReused.Add(1);
}
