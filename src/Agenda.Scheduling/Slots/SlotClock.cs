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

    /// <summary>
    /// The first instant after <paramref name="now"/> at which <see cref="Bookable"/> gives a different answer for these
    /// slots: when an offered slot comes closer than the minimum notice, or a slot comes within the horizon.
    /// <see cref="Instant.MaxValue"/> when the answer never changes. An answer computed at <paramref name="now"/> stays
    /// exact until then (for the same slots), which is what lets a host keep it.
    /// </summary>
    public static Instant OfferUnchangedUntil(this IEnumerable<Slot> slots, MeetingType type, Instant now)
    {
        var until = Instant.MaxValue;
        foreach (var slot in slots)
        {
            // Offered while now is in [start - horizon, start - notice].
            var lastOffered = slot.Start - type.MinimumNotice;
            if (lastOffered >= now && lastOffered + Duration.Epsilon < until)
            {
                until = lastOffered + Duration.Epsilon;
            }

            if (type.Horizon is { } horizon && slot.Start - horizon > now && slot.Start - horizon < until)
            {
                until = slot.Start - horizon;
            }
        }

        return until;
    }
}
