using Agenda.Scheduling.Booking;
using NodaTime;

namespace Agenda.Scheduling.Availability;

/// <summary>
/// Time the owner is busy in a calendar of their own (CalDAV, an iCalendar feed). It blocks like a booking whose
/// blocked time is the event itself: a slot is offered only when its own blocked time (the meeting with its type's
/// buffers) stays clear of every busy event, so buffers apply around the owner's other appointments too. It never
/// counts toward a meeting type's daily cap.
/// </summary>
public static class ExternalBusy
{
    /// <summary>The meeting type key of busy time: not a slug (slugs cannot hold '@'), so no cap counts it.</summary>
    public const string TypeKey = "@calendar";

    public static ExistingBooking Blocking(Interval busy) => new(busy, busy, TypeKey) { Kind = BlockKind.CalendarBusy };

    /// <summary>
    /// Busy time of the connection <paramref name="connectionId"/>: one of its calendar's busy times, or, when
    /// <paramref name="unreachable"/>, all of the time read for a connection that could not be read and blocks meanwhile.
    /// </summary>
    public static ExistingBooking Blocking(Interval busy, string? connectionId, bool unreachable) =>
        new(busy, busy, TypeKey) { Kind = unreachable ? BlockKind.CalendarUnreachable : BlockKind.CalendarBusy, SourceId = connectionId };

    /// <summary>
    /// Whether the last good copy of a calendar no longer counts: it was read at <paramref name="lastRead"/>, and it counts
    /// for <paramref name="maxAge"/> after (up to, not including, <paramref name="lastRead"/> + <paramref name="maxAge"/>).
    /// A calendar never read is stale from the start.
    /// </summary>
    public static bool IsStale(Instant? lastRead, Instant now, Duration maxAge) => lastRead is not { } read || now - read >= maxAge;
}
