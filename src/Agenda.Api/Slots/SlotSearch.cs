using Agenda.Api.Hosting;
using Agenda.Scheduling;
using Agenda.Scheduling.Slots;
using Agenda.Storage;
using Microsoft.Extensions.Caching.Memory;
using NodaTime;

namespace Agenda.Api.Slots;

/// <summary>
/// Free slots of an owner on a date, served from a cache of computed slots.
/// Entries are keyed by the owner's schedule version, which every write to the owner's rules or bookings
/// increases inside its own transaction. Each search reads the current version first, so once a write has
/// been answered, no search can be served an entry computed before it: that entry's key is never asked for
/// again, and it simply ages out. Entries hold slots before the clock is applied, so they stay valid as time passes.
/// </summary>
public sealed class SlotSearch(IScheduleStore store, SlotCache cache, SlotCacheMetrics metrics)
{
    /// <returns>The owner and their free slots starting at or after <paramref name="now"/>, sorted by start; null for an unknown owner.</returns>
    public async Task<SlotSearchResult?> FreeSlotsAsync(string ownerId, LocalDate date, SlotShape shape, Instant now, CancellationToken cancellationToken)
    {
        var owner = await store.FindOwnerAsync(ownerId, cancellationToken);
        if (owner is null)
        {
            return null;
        }

        var key = new SlotCacheKey(ownerId, date, shape, owner.ScheduleVersion);
        if (cache.TryGet(key, out var cached))
        {
            metrics.Hit();
            return new SlotSearchResult(owner, cached.NotBefore(now));
        }

        metrics.Miss();
        var read = await store.LoadDayAsync(ownerId, date, cancellationToken);
        if (read is null)
        {
            return null;
        }

        var slots = read.Day.FreeSlots(shape);
        // Keyed by the version these rules and bookings were read at, which may be newer than the one above.
        cache.Set(key with { ScheduleVersion = read.Owner.ScheduleVersion }, slots);
        return new SlotSearchResult(read.Owner, slots.NotBefore(now));
    }
}

public sealed record SlotSearchResult(OwnerSnapshot Owner, IReadOnlyList<Slot> Slots);

public sealed record SlotCacheKey(string OwnerId, LocalDate Date, SlotShape Shape, long ScheduleVersion);

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
