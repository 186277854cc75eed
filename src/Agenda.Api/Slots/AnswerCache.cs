using Agenda.Storage;
using NodaTime;

namespace Agenda.Api.Slots;

/// <summary>
/// Search answers as the bytes sent, so a repeated search is neither recomputed nor serialised again. An answer is
/// sent again only while all of these hold: no write to the owner has committed since it was computed
/// (<see cref="ScheduleChanges"/>), and the clock is still before the moment its offer would change (a slot coming
/// closer than the minimum notice, or within the horizon; see <c>SlotClock.OfferUnchangedUntil</c>). So it is exactly
/// the answer a fresh search would give.
/// </summary>
internal sealed class AnswerCache(SlotCache cache, ScheduleChanges changes, SlotCacheMetrics metrics)
{
    public bool TryGet(object key, Instant now, out byte[] utf8Json)
    {
        if (cache.TryGet<EncodedAnswer>(key, out var answer)
            && answer.ComputedAt <= now && now < answer.Until
            && changes.IsCurrent(answer.OwnerId, answer.ScheduleVersion, answer.Epoch))
        {
            metrics.AnswerReused();
            utf8Json = answer.Utf8Json;
            return true;
        }

        utf8Json = [];
        return false;
    }

    public void Set(object key, EncodedAnswer answer) => cache.Set(key, answer, answer.Utf8Json.Length);

    /// <summary>A team search's answer, sent again while no write to any of its hosts has committed and the clock allows.</summary>
    public bool TryGetTeam(object key, Instant now, out byte[] utf8Json)
    {
        if (cache.TryGet<EncodedTeamAnswer>(key, out var answer)
            && answer.ComputedAt <= now && now < answer.Until
            && answer.Hosts.All(h => changes.IsCurrent(h.OwnerId, h.ScheduleVersion, h.Epoch)))
        {
            metrics.AnswerReused();
            utf8Json = answer.Utf8Json;
            return true;
        }

        utf8Json = [];
        return false;
    }

    public void SetTeam(object key, EncodedTeamAnswer answer) => cache.Set(key, answer, answer.Utf8Json.Length);
}

/// <summary>A team search's bytes, and what they were computed from: each host's schedule version and epoch, and the clock.</summary>
internal sealed record EncodedTeamAnswer(byte[] Utf8Json, IReadOnlyList<HostBasis> Hosts, Instant ComputedAt, Instant Until);

/// <summary>A host's schedule version, read in an epoch, that a team answer rests on.</summary>
internal sealed record HostBasis(string OwnerId, long ScheduleVersion, long Epoch);

/// <summary>An answer's bytes, and what it was computed from: the owner's schedule version read in an epoch, and the clock.</summary>
internal sealed record EncodedAnswer(byte[] Utf8Json, string OwnerId, long ScheduleVersion, long Epoch, Instant ComputedAt, Instant Until);
