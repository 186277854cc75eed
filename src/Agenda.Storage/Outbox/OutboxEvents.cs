using Agenda.Scheduling.Booking;
using Agenda.Scheduling.Slots;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;

namespace Agenda.Storage.Outbox;

/// <summary>
/// The outbox's writing side: each change of a booking (or of a calendar connection) adds its event to the change's own
/// command, so the event commits or rolls back with it. A refused booking writes nothing, hence no event.
/// </summary>
internal static class OutboxEvents
{
    public const string InsertEventSql =
        """
        INSERT INTO booking_events (id, owner_id, booking_id, event_type, sequence, start_utc, end_utc, previous_start_utc, previous_end_utc, occurred_at, quiet)
        VALUES (@event_id, @event_owner, @event_booking, @event_type, @event_sequence, @event_start, @event_end, @event_previous_start, @event_previous_end, @event_at, @event_quiet);

        """;

    /// <param name="quiet">Whether another event of the same write tells its change by e-mail (the series' change it is part of): it sends none of its own.</param>
    public static (string Name, object Value)[] EventParameters(string eventType, string ownerId, string bookingId, int sequence, Slot slot, Slot? previous, Instant at, bool quiet = false) =>
    [
        ("@event_quiet", quiet ? 1 : 0),
        ("@event_id", BookingEvents.NewEventId()),
        ("@event_owner", ownerId),
        ("@event_booking", bookingId),
        ("@event_type", eventType),
        ("@event_sequence", sequence),
        ("@event_start", ToColumn(slot.Start)),
        ("@event_end", ToColumn(slot.End)),
        ("@event_previous_start", previous is { } p ? ToColumn(p.Start) : DBNull.Value),
        ("@event_previous_end", previous is { } q ? ToColumn(q.End) : DBNull.Value),
        ("@event_at", ToColumn(at)),
    ];

    /// <summary>The event of a new booking: created, or requested for a request awaiting approval.</summary>
    public static (string Name, object Value)[] CreatedEventParameters(StoredBooking booking, bool quiet = false) =>
        EventParameters(
            booking.Status.AwaitsApproval() ? BookingEvents.Requested : BookingEvents.Created, booking.OwnerId, booking.Id, booking.Sequence, booking.Slot, null, booking.CreatedAt, quiet);
}
