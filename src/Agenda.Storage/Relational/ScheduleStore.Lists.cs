using Agenda.Scheduling.MeetingTypes;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;

namespace Agenda.Storage.Relational;

public sealed partial class ScheduleStore
{
    public Task<IReadOnlyList<StoredBooking>?> ListBookingsAsync(string ownerId, BookingQuery query, CancellationToken cancellationToken) =>
        ReadForOwnerAsync<IReadOnlyList<StoredBooking>>(ownerId, cancellationToken, async (connection, transaction, _) =>
        {
            var status = query.Status switch
            {
                BookingListStatus.Upcoming => "status = 'active' AND end_utc > @now",
                BookingListStatus.Past => "status = 'active' AND end_utc <= @now",
                _ => "status = 'cancelled'",
            };
            return await QueryAsync(connection, transaction, cancellationToken, ReadBooking,
                $"""
                SELECT {BookingColumns} FROM bookings
                WHERE owner_id = @owner AND {status}
                  AND start_utc >= @from AND start_utc < @to
                  AND (start_utc > @after_start OR (start_utc = @after_start AND id > @after_id))
                ORDER BY start_utc, id
                LIMIT @limit;
                """,
                ("@owner", ownerId),
                ("@now", ToColumn(query.Now)),
                ("@from", ToColumn(EarliestStart(query))),
                ("@to", query.To is { } to ? ToColumn(to) : long.MaxValue),
                ("@after_start", query.AfterStart is { } afterStart ? ToColumn(afterStart) : long.MinValue),
                ("@after_id", query.AfterId ?? ""),
                ("@limit", query.Limit));
        });

    /// <summary>
    /// The earliest start a listed booking can have. A booking that has not ended started at most one meeting's
    /// longest length before now (<see cref="MeetingType.MaxLength"/>), so an upcoming list never scans the owner's past.
    /// </summary>
    private static Instant EarliestStart(BookingQuery query)
    {
        var from = query.From ?? Instant.MinValue;
        var notEnded = query.Now - MeetingType.MaxLength;
        return query.Status == BookingListStatus.Upcoming && notEnded > from ? notEnded : from;
    }
}
