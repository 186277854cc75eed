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
/// year ahead or the last type's horizon, and stops as soon as it has enough.
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
        var errors = new RequestErrors();
        var wanted = errors.Number("count", count, 1, MaxCount, required: false) ?? DefaultCount;
        if (slugs is { Count: > MaxTypes })
        {
            errors.Add("meeting_types", "TooManyMeetingTypes", MaxTypes);
        }

        foreach (var slug in slugs ?? [])
        {
            errors.Slug("meeting_types", slug);
        }

        if (errors.Any)
        {
            return new Outcome<FreeTimes>.Invalid(errors);
        }

        if (await owners.FindOwnerAsync(ownerId, cancellationToken) is not { } owner
            || await meetingTypes.ListMeetingTypesAsync(ownerId, cancellationToken) is not { } all)
        {
            return new Outcome<FreeTimes>.Refused(Refusal.UnknownOwner(ownerId));
        }

        var types = slugs is null ? [.. all.Where(t => !t.Details.Private)] : new List<StoredMeetingType>();
        foreach (var slug in slugs ?? [])
        {
            if (all.FirstOrDefault(t => t.Slug == slug) is not { } type)
            {
                return new Outcome<FreeTimes>.Refused(Refusal.NotFound(new("UnknownMeetingTypeIn", ownerId, slug)));
            }

            types.Add(type);
        }

        var now = time.GetCurrentInstant();
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
                var result = await search.FreeSlotsAsync(owner, _ => window, type.Rules, type.Slug, now, cancellationToken);
                if (result is null)
                {
                    return new Outcome<FreeTimes>.Refused(Refusal.UnknownOwner(ownerId));
                }

                found.AddRange(result.Slots.Where(s => s.Start >= window.Start && s.Start < window.End).Select(s => new FreeTime(type, s, result.SeatsLeft(s))));
            }
        }

        // Every window before the last one searched is complete, so the soonest found are the soonest there are.
        return new FreeTimes(owner.Owner, [.. found.OrderBy(f => f.Slot.Start).ThenBy(f => f.Type.Slug, StringComparer.Ordinal).Take(wanted)]);
    }
}

/// <summary>The owner and their next free times, soonest first.</summary>
internal sealed record FreeTimes(OwnerSnapshot Owner, IReadOnlyList<FreeTime> Times);

/// <summary>A free time: a slot of a meeting type, and for a type with seats how many are left.</summary>
internal sealed record FreeTime(StoredMeetingType Type, Slot Slot, int? SeatsLeft);
