using Agenda.Scheduling.Booking;

namespace Agenda.Scheduling.Teams;

/// <summary>
/// A team's decision on a booking request: accepted with the owner ids of the hosts who take it (fixed and required
/// hosts first, in the team's order, then the chosen ones), or refused with one <see cref="BookingOutcome"/> reason, as for a
/// personal booking, and no hosts.
/// </summary>
public sealed record TeamOutcome
{
    private TeamOutcome(BookingOutcome outcome, IReadOnlyList<string> hostIds)
    {
        Outcome = outcome;
        HostIds = hostIds;
    }

    public BookingOutcome Outcome { get; }

    /// <summary>The hosts who take the booking; empty when it is refused.</summary>
    public IReadOnlyList<string> HostIds { get; }

    public bool IsAccepted => Outcome == BookingOutcome.Accepted;

    public static TeamOutcome Accepted(IReadOnlyList<string> hostIds)
    {
        ArgumentNullException.ThrowIfNull(hostIds);
        if (hostIds.Count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(hostIds), "An accepted team booking has at least one host.");
        }

        return new(BookingOutcome.Accepted, hostIds);
    }

    public static TeamOutcome Refused(BookingOutcome reason) =>
        reason == BookingOutcome.Accepted
            ? throw new ArgumentOutOfRangeException(nameof(reason), reason, "A refusal needs a reason other than Accepted.")
            : new(reason, []);
}

/// <summary>
/// A team's decision on a series: accepted with the hosts who take every meeting (as <see cref="TeamOutcome.HostIds"/>
/// orders them), or refused with the meetings that stand in the way, each with its reason, and no hosts.
/// </summary>
public sealed record TeamSeriesOutcome
{
    private TeamSeriesOutcome(IReadOnlyList<string> hostIds, IReadOnlyList<SeriesRefusal> refused)
    {
        HostIds = hostIds;
        Meetings = refused;
    }

    /// <summary>The hosts who take every meeting; empty when the series is refused.</summary>
    public IReadOnlyList<string> HostIds { get; }

    /// <summary>The meetings that stand in the way, in order; empty when the series is accepted.</summary>
    public IReadOnlyList<SeriesRefusal> Meetings { get; }

    public bool IsAccepted => Meetings.Count == 0;

    public static TeamSeriesOutcome Accepted(IReadOnlyList<string> hostIds)
    {
        ArgumentNullException.ThrowIfNull(hostIds);
        return hostIds.Count == 0
            ? throw new ArgumentOutOfRangeException(nameof(hostIds), "An accepted team series has at least one host.")
            : new(hostIds, []);
    }

    public static TeamSeriesOutcome Refused(IReadOnlyList<SeriesRefusal> meetings)
    {
        ArgumentNullException.ThrowIfNull(meetings);
        return meetings.Count == 0
            ? throw new ArgumentOutOfRangeException(nameof(meetings), "A refused series names at least one meeting.")
            : new([], meetings);
    }
}
