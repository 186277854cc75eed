using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Scheduling.Teams;

/// <summary>How a team meeting type takes its hosts.</summary>
public enum TeamKind
{
    /// <summary>Every listed host meets the invitee (or at least <see cref="TeamRules.HostsPerBooking"/> of them).</summary>
    Collective,

    /// <summary>One rotating host (plus every fixed host) meets the invitee, chosen by <see cref="RoundRobinAssignment"/>.</summary>
    RoundRobin,
}

/// <summary>Why settings make no team meeting type (<see cref="TeamRules.Problem"/>).</summary>
public enum TeamSettingsProblem
{
    /// <summary>No host is listed.</summary>
    NoHost,

    /// <summary>A host is listed more than once.</summary>
    HostListedTwice,

    /// <summary>A host's weight is zero or less.</summary>
    WeightNotPositive,

    /// <summary>A round-robin type names how many hosts a booking takes; it always takes one rotating host.</summary>
    HostsPerBookingWithRoundRobin,

    /// <summary>A round-robin type whose hosts are all fixed has nobody to rotate.</summary>
    NoRotatingHost,

    /// <summary>A collective type's hosts per booking is outside <see cref="TeamRules.HostsPerBookingRange"/>.</summary>
    HostsPerBookingOutOfRange,
}

/// <summary>
/// A host of a team meeting type as its settings say, before anyone's schedule is known. <paramref name="Schedule"/> names
/// the host's own named schedule whose hours they offer this type (<see cref="MeetingType.Schedule"/>); null for the
/// host's default hours.
/// </summary>
public sealed record TeamHost(string OwnerId, int Weight = TeamMember.DefaultWeight, int Priority = 0, bool IsFixed = false, string? Schedule = null);

/// <summary>
/// The team rules of one team meeting type: its kind, hosts, and for collective types how many hosts each booking
/// takes, for round robin the fairness period. Built only from settings that make a valid team
/// (<see cref="Problem"/> says what is wrong otherwise), it makes the offer out of each host's own offer
/// (<see cref="Combine"/>, for searches served from per-host caches) and decides bookings from the hosts' schedules
/// (<see cref="Decide"/>, inside storage's write transaction) through <see cref="CollectiveSlots"/> and
/// <see cref="RoundRobinSlots"/>, so both agree by construction.
/// </summary>
public sealed record TeamRules
{
    public TeamRules(TeamKind kind, IReadOnlyList<TeamHost> hosts, int? hostsPerBooking = null, Duration? fairnessPeriod = null)
    {
        if (Problem(kind, hosts, hostsPerBooking) is { } problem)
        {
            throw new ArgumentOutOfRangeException(nameof(hosts), problem, "These settings make no team.");
        }

        Kind = kind;
        Hosts = hosts;
        HostsPerBooking = hostsPerBooking;
        Assignment = fairnessPeriod is { } period ? new RoundRobinAssignment(period) : RoundRobinAssignment.Default;
    }

    public TeamKind Kind { get; }

    public IReadOnlyList<TeamHost> Hosts { get; }

    /// <summary>Collective only: how many hosts each booking takes (every fixed host, then the free others); every host when null.</summary>
    public int? HostsPerBooking { get; }

    /// <summary>Round robin only: who gets each booking (its fairness period).</summary>
    public RoundRobinAssignment Assignment { get; }

    /// <summary>
    /// The rules <paramref name="type"/> gives <paramref name="ownerId"/>'s own calendar: the same, with the hours of the
    /// schedule that host offers this type (their default hours for a host not listed, or listed without one).
    /// </summary>
    public MeetingType RulesOf(string ownerId, MeetingType type)
    {
        var schedule = Hosts.FirstOrDefault(h => h.OwnerId == ownerId)?.Schedule;
        return type.Schedule == schedule ? type : type with { Schedule = schedule };
    }

