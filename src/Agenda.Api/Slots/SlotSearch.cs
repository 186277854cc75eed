using Agenda.Scheduling;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Slots;

/// <summary>
/// Free slots of an owner, served from a cache of computed slots per owner calendar date. Each entry holds the owner's
/// schedule version it was computed at, which every write that can change the owner's slots raises inside its own
/// transaction. The owner comes from <see cref="OwnerCache"/> at the newest version <see cref="ScheduleChanges"/>
/// knows, so once a write has been answered, an entry computed before it is used only if every change since touched
/// bookings far from its date (<see cref="Kept"/>). Entries hold slots before the clock is applied, so they stay valid
/// as time passes.
/// </summary>
internal sealed class SlotSearch(IScheduleReader schedules, SlotCache cache, SlotCacheMetrics metrics, ScheduleChanges changes)
{
    /// <summary>
    /// The slots of <paramref name="type"/> that start inside the range and can be booked at <paramref name="now"/>,
    /// sorted by start; null for an owner that is gone. <paramref name="range"/> gets the owner's zone, for searches
    /// that are stated in it.
    /// </summary>
    public async Task<SlotSearchResult?> FreeSlotsAsync(
        OwnerCopy ownerCopy, Func<DateTimeZone, Interval> range, MeetingType type, string typeKey, Instant now, CancellationToken cancellationToken)
    {
        var owner = ownerCopy.Owner;
        var instants = range(owner.Zone);
        var dates = CalendarDates.Covering(instants, owner.Zone).ToList();
        var perDate = new Dictionary<LocalDate, IReadOnlyList<Slot>>();
        var seatsLeft = new Dictionary<Instant, int>();
        Instant? holdsChangeAt = null; // the answer is out of date once the first hold it counts expires
        foreach (var date in dates)
        {
            if (Kept(owner, date, type, typeKey, now) is { } kept)
            {
                metrics.Hit();
                perDate[date] = kept.Slots;
                Add(seatsLeft, kept.OpenSeats);
                holdsChangeAt = Earliest(holdsChangeAt, kept.Until);
            }
        }

        var consistent = true;
        var missing = dates.Where(d => !perDate.ContainsKey(d)).ToList();
        if (missing.Count > 0)
        {
            var read = await schedules.LoadScheduleAsync(owner.Id, new DateInterval(missing[0], missing[^1]), now, cancellationToken, type);
            if (read is null)
            {
                return null;
            }

            // A write committed since the owner was read: these dates are newer than the others, so the answer is
            // right for this moment but must not be kept as the answer of either version.
            consistent = read.Owner.ScheduleVersion == owner.ScheduleVersion;
            owner = read.Owner;
            holdsChangeAt = Earliest(holdsChangeAt, read.HoldsChangeAt);
            foreach (var date in missing)
            {
                metrics.Miss();
                var slots = read.Schedule.FreeSlotsOn(date, type, typeKey);
                var taken = SeatsLeftOf(read.Schedule, slots, type, typeKey);
                // Kept with the version these were read at, which may be newer than the one looked up above.
                cache.Set(new SlotCacheKey(owner.Id, date, typeKey, type), new DateSlots(read.Owner.ScheduleVersion, slots) { Until = read.HoldsChangeAt, OpenSeats = taken });
                perDate[date] = slots;
                Add(seatsLeft, taken);
            }
        }

        var candidates = dates.SelectMany(d => perDate[d]).Where(s => instants.Contains(s.Start)).ToList();
        var offered = candidates.Bookable(type, now).ToList();
        var until = candidates.OfferUnchangedUntil(type, now);
        if (holdsChangeAt is { } expiry && expiry < until)
        {
            until = expiry;
        }

        var basis = consistent ? new AnswerBasis(owner.ScheduleVersion, ownerCopy.Epoch, now, until) : null;
        return new SlotSearchResult(owner, offered, basis) { OpenSeats = seatsLeft, Seats = type.Seats };
    }

    /// <summary>For a type with seats, the seats left of each offered slot where some are taken; null for any other type.</summary>
    private static Dictionary<Instant, int>? SeatsLeftOf(OwnerSchedule schedule, IReadOnlyList<Slot> slots, MeetingType type, string typeKey)
    {
        if (type.Seats is null)
        {
            return null;
        }

        var taken = new Dictionary<Instant, int>();
        foreach (var slot in slots)
        {
            if (schedule.SeatsAt(slot, type, typeKey) is { } seats)
            {
                taken[slot.Start] = seats.Left;
            }
        }

        return taken;
    }

