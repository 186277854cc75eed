using Agenda.Scheduling;
using Agenda.Scheduling.Availability;
using Agenda.Scheduling.Booking;
using Agenda.Scheduling.Slots;
using Microsoft.Data.Sqlite;
using NodaTime;
using static Agenda.Storage.Sqlite.SqliteValues;

namespace Agenda.Storage.Sqlite;

/// <summary>
/// The schedule store on one SQLite file. Writes run in <c>BEGIN IMMEDIATE</c> transactions, which take
/// the file's single write lock before reading, so a booking's check and insert cannot interleave with
/// another writer in this process or any other process using the same file.
/// </summary>
public sealed class SqliteScheduleStore(SqliteDatabase database) : IScheduleStore
{
    private const int SqliteConstraint = 19;

    public async Task<int> AddRulesAsync(string ownerId, IReadOnlyList<DateRangeRule> rules, Instant now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);

        await ExecuteAsync(connection, transaction, cancellationToken,
            "INSERT INTO owners (id, created_at) VALUES ($owner, $now) ON CONFLICT (id) DO NOTHING;",
            ("$owner", ownerId), ("$now", ToColumn(now)));

        var added = 0;
        foreach (var rule in rules)
        {
            added += await ExecuteAsync(connection, transaction, cancellationToken,
                """
                INSERT INTO availability_rules (owner_id, start_date, end_date, start_time, end_time)
                VALUES ($owner, $start_date, $end_date, $start_time, $end_time)
                ON CONFLICT DO NOTHING;
                """,
                ("$owner", ownerId),
                ("$start_date", ToColumn(rule.Dates.Start)),
                ("$end_date", ToColumn(rule.Dates.End)),
                ("$start_time", StartToColumn(rule.Hours)),
                ("$end_time", EndToColumn(rule.Hours)));
        }

        if (added > 0)
        {
            await BumpScheduleVersionAsync(connection, transaction, ownerId, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    public async Task<OwnerSnapshot?> FindOwnerAsync(string ownerId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadOwnerAsync(connection, null, ownerId, cancellationToken);
    }

    public async Task<DayRead?> LoadDayAsync(string ownerId, LocalDate date, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // A read transaction is one snapshot: the version read belongs to exactly these rules and bookings.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var read = await ReadDayAsync(connection, transaction, ownerId, date, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return read;
    }

    public async Task<BookingAttempt> BookAsync(string ownerId, LocalDate date, BookingRequest request, SlotShape shape, Instant now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);

        var read = await ReadDayAsync(connection, transaction, ownerId, date, cancellationToken);
        if (read is null)
        {
            return new BookingAttempt.UnknownOwner();
        }

        var outcome = read.Day.Decide(request.Slot, shape, now);
        if (outcome != BookingOutcome.Accepted)
        {
            return new BookingAttempt.Refused(outcome);
        }

        var booking = new StoredBooking(NewId(), ownerId, request.Invitee, request.Slot, now);
        try
        {
            await ExecuteAsync(connection, transaction, cancellationToken,
                """
                INSERT INTO bookings (id, owner_id, invitee, start_utc, end_utc, created_at)
                VALUES ($id, $owner, $invitee, $start, $end, $now);
                """,
                ("$id", booking.Id),
                ("$owner", ownerId),
                ("$invitee", booking.Invitee),
                ("$start", ToColumn(booking.Slot.Start)),
                ("$end", ToColumn(booking.Slot.End)),
                ("$now", ToColumn(now)));
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint)
        {
            // The schema's overlap guard fired: another booking holds the time. Nothing was written.
            return new BookingAttempt.Refused(BookingOutcome.Taken);
        }

        await BumpScheduleVersionAsync(connection, transaction, ownerId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new BookingAttempt.Booked(booking);
    }

    public async Task<IReadOnlyList<StoredBooking>?> ListUpcomingAsync(string ownerId, Instant now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        if (await ReadOwnerAsync(connection, transaction, ownerId, cancellationToken) is null)
        {
            return null;
        }

        await using var command = Command(connection, transaction,
            """
            SELECT id, invitee, start_utc, end_utc, created_at FROM bookings
            WHERE owner_id = $owner AND status = 'active' AND end_utc > $now
            ORDER BY start_utc, id;
            """,
            ("$owner", ownerId), ("$now", ToColumn(now)));
        var bookings = new List<StoredBooking>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            bookings.Add(new StoredBooking(
                reader.GetString(0),
                ownerId,
                reader.GetString(1),
                new Slot(ToInstant(reader.GetInt64(2)), ToInstant(reader.GetInt64(3))),
                ToInstant(reader.GetInt64(4))));
        }

        return bookings;
    }

    private static async Task<DayRead?> ReadDayAsync(SqliteConnection connection, SqliteTransaction transaction, string ownerId, LocalDate date, CancellationToken cancellationToken)
    {
        var owner = await ReadOwnerAsync(connection, transaction, ownerId, cancellationToken);
        if (owner is null)
        {
            return null;
        }

        var rules = new List<DateRangeRule>();
        await using (var command = Command(connection, transaction,
            """
            SELECT start_date, end_date, start_time, end_time FROM availability_rules
            WHERE owner_id = $owner AND start_date <= $date AND end_date >= $date;
            """,
            ("$owner", ownerId), ("$date", ToColumn(date))))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rules.Add(new DateRangeRule(
                    new DateInterval(ToDate(reader.GetString(0)), ToDate(reader.GetString(1))),
                    ToHours(reader.GetString(2), reader.GetString(3))));
            }
        }

        // Slots that start on the date end by the next midnight at the latest.
        var dayStart = date.AtStartOfDayInZone(owner.Zone).ToInstant();
        var dayEnd = date.PlusDays(1).AtStartOfDayInZone(owner.Zone).ToInstant();
        var booked = new List<Interval>();
        await using (var command = Command(connection, transaction,
            """
            SELECT start_utc, end_utc FROM bookings
            WHERE owner_id = $owner AND status = 'active' AND start_utc < $to AND end_utc > $from;
            """,
            ("$owner", ownerId), ("$from", ToColumn(dayStart)), ("$to", ToColumn(dayEnd))))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                booked.Add(new Interval(ToInstant(reader.GetInt64(0)), ToInstant(reader.GetInt64(1))));
            }
        }

        return new DayRead(owner, new DaySchedule(date, owner.Zone, rules, booked));
    }

    private static async Task<OwnerSnapshot?> ReadOwnerAsync(SqliteConnection connection, SqliteTransaction? transaction, string ownerId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction,
            "SELECT time_zone, schedule_version FROM owners WHERE id = $owner;",
            ("$owner", ownerId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new OwnerSnapshot(ownerId, ToZone(reader.GetString(0)), reader.GetInt64(1))
            : null;
    }

    private static Task<int> BumpScheduleVersionAsync(SqliteConnection connection, SqliteTransaction transaction, string ownerId, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, transaction, cancellationToken,
            "UPDATE owners SET schedule_version = schedule_version + 1 WHERE id = $owner;",
            ("$owner", ownerId));

    private static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
