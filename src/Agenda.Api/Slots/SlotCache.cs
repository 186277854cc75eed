using Agenda.Scheduling.Slots;
using Microsoft.Extensions.Caching.Memory;

namespace Agenda.Api.Slots;

/// <summary>
/// A bounded in-memory store of computed slots, separate from any other cache in the process. The bound is a budget in
/// bytes (<c>SlotCache:MaxBytes</c>): each entry counts an estimate of what it holds, so a few wide searches cannot
/// take more memory than many narrow ones. An entry that does not fit is not kept (the search is answered anyway) and
/// the cache compacts itself, least recently used first.
/// </summary>
internal sealed class SlotCache(long maxBytes) : IDisposable
{
    /// <summary>The default budget: 64 MiB, room for about 200,000 dates of a typical day's slots.</summary>
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    private static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// What one entry costs besides its slots: the cache's entry object and options, the key record with its owner id
    /// and type key strings, and the meeting type it refers to. Measured roughly, and rounded up.
    /// </summary>
    private const int EntryOverheadBytes = 512;

    /// <summary>A <see cref="Slot"/> is two instants of 12 bytes each, padded to 32 in an array.</summary>
    private const int SlotBytes = 32;

    private readonly MemoryCache entries = new(new MemoryCacheOptions { SizeLimit = maxBytes, TrackStatistics = true, CompactionPercentage = 0.25 });

    /// <summary>The estimated bytes the cache holds now; never more than its budget.</summary>
    public long EstimatedBytes => entries.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    public long MaxBytes => maxBytes;

    public bool TryGet(SlotCacheKey key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out DateSlots slots) => TryGet<DateSlots>(key, out slots);

    public void Set(SlotCacheKey key, DateSlots slots)
    {
        // An array holds no spare capacity, so the estimate stays true (a date carried to a newer version is one already).
        var kept = slots.Slots as Slot[] ?? [.. slots.Slots];
        Set(key, slots with { Slots = kept }, (2L * (key.OwnerId.Length + key.TypeKey.Length)) + (SlotBytes * (long)kept.Length));
    }

    /// <summary>Anything else kept for searches (owners, encoded answers), under the same budget.</summary>
    public bool TryGet<T>(object key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T value)
        where T : class
    {
        value = entries.TryGetValue(key, out var found) ? found as T : null;
        return value is not null;
    }

    /// <param name="bytes">An estimate of what the value holds, besides the entry's own overhead.</param>
    public void Set(object key, object value, long bytes) =>
        entries.Set(key, value, new MemoryCacheEntryOptions { Size = EntryOverheadBytes + bytes, SlidingExpiration = IdleLifetime });

    /// <summary>Forgets every entry: what was computed under time-zone rules no longer in force.</summary>
    public void Clear() => entries.Clear();

    public void Dispose() => entries.Dispose();
}

internal static class SlotSearchRegistration
{
    public static IServiceCollection AddSlotSearch(this IServiceCollection services, IConfiguration configuration)
    {
        var maxBytes = configuration.GetValue("SlotCache:MaxBytes", SlotCache.DefaultMaxBytes);
        if (maxBytes < 0)
        {
            throw new InvalidOperationException($"SlotCache:MaxBytes must be a number of bytes, 0 or more (0 keeps nothing); it is {maxBytes}.");
        }

        if (configuration["SlotCache:SizeLimit"] is not null)
        {
            throw new InvalidOperationException("SlotCache:SizeLimit (a number of entries) was replaced by SlotCache:MaxBytes, a budget in bytes (default 67108864).");
        }

        services.AddSingleton(_ => new SlotCache(maxBytes));
        services.AddSingleton<SlotCacheMetrics>();
        services.AddSingleton<OwnerCache>();
        services.AddSingleton<AnswerCache>();
        services.AddSingleton<TeamCache>();
        services.AddSingleton<SlotSearch>();
        services.AddSingleton<NextFreeTimes>();
        return services;
    }
}
