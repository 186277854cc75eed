using Agenda.Scheduling.Booking;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Scheduling.Teams;

/// <summary>
/// One host of a team: an owner with their own <see cref="OwnerSchedule"/> (zone, hours, overrides, bookings and busy
/// times), and what team rules weigh.
/// <list type="bullet">
/// <item><see cref="Weight"/>: the host's relative share of round-robin bookings (positive; 100 by default, so 50/30/20
/// read as percentages).</item>
/// <item><see cref="Priority"/>: higher goes first when shares are equal.</item>
/// <item><see cref="IsFixed"/>: the host joins every booking of the team, so every slot needs them free.</item>
/// <item><see cref="OutOfOffice"/>: periods in which the host is not eligible for any slot that overlaps one, whatever
/// their schedule says. Kept apart from the schedule because an absence is a team matter (it also resets round-robin
/// fairness when it ends, see <see cref="RoundRobinAssignment"/>), not busy time.</item>
/// </list>
/// </summary>
public sealed record TeamMember
{
    /// <summary>The weight of a host nobody has weighed.</summary>
    public const int DefaultWeight = 100;

    public TeamMember(string ownerId, OwnerSchedule schedule, int weight = DefaultWeight, int priority = 0, bool isFixed = false, IReadOnlyList<Interval>? outOfOffice = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerId);
        ArgumentNullException.ThrowIfNull(schedule);
        if (weight <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "A host's weight must be positive.");
        }

        OwnerId = ownerId;
        Schedule = schedule;
        Weight = weight;
        Priority = priority;
        IsFixed = isFixed;
        OutOfOffice = outOfOffice ?? [];
    }

    public string OwnerId { get; }

    public OwnerSchedule Schedule { get; }

    public int Weight { get; }

    public int Priority { get; }

    public bool IsFixed { get; }

    public IReadOnlyList<Interval> OutOfOffice { get; }

    /// <summary>Whether the meeting in <paramref name="slot"/> overlaps one of the host's out-of-office periods.</summary>
    public bool IsOutOfOfficeDuring(Slot slot) => OutOfOffice.Any(slot.Overlaps);

    /// <summary>
    /// The host's own decision on <paramref name="slot"/>: <see cref="OwnerSchedule.Decide"/>, except that a slot
    /// overlapping an out-of-office period is <see cref="BookingOutcome.OutsideAvailability"/>.
    /// </summary>
    public BookingOutcome Decide(Slot slot, MeetingType type, string typeKey, Instant now) =>
        IsOutOfOfficeDuring(slot) ? BookingOutcome.OutsideAvailability : Schedule.Decide(slot, type, typeKey, now);

    /// <summary>
    /// Every reason the host cannot take <paramref name="slot"/>, as <see cref="Decide"/> decides it: the out-of-office
    /// periods it overlaps, then <see cref="OwnerSchedule.Explain"/>. Empty exactly when Decide accepts.
    /// </summary>
    public IReadOnlyList<Unavailable> Explain(Slot slot, MeetingType type, string typeKey, Instant now) =>
        [.. OutOfOffice.Where(slot.Overlaps).Select(p => new Unavailable.OutOfOffice(p)), .. Schedule.Explain(slot, type, typeKey, now)];

    /// <summary>The host's own free slots (<see cref="OwnerSchedule.FreeSlots"/>) without those overlapping an out-of-office period.</summary>
    public IReadOnlyList<Slot> FreeSlots(Interval range, MeetingType type, string typeKey, Instant now)
    {
        var slots = Schedule.FreeSlots(range, type, typeKey, now);
        return OutOfOffice.Count == 0 ? slots : slots.Where(s => !IsOutOfOfficeDuring(s)).ToList();
    }
}