    private static void Add(Dictionary<Instant, int> into, IReadOnlyDictionary<Instant, int>? taken)
    {
        foreach (var (start, count) in taken ?? new Dictionary<Instant, int>())
        {
            into[start] = count;
        }
    }

    /// <summary>
    /// The date's kept slots, if they are those of the owner's version: computed at it, or at an earlier version when
    /// every change since changed only bookings far from the date (<see cref="ScheduleChanges.UnchangedWithin"/>). Then
    /// they are kept again at this version, so a booking recomputes only the dates it is near.
    /// </summary>
    private DateSlots? Kept(OwnerSnapshot owner, LocalDate date, MeetingType type, string typeKey, Instant now)
    {
        var key = new SlotCacheKey(owner.Id, date, typeKey, type);
        if (!cache.TryGet(key, out var kept) || kept.Version > owner.ScheduleVersion || now >= kept.Until)
        {
            return null;
        }

        if (kept.Version < owner.ScheduleVersion)
        {
            // Limits make a date's slots depend on every booking of the weeks, months or years they count over.
            var dates = new DateInterval(date, date);
            var reach = type.ReachOf(CalendarDates.Span(LimitPeriods.Counted(dates, owner.FirstDayOfWeek, owner.Limits, type.Limits) ?? dates, owner.Zone));
            if (!changes.UnchangedWithin(owner.Id, kept.Version, owner.ScheduleVersion, reach))
            {
                return null;
            }

            cache.Set(key, kept with { Version = owner.ScheduleVersion });
        }

        return kept;
    }

    private static Instant? Earliest(Instant? a, Instant? b) => a is null ? b : b is null ? a : Instant.Min(a.Value, b.Value);
}

/// <summary>A date's free slots, before the clock is applied, as of the owner's schedule <paramref name="Version"/>.</summary>
internal sealed record DateSlots(long Version, IReadOnlyList<Slot> Slots)
{
    /// <summary>When the first hold these slots count expires; from then on they are out of date. Null: no hold counted.</summary>
    public Instant? Until { get; init; }

    /// <summary>For a type with seats, how many seats are left of each of these slots where some are taken (by start).</summary>
    public IReadOnlyDictionary<Instant, int>? OpenSeats { get; init; }
}

/// <param name="Basis">What the answer rests on, for keeping it (<see cref="AnswerCache"/>); null when it must not be kept.</param>
internal sealed record SlotSearchResult(OwnerSnapshot Owner, IReadOnlyList<Slot> Slots, AnswerBasis? Basis)
{
    /// <summary>The seats each slot offers, for a type with seats; null for any other type.</summary>
    public int? Seats { get; init; }

    /// <summary>The seats left of the slots where some are taken, by start; every other slot offers all <see cref="Seats"/>.</summary>
    public IReadOnlyDictionary<Instant, int> OpenSeats { get; init; } = new Dictionary<Instant, int>();

    /// <summary>How many seats of <paramref name="slot"/> are left; null for a type without seats.</summary>
    public int? SeatsLeft(Slot slot) => Seats is { } seats ? OpenSeats.GetValueOrDefault(slot.Start, seats) : null;

    /// <summary>Encodes the answer made of this result and keeps it under <paramref name="key"/> when it may be kept.</summary>
    public byte[] Encode<T>(T body, object key, AnswerCache answers, System.Text.Json.JsonSerializerOptions options)
    {
        var utf8Json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body, options);
        if (Basis is { } basis)
        {
            answers.Set(key, new EncodedAnswer(utf8Json, Owner.Id, basis.ScheduleVersion, basis.Epoch, basis.ComputedAt, basis.Until));
        }

        return utf8Json;
    }
}

/// <summary>The owner's schedule version and the epoch it was read in, and the clock: computed at, unchanged until.</summary>
internal sealed record AnswerBasis(long ScheduleVersion, long Epoch, Instant ComputedAt, Instant Until);

/// <summary>What a date's slots are kept under; the version they are of is kept with them (<see cref="DateSlots"/>).</summary>
internal sealed record SlotCacheKey(string OwnerId, LocalDate Date, string TypeKey, MeetingType Type);
