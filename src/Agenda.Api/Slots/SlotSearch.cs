using Agenda.Scheduling;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Slots;

/// <summary>
/// Free slots of an owner, served from a cache of computed slots per owner calendar date.
/// Entries are keyed by the owner's schedule version, which every write that can change the owner's slots
/// raises inside its own transaction. Each search reads the current version first, so once a write has
/// been answered, no search can be served an entry computed before it: that entry's key is never asked for
/// again, and it ages out. Entries hold slots before the clock is applied, so they stay valid as time passes.
/// </summary>
public sealed class SlotSearch(IOwnerStore owners, IScheduleReader schedules, SlotCache cache, SlotCacheMetrics metrics)
{
    /// <summary>
    /// The slots of <paramref name="type"/> that start inside the range and can be booked at <paramref name="now"/>,
    /// sorted by start; null for an unknown owner. <paramref name="range"/> gets the owner's zone, for searches
    /// that are stated in it.
    /// </summary>
    public async Task<SlotSearchResult?> FreeSlotsAsync(
        string ownerId, Func<DateTimeZone, Interval> range, MeetingType type, string typeKey, Instant now, CancellationToken cancellationToken)
    {
        var owner = await owners.FindOwnerAsync(ownerId, cancellationToken);
        if (owner is null)
        {
            return null;
        }

        var instants = range(owner.Zone);
        var dates = CalendarDates.Covering(instants, owner.Zone).ToList();
        var perDate = new Dictionary<LocalDate, IReadOnlyList<Slot>>();
        foreach (var date in dates)
        {
            if (cache.TryGet(new SlotCacheKey(ownerId, date, typeKey, type, owner.ScheduleVersion), out var cached))
            {
                metrics.Hit();
                perDate[date] = cached;
            }
        }

        var missing = dates.Where(d => !perDate.ContainsKey(d)).ToList();
        if (missing.Count > 0)
        {
            var read = await schedules.LoadScheduleAsync(ownerId, new DateInterval(missing[0], missing[^1]), cancellationToken);
            if (read is null)
            {
                return null;
            }

            owner = read.Owner;
            foreach (var date in missing)
            {
                metrics.Miss();
                var slots = read.Schedule.FreeSlotsOn(date, type, typeKey);
                // Keyed by the version these were read at, which may be newer than the one looked up above.
                cache.Set(new SlotCacheKey(ownerId, date, typeKey, type, read.Owner.ScheduleVersion), slots);
                perDate[date] = slots;
            }
        }

        var offered = dates
            .SelectMany(d => perDate[d])
            .Where(s => instants.Contains(s.Start))
            .Bookable(type, now)
            .ToList();
        return new SlotSearchResult(owner, offered);
    }
}

public sealed record SlotSearchResult(OwnerSnapshot Owner, IReadOnlyList<Slot> Slots);

public sealed record SlotCacheKey(string OwnerId, LocalDate Date, string TypeKey, MeetingType Type, long ScheduleVersion);
