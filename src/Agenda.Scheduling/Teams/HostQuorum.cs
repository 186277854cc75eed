using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Scheduling.Teams;

/// <summary>
/// What collective and round-robin teams share: a slot is offered when every required host is free for it and at
/// least a number of the other hosts (the pool) are. "Free" is each host's own <see cref="TeamMember.Decide"/>, so
/// the engine's personal rules (grid, notice, horizon, daily cap, buffers, busy time) are applied, never re-implemented.
/// </summary>
internal sealed record HostQuorum(IReadOnlyList<TeamMember> Required, IReadOnlyList<TeamMember> Pool, int FromPool)
{
    /// <summary>
    /// Refusal reasons in the order <see cref="OwnerSchedule.Decide"/> checks them: a host refusing for a later reason came
    /// closer to accepting. When too few hosts of the pool are free, the team gives the reason of the one that came
    /// closest, so a slot that some host had but is now booked is <see cref="BookingOutcome.Taken"/>.
    /// </summary>
    private static readonly BookingOutcome[] CheckOrder =
    [
        BookingOutcome.OutsideAvailability,
        BookingOutcome.NotOnSlotGrid,
        BookingOutcome.InThePast,
        BookingOutcome.TooSoon,
        BookingOutcome.BeyondHorizon,
        BookingOutcome.DailyLimitReached,
        BookingOutcome.LimitReached,
        BookingOutcome.Taken,
        BookingOutcome.InviteeLimitReached,
    ];

    /// <summary>
    /// The slots starting in <paramref name="range"/> that the quorum can take at <paramref name="now"/>, sorted by start.
    /// A host's <see cref="TeamMember.FreeSlots"/> are exactly the slots its Decide accepts, so this is the set of
    /// slots every required host and enough of the pool accept.
    /// </summary>
    public IReadOnlyList<Slot> FreeSlots(Interval range, MeetingType type, string typeKey, Instant now) =>
        Combine(
            Required.Select(h => h.FreeSlots(range, type, typeKey, now)).ToList(),
            Pool.Select(h => h.FreeSlots(range, type, typeKey, now)).ToList(),
            FromPool);

    /// <summary>
    /// The slots in every list of <paramref name="required"/> and in at least <paramref name="fromPool"/> lists of
    /// <paramref name="pool"/>, sorted by start: the team's offer made of each host's own offer, however those were
    /// computed (here, or kept per host by the host's cache).
    /// </summary>
    public static IReadOnlyList<Slot> Combine(IReadOnlyList<IReadOnlyList<Slot>> required, IReadOnlyList<IReadOnlyList<Slot>> pool, int fromPool)
    {
        var poolSets = pool.Select(p => p.ToHashSet()).ToList();

        // Candidates come from one required host (every offered slot is theirs), else from anyone in the pool. Slots of one
        // type all last the same, so a start names a slot and ordering by start orders them.
        var candidates = required.Count > 0
            ? required[0].OrderBy(s => s.Start).ToList()
            : poolSets.SelectMany(p => p).Distinct().OrderBy(s => s.Start).ToList();
        var requiredSets = required.Skip(1).Select(r => r.ToHashSet()).ToList();
        return candidates
            .Where(s => requiredSets.All(r => r.Contains(s)) && poolSets.Count(p => p.Contains(s)) >= fromPool)
            .ToList();
    }

    /// <summary>
    /// Decides <paramref name="slot"/>: the first required host's refusal (in team order), else the pool's closest refusal when
    /// fewer than <see cref="FromPool"/> of it are free, else accepted with the free pool hosts (in team order) to choose from.
    /// </summary>
    public (BookingOutcome Outcome, IReadOnlyList<TeamMember> FreePool) Decide(Slot slot, MeetingType type, string typeKey, Instant now)
    {
        foreach (var host in Required)
        {
            var outcome = host.Decide(slot, type, typeKey, now);
            if (outcome != BookingOutcome.Accepted)
            {
                return (outcome, []);
            }
        }

        var free = new List<TeamMember>();
        var closest = -1;
        foreach (var host in Pool)
        {
            var outcome = host.Decide(slot, type, typeKey, now);
            if (outcome == BookingOutcome.Accepted)
            {
                free.Add(host);
            }
            else
            {
                closest = Math.Max(closest, Array.IndexOf(CheckOrder, outcome));
            }
        }

        return free.Count >= FromPool ? (BookingOutcome.Accepted, free) : (CheckOrder[closest], []);
    }

