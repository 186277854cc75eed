using Agenda.Scheduling.MeetingTypes;
using NodaTime;

namespace Agenda.Scheduling.Slots;

/// <summary>The part of slot search that depends on the clock, applied after (cached) slots are computed.</summary>
public static class SlotClock
{
    /// <summary>
    /// The slots a meeting type lets an invitee book at <paramref name="now"/>: starting no sooner than the
    /// minimum notice (and never before now; a slot starting exactly now is offered) and no later than the horizon.
    /// </summary>
    public static IEnumerable<Slot> Bookable(this IEnumerable<Slot> slots, MeetingType type, Instant now)
    {
        var earliest = now + type.MinimumNotice;
        var latest = type.Horizon is { } horizon ? now + horizon : Instant.MaxValue;
        return slots.Where(s => s.Start >= earliest && s.Start <= latest);
    }
}
