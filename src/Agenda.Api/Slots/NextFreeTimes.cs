using Agenda.Api.Platform.Hosting;
using Agenda.Api.Platform.Wire;
using Agenda.Scheduling.Slots;
using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Slots;

/// <summary>
/// The next free times of an owner across meeting types, soonest first: what an assistant or an agent asks ("the next
/// five times Ana is free"), without choosing dates. Each type's slots are the search's own (the same cache, the same
/// engine), so every time answered can be booked as answered; the search goes forward a fortnight at a time, up to a
/// year ahead or the last type's horizon, and stops as soon as it has enough. A team's next free times
/// (<c>Teams/TeamFreeTimes</c>) go the same way over the team's offers.
/// </summary>
internal sealed class NextFreeTimes(OwnerCache owners, IMeetingTypeStore meetingTypes, SlotSearch search, TimeProvider time)
{
    public const int DefaultCount = 5;
    public const int MaxCount = 50;
    public const int MaxTypes = 20;

    /// <summary>How far ahead the search goes at most.</summary>
    public static readonly Duration Ahead = Duration.FromDays(366);

    private static readonly Duration Step = Duration.FromDays(14);

    /// <param name="slugs">The meeting types to search; null: every type not marked private.</param>
    public async Task<Outcome<FreeTimes>> FindAsync(string ownerId, IReadOnlyList<string>? slugs, int? count, CancellationToken cancellationToken)
    {
        if (ReadRequest(slugs, count) is not { } wanted)
        {
            return new Outcome<FreeTimes>.Invalid(Errors(slugs, count));
        }

        if (await owners.FindOwnerAsync(ownerId, cancellationToken) is not { } owner
            || await meetingTypes.ListMeetingTypesAsync(ownerId, cancellationToken) is not { } all)
        {
            return new Outcome<FreeTimes>.Refused(Refusal.UnknownOwner(ownerId));
        }

        if (Select(all, slugs, out var missing) is not { } types)
        {
            return new Outcome<FreeTimes>.Refused(Refusal.NotFound(new("UnknownMeetingTypeIn", ownerId, missing)));
        }

        var now = time.GetCurrentInstant();
        var found = await SoonestAsync(types, wanted, now, async (type, window) =>
            await search.FreeSlotsAsync(owner, _ => window, type.Rules, type.Slug, now, cancellationToken) is { } result
                ? [.. result.Slots.Select(s => (s, result.SeatsLeft(s)))]
                : null);
        return found is null ? new Outcome<FreeTimes>.Refused(Refusal.UnknownOwner(ownerId)) : new FreeTimes(owner.Owner.Zone, found);
    }

    /// <summary>How many times are wanted; null when <paramref name="count"/> or <paramref name="slugs"/> is wrong (<see cref="Errors"/> says why).</summary>
    internal static int? ReadRequest(IReadOnlyList<string>? slugs, int? count) => Errors(slugs, count).Any ? null : count ?? DefaultCount;

    internal static RequestErrors Errors(IReadOnlyList<string>? slugs, int? count)
    {
        var errors = new RequestErrors();
        errors.Number("count", count, 1, MaxCount, required: false);
        if (slugs is { Count: > MaxTypes })
        {
            errors.Add("meeting_types", "TooManyMeetingTypes", MaxTypes);
        }

        foreach (var slug in slugs ?? [])
        {
            errors.Slug("meeting_types", slug);
        }

        return errors;
    }

    /// <summary>The types named by <paramref name="slugs"/> (null: every type not marked private); null when one is missing, named by <paramref name="missing"/>.</summary>
    internal static List<StoredMeetingType>? Select(IEnumerable<StoredMeetingType> all, IReadOnlyList<string>? slugs, out string missing)
    {
        missing = "";
        var types = all.ToList();
        if (slugs is null)
        {
            return [.. types.Where(t => !t.Details.Private)];
        }

        var selected = new List<StoredMeetingType>();
        foreach (var slug in slugs)
        {
            if (types.FirstOrDefault(t => t.Slug == slug) is not { } type)
            {
                missing = slug;
                return null;
            }

            selected.Add(type);
        }

        return selected;
    }

    /// <summary>
    /// The <paramref name="wanted"/> soonest free times of <paramref name="types"/> (ties by slug), from
    /// <paramref name="slotsIn"/> (a type's free slots starting in a window, with the seats left; null when the owner is
    /// gone, which ends the search with null). Every window before the last one searched is complete, so the soonest
    /// found are the soonest there are.
    /// </summary>
    internal static async Task<List<FreeTime>?> SoonestAsync(
        IReadOnlyList<StoredMeetingType> types, int wanted, Instant now, Func<StoredMeetingType, Interval, Task<IReadOnlyList<(Slot Slot, int? SeatsLeft)>?>> slotsIn)
    {
        var until = now + Ahead;
        if (types.Count > 0 && types.All(t => t.Rules.Horizon is not null))
        {
            // No type offers a time beyond its horizon: the search ends at the last one's (a day more for its last date).
            until = Instant.Min(until, now + types.Max(t => t.Rules.Horizon!.Value) + Duration.FromDays(1));
        }

        var found = new List<FreeTime>();
        for (var from = now; from < until && found.Count < wanted; from += Step)
        {
            var window = new Interval(from, Instant.Min(from + Step, until));
            foreach (var type in types)
            {
                if (await slotsIn(type, window) is not { } slots)
                {
                    return null;
                }

                found.AddRange(slots.Where(s => s.Slot.Start >= window.Start && s.Slot.Start < window.End).Select(s => new FreeTime(type, s.Slot, s.SeatsLeft)));
            }
        }

        return [.. found.OrderBy(f => f.Slot.Start).ThenBy(f => f.Type.Slug, StringComparer.Ordinal).Take(wanted)];
    }
}

/// <summary>Next free times, soonest first, and the zone they are shown in unless another is asked for (the owner's, or a team's first host's).</summary>
internal sealed record FreeTimes(DateTimeZone Zone, IReadOnlyList<FreeTime> Times);

/// <summary>A free time: a slot of a meeting type, and for a type with seats how many are left.</summary>
internal sealed record FreeTime(StoredMeetingType Type, Slot Slot, int? SeatsLeft);
