using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;

namespace Agenda.Scheduling.Booking;

/// <summary>
/// A slot kept away from every other invitee for a few minutes, while the one who chose it fills in their details.
/// Until <see cref="ExpiresAt"/> it blocks time exactly as a booking of its meeting type would (buffers and daily caps
/// included); from then on it is as if it had never been. <see cref="Id"/> is what its holder presents.
/// </summary>
public sealed record SlotHold(string Id, Interval Meeting, Interval Blocked, string MeetingTypeKey, Instant ExpiresAt)
{
    /// <summary>Whether the hold still keeps its slot at <paramref name="now"/>: an expiry instant is the first one it does not.</summary>
    public bool IsActiveAt(Instant now) => now < ExpiresAt;

    /// <summary>For a hold on a slot of a type with seats, the seats that slot offered when it was held: the hold takes one of them.</summary>
    public int? Seats { get; init; }

    /// <summary>The hold as busy time, like an active booking; on a type with seats, as one seat taken.</summary>
    public ExistingBooking AsBusy() =>
        new(Meeting, Blocked, MeetingTypeKey) { Seats = Seats is { } capacity ? new SeatCount(null, 1, capacity) : null, Kind = BlockKind.Hold };

    /// <summary>Whether this hold takes a seat of <paramref name="seats"/>: the same slot of the same type.</summary>
    internal bool TakesSeatOf(ExistingBooking seats) =>
        Seats is not null && seats.Seats is not null && seats.MeetingTypeKey == MeetingTypeKey && seats.Meeting == Meeting && seats.Blocked == Blocked;
}

/// <summary>The hold an invitee names when they book the slot they held.</summary>
public sealed record HoldClaim(string HoldId, Slot Slot, string MeetingTypeKey)
{
    /// <summary>
    /// Whether <paramref name="hold"/> is the one claimed, for the very slot and meeting type it holds. A hold named for
    /// another slot or type is not released: it keeps blocking its own time, like anyone else's hold.
    /// </summary>
    public bool Releases(SlotHold hold) =>
        hold.Id == HoldId && hold.MeetingTypeKey == MeetingTypeKey && hold.Meeting == new Interval(Slot.Start, Slot.End);
}

/// <summary>The rules of holds: when one may be taken, how long it lasts, and which holds block a decision.</summary>
public static class SlotHolds
{
    /// <summary>How long a hold lasts unless configured otherwise: Cal.com holds a chosen slot for five minutes too.</summary>
    public static readonly Duration DefaultLength = Duration.FromMinutes(5);

    /// <summary>The longest a hold may last: long enough to fill in a form, short enough that abandoned holds free slots soon.</summary>
    public static readonly Duration MaxLength = Duration.FromMinutes(60);

    /// <summary>
    /// A hold is taken exactly when the slot could be booked at <paramref name="now"/> (<see cref="OwnerSchedule.Decide"/>):
    /// no one can hold what is not offered, nor what another booking or hold already blocks. The invitee's allowance
    /// is checked when they book, since a hold names no invitee.
    /// </summary>
    public static BookingOutcome Decide(OwnerSchedule schedule, Slot slot, MeetingType type, string typeKey, Instant now) =>
        schedule.Decide(slot, type, typeKey, now);

    /// <summary>
    /// The busy time a decision at <paramref name="now"/> must respect: every active booking, and every hold still active
    /// then, except the one <paramref name="claim"/> releases. Sorted by blocked start, as the bookings are. Holds on the
    /// seats of one slot count among its seats taken.
    /// </summary>
    public static List<ExistingBooking> BusyWith(IReadOnlyList<ExistingBooking> bookings, IEnumerable<SlotHold> holds, Instant now, HoldClaim? claim)
    {
        var blocking = holds.Where(h => h.IsActiveAt(now) && claim?.Releases(h) != true).ToList();
        if (blocking.Count == 0)
        {
            return bookings as List<ExistingBooking> ?? [.. bookings];
        }

        var busy = bookings.ToList();
        foreach (var hold in blocking)
        {
            // A hold on a seat is one more seat taken of its slot; the first there opens the slot until a booking does.
            var seats = hold.Seats is null ? -1 : busy.FindIndex(hold.TakesSeatOf);
            if (seats >= 0)
            {
                busy[seats] = busy[seats] with { Seats = busy[seats].Seats!.Value with { Taken = busy[seats].Seats!.Value.Taken + 1 } };
                continue;
            }

            busy.Add(hold.AsBusy());
        }

        return [.. busy.OrderBy(b => b.Blocked.Start)];
    }

    /// <summary>When the first of <paramref name="holds"/> still active at <paramref name="now"/> expires: until then, slots computed with them stand.</summary>
    public static Instant? FirstExpiry(IEnumerable<SlotHold> holds, Instant now) =>
        holds.Where(h => h.IsActiveAt(now)).Select(h => (Instant?)h.ExpiresAt).Min();
}