    /// <summary>
    /// Decides the meetings of a series for hosts who take every one of them: each required host must accept every
    /// meeting, and the pool hosts free for every meeting are those to choose from (at least <see cref="FromPool"/>). When
    /// a required host refuses, the meetings named are those a required host refuses, each with the first one's reason
    /// (in team order). When too few pool hosts can take every meeting, the meetings named are those that stand in the
    /// way of the pool hosts who come closest (who can take the most meetings, then in team order), each with the reason
    /// of the first of them to refuse it: without those meetings, the series would be booked. A meeting whose wall-clock
    /// time does not exist is <see cref="BookingOutcome.OutsideAvailability"/> for everyone.
    /// </summary>
    public (IReadOnlyList<SeriesRefusal> Refused, IReadOnlyList<TeamMember> FreePool) DecideSeries(
        IReadOnlyList<SeriesOccurrence> occurrences, MeetingType type, string typeKey, Instant now)
    {
        ArgumentNullException.ThrowIfNull(occurrences);
        List<SeriesRefusal> RefusalsOf(TeamMember host)
        {
            // The host's own series decision: a limit over a week, month or year counts the earlier meetings they accepted.
            var schedule = host.Schedule;
            var counting = schedule.CountsAcrossDates(type);
            var refused = new List<SeriesRefusal>();
            foreach (var o in occurrences)
            {
                var reason = o.Slot is not { } slot ? BookingOutcome.OutsideAvailability
                    : host.IsOutOfOfficeDuring(slot) ? BookingOutcome.OutsideAvailability
                    : schedule.Decide(slot, type, typeKey, now);
                if (reason != BookingOutcome.Accepted)
                {
                    refused.Add(new SeriesRefusal(o, reason));
                }
                else if (counting)
                {
                    schedule = schedule.With(new ExistingBooking(new Interval(o.Slot!.Value.Start, o.Slot.Value.End), type.Blocks(o.Slot.Value), typeKey));
                }
            }

            return refused;
        }

        var required = Required.Select(RefusalsOf).ToList();
        if (required.Any(r => r.Count > 0))
        {
            return (FirstPerMeeting(occurrences, required), []);
        }

        var pool = Pool.Select(h => (Host: h, Refused: RefusalsOf(h))).ToList();
        var free = pool.Where(p => p.Refused.Count == 0).Select(p => p.Host).ToList();
        if (free.Count >= FromPool)
        {
            return ([], free);
        }

        // OrderBy is stable: hosts refusing as few meetings come in team order.
        return (FirstPerMeeting(occurrences, [.. pool.OrderBy(p => p.Refused.Count).Take(FromPool).Select(p => p.Refused)]), []);
    }

    /// <summary>Each meeting some host refuses, in order, with the reason of the first host (in the order given) to refuse it.</summary>
    private static List<SeriesRefusal> FirstPerMeeting(IReadOnlyList<SeriesOccurrence> occurrences, IReadOnlyList<List<SeriesRefusal>> byHost) =>
    [
        .. occurrences
            .Select(o => byHost.SelectMany(refused => refused).FirstOrDefault(r => r.Occurrence.Index == o.Index))
            .OfType<SeriesRefusal>(),
    ];

    /// <summary>Guards what every team needs: at least one host, and no host twice.</summary>
    public static IReadOnlyList<TeamMember> RequireHosts(IReadOnlyList<TeamMember> hosts, string name)
    {
        ArgumentNullException.ThrowIfNull(hosts, name);
        if (hosts.Count == 0)
        {
            throw new ArgumentOutOfRangeException(name, "A team needs at least one host.");
        }

        if (hosts.Select(h => h.OwnerId).Distinct(StringComparer.Ordinal).Count() != hosts.Count)
        {
            throw new ArgumentOutOfRangeException(name, "A host can be listed only once in a team.");
        }

        return hosts;
    }

    /// <summary>A host's history, or <see cref="HostHistory.None"/> when there is none.</summary>
    public static HostHistory HistoryOf(TeamMember host, IReadOnlyDictionary<string, HostHistory>? history) =>
        history is not null && history.TryGetValue(host.OwnerId, out var found) ? found : HostHistory.None;
}
