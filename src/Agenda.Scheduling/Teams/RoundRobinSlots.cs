using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Scheduling.Teams;

/// <summary>
/// A team that gives each booking to one of its rotating hosts (plus every fixed host). A slot is offered when every
/// fixed host and at least one rotating host are free for it (each by their own <see cref="TeamMember.Decide"/>); the
/// booking goes to the rotating host <see cref="Assignment"/> chooses among those free for that slot.
/// </summary>
public sealed record RoundRobinSlots
{
    public RoundRobinSlots(IReadOnlyList<TeamMember> hosts, RoundRobinAssignment assignment)
    {
        Hosts = HostQuorum.RequireHosts(hosts, nameof(hosts));
        ArgumentNullException.ThrowIfNull(assignment);
        var rotating = hosts.Where(h => !h.IsFixed).ToList();
        if (rotating.Count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(hosts), "A round-robin team needs at least one host who is not fixed.");
        }

        Assignment = assignment;
        Quorum = new HostQuorum(hosts.Where(h => h.IsFixed).ToList(), rotating, 1);
    }

    public IReadOnlyList<TeamMember> Hosts { get; }

    public RoundRobinAssignment Assignment { get; }

    private HostQuorum Quorum { get; }

    /// <summary>The slots starting in <paramref name="range"/> that the fixed hosts and some rotating host are free for at <paramref name="now"/>, sorted by start.</summary>
    public IReadOnlyList<Slot> FreeSlots(Interval range, MeetingType type, string typeKey, Instant now) =>
        Quorum.FreeSlots(range, type, typeKey, now);

    /// <summary>
    /// Decides a booking request: accepted exactly when <paramref name="slot"/> is one <see cref="FreeSlots"/> offers at
    /// <paramref name="now"/>, with the fixed hosts (in team order) and then the rotating host chosen by
    /// <see cref="RoundRobinAssignment.Choose"/> among those free for the slot. A refusal is the first fixed host's reason,
    /// else the reason of the rotating host who came closest to accepting (<see cref="BookingOutcome.Taken"/> when every
    /// one who had the slot is booked).
    /// </summary>
    public TeamOutcome Decide(Slot slot, MeetingType type, string typeKey, Instant now, IReadOnlyDictionary<string, HostHistory> history, Random random)
    {
        var (outcome, free) = Quorum.Decide(slot, type, typeKey, now);
        if (outcome != BookingOutcome.Accepted)
        {
            return TeamOutcome.Refused(outcome);
        }

        // Free hosts are never out of office for the slot, so the assignment always finds one.
        var chosen = Assignment.Choose(slot, free, history, now, random)!;
        return TeamOutcome.Accepted(Quorum.Required.Append(chosen).Select(h => h.OwnerId).ToList());
    }

    /// <summary>
    /// Decides the meetings of a series for one rotating host throughout (plus every fixed host): booked exactly when the
    /// fixed hosts accept every meeting and some rotating host is free for every one, the host chosen among those as
    /// <see cref="Decide"/> chooses for the first meeting; otherwise the meetings that stand in the way of the rotating
    /// host who comes closest (<see cref="HostQuorum.DecideSeries"/>). A series never splits between hosts.
    /// </summary>
    public TeamSeriesOutcome DecideSeries(
        IReadOnlyList<SeriesOccurrence> occurrences, MeetingType type, string typeKey, Instant now, IReadOnlyDictionary<string, HostHistory> history, Random random)
    {
        var (refused, free) = Quorum.DecideSeries(occurrences, type, typeKey, now);
        if (refused.Count > 0)
        {
            return TeamSeriesOutcome.Refused(refused);
        }

        // A host free for every meeting is out of office for none, so the assignment always finds one.
        var chosen = Assignment.Choose(occurrences[0].Slot!.Value, free, history, now, random)!;
        return TeamSeriesOutcome.Accepted(Quorum.Required.Append(chosen).Select(h => h.OwnerId).ToList());
    }
}
