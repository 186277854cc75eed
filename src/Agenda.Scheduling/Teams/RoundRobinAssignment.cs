using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Scheduling.Teams;

/// <summary>
/// Which rotating host gets a round-robin booking. Among the candidates (the hosts free for the slot and not out of
/// office during it), in order:
/// <list type="number">
/// <item>Weight: the host furthest below their quota of the bookings in the fairness window, this one included. A host's
/// quota of m bookings is m * weight / (sum of the candidates' weights); the host with the largest quota minus bookings
/// received goes first.</item>
/// <item>Priority: higher first.</item>
/// <item>Least recently assigned (a host never assigned first), over their whole history.</item>
/// <item>Random, with the <see cref="Random"/> passed in, among the remaining hosts ordered by owner id.</item>
/// </list>
/// <para>
/// The fairness window is the same for every candidate: from the latest of now minus <see cref="FairnessPeriod"/>, the
/// latest join time of a candidate, and the latest end (not after now) of a candidate's out-of-office period, to now.
/// Counting everyone from the moment the candidates last changed means a host who joins late, or comes back from
/// leave, starts level with the others and receives their weight's share of the following bookings, instead of all of
/// them until their count catches up. The price is that older imbalance is forgiven rather than repaid.
/// </para>
/// <para>
/// Guarantee: while the candidates stay the same and the window does not slide (no assignment in it is older than the
/// period), after m bookings every host has received more than quota - (k - 1) and less than quota + 1 of them, for k
/// candidates. (The chosen host is always below the quota that includes the new booking, since quotas sum to one more
/// than the bookings received; and what one host is over, the others are under.)
/// </para>
/// </summary>
public sealed record RoundRobinAssignment
{
    /// <summary>Fairness over the last 30 days.</summary>
    public static readonly RoundRobinAssignment Default = new(Duration.FromDays(30));

    public RoundRobinAssignment(Duration fairnessPeriod)
    {
        if (fairnessPeriod <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(fairnessPeriod), fairnessPeriod, "A fairness period must be longer than zero.");
        }

        FairnessPeriod = fairnessPeriod;
    }

    /// <summary>How far back assignments count toward a host's share, at most.</summary>
    public Duration FairnessPeriod { get; }

    /// <summary>
    /// The host who gets the booking of <paramref name="slot"/> at <paramref name="now"/>, or null when no candidate is
    /// eligible. <paramref name="history"/> holds the hosts' team assignments and join times; a host missing from it was
    /// never assigned and has been a member throughout.
    /// </summary>
    public TeamMember? Choose(Slot slot, IReadOnlyList<TeamMember> candidates, IReadOnlyDictionary<string, HostHistory> history, Instant now, Random random)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(random);
        var eligible = candidates.Where(c => !c.IsOutOfOfficeDuring(slot)).ToList();
        if (eligible.Count == 0)
        {
            return null;
        }

        var window = FairnessWindow(eligible, history, now);
        var received = eligible.Select(c => HostQuorum.HistoryOf(c, history).AssignedBetween(window.Start, window.End)).ToList();
        var totalWeight = eligible.Sum(c => (long)c.Weight);
        var afterThis = received.Sum() + 1;

        // Quota minus received, scaled by the total weight so it stays an exact integer: weight * m - received * total.
        var ranked = eligible
            .Select((host, i) => (
                Host: host,
                Shortfall: ((Int128)host.Weight * afterThis) - ((Int128)received[i] * totalWeight),
                LastAssigned: HostQuorum.HistoryOf(host, history).LastAssignedAt ?? Instant.MinValue))
            .ToList();
        var best = ranked
            .OrderByDescending(r => r.Shortfall)
            .ThenByDescending(r => r.Host.Priority)
            .ThenBy(r => r.LastAssigned)
            .First();
        var tied = ranked
            .Where(r => r.Shortfall == best.Shortfall && r.Host.Priority == best.Host.Priority && r.LastAssigned == best.LastAssigned)
            .Select(r => r.Host)
            .OrderBy(h => h.OwnerId, StringComparer.Ordinal)
            .ToList();
        return tied.Count == 1 ? tied[0] : tied[random.Next(tied.Count)];
    }

    /// <summary>
    /// The instants whose assignments count toward the shares of <paramref name="candidates"/> at <paramref name="now"/>:
    /// from the latest of now minus the period, a candidate's join and a candidate's return from out of office, to now
    /// (both included). A join after now counts as now.
    /// </summary>
    public Interval FairnessWindow(IReadOnlyList<TeamMember> candidates, IReadOnlyDictionary<string, HostHistory> history, Instant now)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var start = now - FairnessPeriod;
        foreach (var host in candidates)
        {
            start = Instant.Max(start, HostQuorum.HistoryOf(host, history).JoinedAt);
            foreach (var absence in host.OutOfOffice)
            {
                if (absence.End <= now)
                {
                    start = Instant.Max(start, absence.End);
                }
            }
        }

        return new Interval(Instant.Min(start, now), now);
    }
}
