using System.Data.Common;
using Agenda.Scheduling.MeetingTypes;
using Agenda.Scheduling.Slots;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;

namespace Agenda.Storage.Relational;

public sealed partial class ScheduleStore
{
    public Task<IReadOnlyList<StoredBooking>?> ListBookingsAsync(string ownerId, BookingQuery query, CancellationToken cancellationToken) =>
        ReadForOwnerAsync<IReadOnlyList<StoredBooking>>(ownerId, cancellationToken, async (connection, transaction, _) =>
            await WithPreviousTimesAsync(connection, transaction,
                await QueryAsync(connection, transaction, cancellationToken, ReadBooking, ListSql("owner_id = @owner", query), [("@owner", ownerId), .. ListParameters(query)]),
                cancellationToken));

    /// <summary>
    /// The <paramref name="page"/> with each moved booking's earlier times, read in the same transaction, so a list
    /// shows what a single read of each booking shows.
    /// </summary>
    private static async Task<List<StoredBooking>> WithPreviousTimesAsync(DbConnection connection, DbTransaction transaction, List<StoredBooking> page, CancellationToken cancellationToken)
    {
        var moved = page.Where(b => b.Sequence > 0).Select(b => b.Id).ToList();
        if (moved.Count == 0)
        {
            return page;
        }

        var names = moved.Select((_, i) => $"@b{i}").ToList();
        var rows = await QueryAsync(connection, transaction, cancellationToken,
            r => (Id: r.GetString(0), Slot: new Slot(ToInstant(r.GetInt64(1)), ToInstant(r.GetInt64(2)))),
            $"SELECT booking_id, start_utc, end_utc FROM booking_history WHERE booking_id IN ({string.Join(", ", names)}) ORDER BY booking_id, sequence;",
            [.. moved.Select((id, i) => (names[i], (object)id))]);
        var byBooking = rows.ToLookup(r => r.Id, r => r.Slot, StringComparer.Ordinal);
        return page.Select(b => b.Sequence > 0 ? b with { PreviousTimes = [.. byBooking[b.Id]] } : b).ToList();
    }

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