    /// <summary>
    /// A collective team of exactly <paramref name="hostIds"/>, each keeping the schedule they offer here: the hosts of a
    /// team booking being moved, or of held slots being booked, who must all be free.
    /// </summary>
    public TeamRules OnlyHosts(IEnumerable<string> hostIds) =>
        new(TeamKind.Collective, [.. hostIds.Select(id => new TeamHost(id, Schedule: Hosts.FirstOrDefault(h => h.OwnerId == id)?.Schedule))]);

    /// <summary>What makes these settings no team; null when they are one. The host words it for the person who gave them.</summary>
    public static TeamSettingsProblem? Problem(TeamKind kind, IReadOnlyList<TeamHost> hosts, int? hostsPerBooking)
    {
        if (hosts is null || hosts.Count == 0)
        {
            return TeamSettingsProblem.NoHost;
        }

        if (hosts.Select(h => h.OwnerId).Distinct(StringComparer.Ordinal).Count() != hosts.Count)
        {
            return TeamSettingsProblem.HostListedTwice;
        }

        if (hosts.Any(h => h.Weight <= 0))
        {
            return TeamSettingsProblem.WeightNotPositive;
        }

        if (kind == TeamKind.RoundRobin)
        {
            return hostsPerBooking is not null ? TeamSettingsProblem.HostsPerBookingWithRoundRobin
                : hosts.All(h => h.IsFixed) ? TeamSettingsProblem.NoRotatingHost
                : null;
        }

        var (min, max) = HostsPerBookingRange(hosts);
        return hostsPerBooking is { } n && (n < min || n > max) ? TeamSettingsProblem.HostsPerBookingOutOfRange : null;
    }

    /// <summary>
    /// How many hosts a collective booking may take: at least every fixed host (and at least one), at most every host.
    /// </summary>
    public static (int Min, int Max) HostsPerBookingRange(IReadOnlyList<TeamHost> hosts) => (Math.Max(1, hosts.Count(h => h.IsFixed)), hosts.Count);

    /// <summary>
    /// The team's offer made of each host's own offer: the slots every required host offers and enough of the others
    /// do. <paramref name="offeredByHost"/> holds each host's bookable slots; a host missing from it offers none.
    /// <paramref name="outOfOffice"/> takes away a host's slots that overlap their absences.
    /// </summary>
    public IReadOnlyList<Slot> Combine(IReadOnlyDictionary<string, IReadOnlyList<Slot>> offeredByHost, IReadOnlyDictionary<string, IReadOnlyList<Interval>>? outOfOffice = null)
    {
        IReadOnlyList<Slot> Offer(TeamHost host)
        {
            var slots = offeredByHost.TryGetValue(host.OwnerId, out var found) ? found : [];
            return outOfOffice is not null && outOfOffice.TryGetValue(host.OwnerId, out var away) && away.Count > 0
                ? slots.Where(s => !away.Any(s.Overlaps)).ToList()
                : slots;
        }

        var (required, pool, fromPool) = Split();
        return HostQuorum.Combine(required.Select(Offer).ToList(), pool.Select(Offer).ToList(), fromPool);
    }

    /// <summary>
    /// Decides a booking of <paramref name="slot"/> from every host's schedule as it stands inside the write: accepted with
    /// the hosts who take it, or refused with a reason. <paramref name="history"/> and <paramref name="random"/> are
    /// round robin's (assignments in this meeting type and join times; the tie-break).
    /// </summary>
    public TeamOutcome Decide(
        IReadOnlyDictionary<string, OwnerSchedule> schedules,
        IReadOnlyDictionary<string, IReadOnlyList<Interval>> outOfOffice,
        Slot slot,
        MeetingType type,
        string typeKey,
        Instant now,
        IReadOnlyDictionary<string, HostHistory> history,
        Random random)
    {
        var members = Members(schedules, outOfOffice);
        return Kind == TeamKind.Collective
            ? new CollectiveSlots(members, HostsPerBooking).Decide(slot, type, typeKey, now, history)
            : new RoundRobinSlots(members, Assignment).Decide(slot, type, typeKey, now, history, random);
    }

