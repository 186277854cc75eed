using Agenda.Scheduling.Slots;
using Microsoft.Extensions.Caching.Memory;

namespace Agenda.Api.Slots;

/// <summary>A bounded in-memory store of computed slots, separate from any other cache in the process.</summary>
public sealed class SlotCache(int sizeLimit) : IDisposable
{
    private static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(10);

    private readonly MemoryCache entries = new(new MemoryCacheOptions { SizeLimit = sizeLimit });

    public bool TryGet(SlotCacheKey key, out IReadOnlyList<Slot> slots)
    {
        if (entries.TryGetValue(key, out var value) && value is IReadOnlyList<Slot> found)
        {
            slots = found;
            return true;
        }

        slots = [];
        return false;
    }

    public void Set(SlotCacheKey key, IReadOnlyList<Slot> slots) =>
        entries.Set(key, slots, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = IdleLifetime });

    public void Dispose() => entries.Dispose();
}

public static class SlotSearchRegistration
{
    public static IServiceCollection AddSlotSearch(this IServiceCollection services, IConfiguration configuration)
    {
        var sizeLimit = configuration.GetValue("SlotCache:SizeLimit", 10_000);
        services.AddSingleton(_ => new SlotCache(sizeLimit));
        services.AddSingleton<SlotCacheMetrics>();
        services.AddSingleton<SlotSearch>();
        return services;
    }
}
