using NodaTime;

namespace Agenda.Scheduling.Teams;

/// <summary>
/// A host's past in a team, as round robin weighs it: when the host joined, and the instant each of their team bookings
/// was assigned (when the booking was made, not when the meeting takes place, so every instant is known at the time of
/// the next assignment and no future meeting counts ahead of time). Storage passes the bookings that still stand; a
/// cancelled one then no longer counts against the host.
/// </summary>
public sealed record HostHistory
{
    /// <summary>A host nobody has recorded: a member since before any fairness period, never booked.</summary>
    public static readonly HostHistory None = new(Instant.MinValue, []);

    public HostHistory(Instant joinedAt, IReadOnlyList<Instant> assignedAt)
    {
        ArgumentNullException.ThrowIfNull(assignedAt);
        JoinedAt = joinedAt;
        AssignedAt = assignedAt;
    }

    public Instant JoinedAt { get; }

    public IReadOnlyList<Instant> AssignedAt { get; }

    /// <summary>The host's latest assignment, or null when they were never assigned one.</summary>
    public Instant? LastAssignedAt => AssignedAt.Count == 0 ? null : AssignedAt.Max();

    /// <summary>How many of the host's assignments fall in [<paramref name="from"/>, <paramref name="to"/>], both included.</summary>
    public int AssignedBetween(Instant from, Instant to)
    {
        var count = 0;
        foreach (var at in AssignedAt)
        {
            if (at >= from && at <= to)
            {
                count++;
            }
        }

        return count;
    }
}
