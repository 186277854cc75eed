using Agenda.Scheduling.MeetingTypes;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;

namespace Agenda.Storage.Relational;

public sealed partial class ScheduleStore
{
    public Task<IReadOnlyList<StoredBooking>?> ListBookingsAsync(string ownerId, BookingQuery query, CancellationToken cancellationToken) =>
        ReadForOwnerAsync<IReadOnlyList<StoredBooking>>(ownerId, cancellationToken, async (connection, transaction, _) =>
            await QueryAsync(connection, transaction, cancellationToken, ReadBooking, ListSql("owner_id = @owner", query), [("@owner", ownerId), .. ListParameters(query)]));

    /// <summary>A page of the bookings that <paramref name="whose"/> selects and <paramref name="query"/> filters, soonest first.</summary>
    private static string ListSql(string whose, BookingQuery query)
    {
        var status = query.Status switch
        {
            BookingListStatus.Upcoming => "status = 'active' AND end_utc > @now",
            BookingListStatus.Past => "status = 'active' AND end_utc <= @now",
            _ => "status = 'cancelled'",
        };
        return $"""
            SELECT {BookingColumns} FROM bookings
            WHERE {whose} AND {status}
              AND start_utc >= @from AND start_utc < @to
              AND (start_utc > @after_start OR (start_utc = @after_start AND id > @after_id))
            ORDER BY start_utc, id
            LIMIT @limit;
            """;
    }

    private static (string Name, object Value)[] ListParameters(BookingQuery query) =>
    [
        ("@now", ToColumn(query.Now)),
        ("@from", ToColumn(EarliestStart(query))),
        ("@to", query.To is { } to ? ToColumn(to) : long.MaxValue),
        ("@after_start", query.AfterStart is { } afterStart ? ToColumn(afterStart) : long.MinValue),
        ("@after_id", query.AfterId ?? ""),
        ("@limit", query.Limit),
    ];

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
