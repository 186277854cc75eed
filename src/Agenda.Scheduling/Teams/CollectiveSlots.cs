using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Scheduling.Teams;

/// <summary>
/// A team whose hosts meet the invitee together. A slot is offered when every required host is free for it: their own
/// <see cref="TeamMember.Decide"/> accepts it at that instant (their hours in their zone, notice, horizon, daily cap, their
/// bookings and busy times with buffers, out of office). Without <c>hostsPerBooking</c>, every host is required; with
/// it, the fixed hosts are required and the rest of the places are filled from the other hosts who are free.
/// <para>
/// There is no separate team grid: a slot must be a slot of every required host's own grid (cut in that host's zone
/// from the start of each of their windows), because that is what each host's own Decide accepts. The offer is
/// therefore the intersection of the hosts' own free slots and does not depend on the order of the hosts. Hosts
/// whose hours start off each other's grid (09:00 and 09:30 with hourly steps, or Berlin and Kolkata, 4:30 apart)
/// share no slot; a step that divides the difference (30 minutes) lines them up.
/// </para>
/// </summary>
public sealed record CollectiveSlots
{
    public CollectiveSlots(IReadOnlyList<TeamMember> hosts, int? hostsPerBooking = null)
    {
        Hosts = HostQuorum.RequireHosts(hosts, nameof(hosts));
        var fixedCount = hosts.Count(h => h.IsFixed);
        var perBooking = hostsPerBooking ?? hosts.Count;
        if (perBooking < Math.Max(1, fixedCount) || perBooking > hosts.Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(hostsPerBooking), hostsPerBooking, "A booking takes at least one host and every fixed host, and at most every host.");
        }

        HostsPerBooking = perBooking;
        Quorum = hostsPerBooking is null
            ? new HostQuorum(hosts, [], 0)
            : new HostQuorum(hosts.Where(h => h.IsFixed).ToList(), hosts.Where(h => !h.IsFixed).ToList(), perBooking - fixedCount);
    }

    public IReadOnlyList<TeamMember> Hosts { get; }

    /// <summary>How many hosts join each booking (the "at least N of the listed hosts"); every host unless set.</summary>
    public int HostsPerBooking { get; }

    private HostQuorum Quorum { get; }

    /// <summary>The slots starting in <paramref name="range"/> that enough hosts are free for at <paramref name="now"/>, sorted by start.</summary>
    public IReadOnlyList<Slot> FreeSlots(Interval range, MeetingType type, string typeKey, Instant now) =>
        Quorum.FreeSlots(range, type, typeKey, now);

    /// <summary>
    /// Decides a booking request: accepted exactly when <paramref name="slot"/> is one <see cref="FreeSlots"/> offers at
    /// <paramref name="now"/>. The hosts taken are the required ones and, when only some are needed, the free others by
    /// priority (highest first), then least recently assigned in <paramref name="history"/> (never assigned first), then
    /// owner id (ordinal), so the same facts always give the same hosts. A refusal is the first required host's reason
    /// (in team order), else the reason of the other host who came closest to accepting (so <see cref="BookingOutcome.Taken"/>
    /// when some had the slot but it is booked).
    /// </summary>
    public TeamOutcome Decide(Slot slot, MeetingType type, string typeKey, Instant now, IReadOnlyDictionary<string, HostHistory>? history = null)
    {
        var (outcome, freePool) = Quorum.Decide(slot, type, typeKey, now);
        if (outcome != BookingOutcome.Accepted)
        {
            return TeamOutcome.Refused(outcome);
        }

        return TeamOutcome.Accepted(Take(freePool, history));
    }

    /// <summary>
    /// Decides the meetings of a series for the same hosts throughout: booked exactly when every required host accepts
    /// every meeting and enough of the others are free for every one, the hosts taken as <see cref="Decide"/> takes them
    /// from those; otherwise the meetings that stand in the way (<see cref="HostQuorum.DecideSeries"/>).
    /// </summary>
    public TeamSeriesOutcome DecideSeries(IReadOnlyList<SeriesOccurrence> occurrences, MeetingType type, string typeKey, Instant now, IReadOnlyDictionary<string, HostHistory>? history = null)
    {
        var (refused, freePool) = Quorum.DecideSeries(occurrences, type, typeKey, now);
        return refused.Count > 0 ? TeamSeriesOutcome.Refused(refused) : TeamSeriesOutcome.Accepted(Take(freePool, history));
    }

    /// <summary>The required hosts, then the free others by priority, least recently assigned and owner id.</summary>
    private List<string> Take(IReadOnlyList<TeamMember> freePool, IReadOnlyDictionary<string, HostHistory>? history)
    {
        var chosen = freePool
            .OrderByDescending(h => h.Priority)
            .ThenBy(h => HostQuorum.HistoryOf(h, history).LastAssignedAt ?? Instant.MinValue)
            .ThenBy(h => h.OwnerId, StringComparer.Ordinal)
            .Take(Quorum.FromPool);
        return Quorum.Required.Concat(chosen).Select(h => h.OwnerId).ToList();
    }
}