    /// <summary>
    /// Decides the meetings of a series (<see cref="RecurringSeries.Expand"/>) from every host's schedule as it stands inside
    /// the write: the same hosts take every meeting (one rotating host throughout for round robin), or the answer names
    /// the meetings that stand in the way. Each meeting is decided as a booking of it alone would be.
    /// </summary>
    public TeamSeriesOutcome DecideSeries(
        IReadOnlyDictionary<string, OwnerSchedule> schedules,
        IReadOnlyDictionary<string, IReadOnlyList<Interval>> outOfOffice,
        IReadOnlyList<SeriesOccurrence> occurrences,
        MeetingType type,
        string typeKey,
        Instant now,
        IReadOnlyDictionary<string, HostHistory> history,
        Random random)
    {
        var members = Members(schedules, outOfOffice);
        return Kind == TeamKind.Collective
            ? new CollectiveSlots(members, HostsPerBooking).DecideSeries(occurrences, type, typeKey, now, history)
            : new RoundRobinSlots(members, Assignment).DecideSeries(occurrences, type, typeKey, now, history, random);
    }

    /// <summary>
    /// Why the team does or does not offer <paramref name="slot"/>: each host's reasons (<see cref="TeamMember.Explain"/>),
    /// whether the host must be free (a required or fixed host) or is one of those to choose from, and how many of those
    /// must be free. <see cref="TeamExplanation.Offered"/> is exactly whether <see cref="Decide"/> accepts.
    /// </summary>
    public TeamExplanation Explain(
        IReadOnlyDictionary<string, OwnerSchedule> schedules, IReadOnlyDictionary<string, IReadOnlyList<Interval>> outOfOffice, Slot slot, MeetingType type, string typeKey,
        Instant now)
    {
        var members = Members(schedules, outOfOffice);
        var (required, pool, fromPool) = Split();
        var requiredIds = required.Select(h => h.OwnerId).ToHashSet(StringComparer.Ordinal);
        var hosts = members
            .Select(m => new HostExplanation(m.OwnerId, requiredIds.Contains(m.OwnerId), m.Explain(slot, type, typeKey, now)))
            .ToList();
        return new TeamExplanation(hosts, fromPool);
    }

    private List<TeamMember> Members(IReadOnlyDictionary<string, OwnerSchedule> schedules, IReadOnlyDictionary<string, IReadOnlyList<Interval>> outOfOffice) =>
    [
        .. Hosts.Select(h => new TeamMember(
            h.OwnerId, schedules[h.OwnerId], h.Weight, h.Priority, h.IsFixed, outOfOffice.TryGetValue(h.OwnerId, out var away) ? away : null)),
    ];

    /// <summary>Who must be free, who may be, and how many of those: as <see cref="CollectiveSlots"/> and <see cref="RoundRobinSlots"/> split them.</summary>
    private (List<TeamHost> Required, List<TeamHost> Pool, int FromPool) Split() => (Kind, HostsPerBooking) switch
    {
        (TeamKind.Collective, null) => (Hosts.ToList(), [], 0),
        (TeamKind.Collective, { } n) => (Hosts.Where(h => h.IsFixed).ToList(), Hosts.Where(h => !h.IsFixed).ToList(), n - Hosts.Count(h => h.IsFixed)),
        _ => (Hosts.Where(h => h.IsFixed).ToList(), Hosts.Where(h => !h.IsFixed).ToList(), 1),
    };
}

/// <summary>One host's part in a team's explanation: whether they must be free, and every reason they cannot take the time.</summary>
public sealed record HostExplanation(string OwnerId, bool Required, IReadOnlyList<Unavailable> Reasons)
{
    public bool Free => Reasons.Count == 0;
}

/// <summary>
/// Why a team does or does not offer a time: each host's reasons, in the team's order, and how many of the hosts who
/// are not required must be free (<see cref="FromPool"/>). Offered when every required host is free and enough others are.
/// </summary>
public sealed record TeamExplanation(IReadOnlyList<HostExplanation> Hosts, int FromPool)
{
    public bool Offered => Hosts.Where(h => h.Required).All(h => h.Free) && Hosts.Count(h => !h.Required && h.Free) >= FromPool;
}
