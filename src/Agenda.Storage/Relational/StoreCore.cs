using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;

namespace Agenda.Storage.Relational;

/// <summary>
/// The relational core every aggregate's store works through, in plain SQL that SQLite and PostgreSQL both speak;
/// <see cref="IStoreDialect"/> supplies what differs (connections, transactions, locks, error codes). Every write
/// transaction locks the owner it changes before it reads (SQLite: the file's single write lock, taken by
/// <c>BEGIN IMMEDIATE</c>; PostgreSQL: the owner's row, <c>FOR UPDATE</c>), so a booking's check and insert cannot
/// interleave with another writer for that owner in any process or on any node. Reads run in a transaction too, so
/// what they return is one snapshot. The owner's caps (<see cref="OwnerLimits"/>) are counted in the same transaction
/// as the write they limit.
/// <para>
/// The stores reach the database only through the read and write entry points here, each called with the name of the
/// store operation it serves (<c>book</c>, <c>load_schedule</c>, ...): the core times it with <see cref="StoreMetrics"/>
/// under that name, once per call of a role's method. An operation made of several steps (a booking decided in a
/// batch, an owner updated then read again) is timed as a whole with <see cref="MeasureAsync"/>, and its steps use the
/// overloads without a name.
/// </para>
/// </summary>
/// <param name="changes">Where committed schedule versions are reported, for the host's caches.</param>
/// <param name="metrics">Where calls are timed; null times nothing (a store built without the host, as tests build it).</param>
internal sealed partial class StoreCore(IStoreDialect database, OwnerLimits limits, ScheduleChanges changes, StoreMetrics? metrics = null)
{
    public OwnerLimits Limits => limits;

    /// <inheritdoc cref="IStoreDialect.CommandsAreRoundTrips"/>
    public bool CommandsAreRoundTrips => database.CommandsAreRoundTrips;

    /// <inheritdoc cref="IStoreDialect.LockRowClause"/>
    public string LockRowClause => database.LockRowClause;

    /// <inheritdoc cref="IStoreDialect.BlockedTimeOverlapsOneSlot"/>
    public string BlockedTimeOverlapsOneSlot => database.BlockedTimeOverlapsOneSlot;

    /// <inheritdoc cref="IStoreDialect.LockSkippingLocked"/>
    public string LockSkippingLocked(string? table = null) => database.LockSkippingLocked(table);

    /// <inheritdoc cref="IStoreDialect.IsConflict"/>
    public bool IsConflict(DbException exception) => database.IsConflict(exception);

    /// <summary>
    /// Runs <paramref name="call"/>, the whole of the store operation <paramref name="operation"/>, and records its
    /// duration (<see cref="StoreMetrics.MeasureAsync"/>). Every entry point with an operation's name runs through here.
    /// </summary>
    public Task<T> MeasureAsync<T>(string operation, Func<Task<T>> call) =>
        metrics is null ? call() : metrics.MeasureAsync(operation, call);

    /// <summary>Reads on a connection of its own, outside a transaction, timed as <paramref name="operation"/>.</summary>
    public Task<T> ReadAsync<T>(string operation, Func<DbConnection, Task<T>> read, CancellationToken cancellationToken) =>
        MeasureAsync(operation, () => ReadAsync(read, cancellationToken));

    /// <summary>Reads on a connection of its own, outside a transaction: a step of an operation timed as a whole.</summary>
    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await read(connection);
    }

    /// <summary>Reads in one snapshot (<see cref="IStoreDialect.BeginReadAsync"/>), timed as <paramref name="operation"/>.</summary>
    public Task<T> ReadSnapshotAsync<T>(string operation, Func<DbConnection, DbTransaction, Task<T>> read, CancellationToken cancellationToken) =>
        MeasureAsync(operation, async () =>
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = await database.BeginReadAsync(connection, cancellationToken);
            var result = await read(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        });

    /// <summary>Reads in one snapshot, if the owner exists, timed as <paramref name="operation"/>.</summary>
    public Task<T?> ReadForOwnerAsync<T>(
        string operation, string ownerId, CancellationToken cancellationToken, Func<DbConnection, DbTransaction, OwnerSnapshot, Task<T?>> read)
        where T : class =>
        MeasureAsync(operation, async () =>
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = await database.BeginReadAsync(connection, cancellationToken);
            var owner = await ReadOwnerAsync(connection, transaction, ownerId, cancellationToken);
            var result = owner is null ? null : await read(connection, transaction, owner);
            await transaction.CommitAsync(cancellationToken);
            return result;
        });

    /// <inheritdoc cref="WriteForOwnerAsync(string, CancellationToken, Func{DbConnection, DbTransaction, Task{bool}})"/>
    /// <remarks>Timed as <paramref name="operation"/>.</remarks>
    public Task<(bool Found, bool Changed)> WriteForOwnerAsync(
        string operation, string ownerId, CancellationToken cancellationToken, Func<DbConnection, DbTransaction, Task<bool>> work) =>
        MeasureAsync(operation, () => WriteForOwnerAsync(ownerId, cancellationToken, work));

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction if the owner exists, then raises the owner's
    /// schedule version if the work reports a change, and commits: a step of an operation timed as a whole.
    /// </summary>
    public Task<(bool Found, bool Changed)> WriteForOwnerAsync(
        string ownerId, CancellationToken cancellationToken, Func<DbConnection, DbTransaction, Task<bool>> work) =>
        WriteAsync<(bool Found, bool Changed)>(async (connection, transaction, raised) =>
        {
            if (await ReadOwnerAsync(connection, transaction, ownerId, cancellationToken, forUpdate: true) is null)
            {
                return Rollback((false, false));
            }

            var changed = await work(connection, transaction);
            if (changed)
            {
                await RaiseScheduleVersionAsync(connection, transaction, raised, ownerId, cancellationToken);
            }

            return Commit((true, changed));
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction under the owner's lock if the owner exists. Only a
    /// <see cref="OwnerWrite.Written"/> result is committed (raising the schedule version if <paramref name="changesSlots"/>);
    /// any other result leaves the transaction to roll back, so a write that went past a cap and then counted it changes nothing.
    /// Timed as <paramref name="operation"/>.
    /// </summary>
    public Task<OwnerWrite> WriteCappedAsync(
        string operation, string ownerId, CancellationToken cancellationToken, Func<DbConnection, DbTransaction, Task<OwnerWrite>> work, bool changesSlots = true) =>
        WriteAsync<OwnerWrite>(operation, async (connection, transaction, raised) =>
        {
            if (await ReadOwnerAsync(connection, transaction, ownerId, cancellationToken, forUpdate: true) is null)
            {
                return Rollback<OwnerWrite>(new OwnerWrite.UnknownOwner());
            }

            var result = await work(connection, transaction);
            if (result is not OwnerWrite.Written)
            {
                return Rollback(result);
            }

            if (changesSlots)
            {
                await RaiseScheduleVersionAsync(connection, transaction, raised, ownerId, cancellationToken);
            }

            return Commit(result);
        }, cancellationToken);

    /// <inheritdoc cref="WriteAsync{T}(Func{DbConnection, DbTransaction, RaisedVersions, Task{WriteDecision{T}}}, CancellationToken)"/>
    /// <remarks>Timed as <paramref name="operation"/>.</remarks>
    public Task<T> WriteAsync<T>(string operation, Func<DbConnection, DbTransaction, RaisedVersions, Task<WriteDecision<T>>> work, CancellationToken cancellationToken) =>
        MeasureAsync(operation, () => WriteAsync(work, cancellationToken));

    /// <summary>
    /// Runs <paramref name="work"/> as one write transaction (<see cref="IStoreDialect.WriteAsync"/>), committed or rolled
    /// back as it decides. The schedule versions it raised are reported to <see cref="ScheduleChanges"/> once the commit
    /// is durable, before the caller is answered, or when the commit's outcome is unknown (a copy read earlier may be
    /// outdated either way). A step of an operation timed as a whole (a booking alone, or a batch of them).
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, RaisedVersions, Task<WriteDecision<T>>> work, CancellationToken cancellationToken)
    {
        var raised = new RaisedVersions();
        T result;
        try
        {
            result = await database.WriteAsync(
                async (connection, transaction) =>
                {
                    var decision = await work(connection, transaction, raised);
                    if (!decision.Commit)
                    {
                        raised.Clear();
                    }

                    return decision with { Raised = raised.Versions };
                },
                cancellationToken);
        }
        catch (CommitOutcomeUnknownException)
        {
            raised.ReportTo(changes, committed: false);
            throw;
        }

        raised.ReportTo(changes);
        return result;
    }

    public static WriteDecision<T> Commit<T>(T result) => new(result, Commit: true);

    public static WriteDecision<T> Rollback<T>(T result) => new(result, Commit: false);

    /// <summary>How many rows of the owner's <paramref name="table"/> match <paramref name="condition"/>, read in the caller's transaction.</summary>
    public static async Task<long> CountAsync(DbConnection connection, DbTransaction transaction, string table, string ownerId, CancellationToken cancellationToken, string condition = "TRUE")
    {
        await using var command = Command(connection, transaction, $"SELECT COUNT(*) FROM {table} WHERE owner_id = @owner AND {condition};", ("@owner", ownerId));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>The written result, or <see cref="OwnerWrite.LimitReached"/> when the owner now holds more than the cap on <paramref name="limit"/>.</summary>
    public OwnerWrite WithinLimit(OwnerLimit limit, long countAfter, int added) =>
        added > 0 && countAfter > limits.Of(limit) ? new OwnerWrite.LimitReached(limit, limits.Of(limit)) : new OwnerWrite.Written(added);

    /// <param name="forUpdate">In a write transaction: lock the owner's row until the transaction ends.</param>
    public async Task<OwnerSnapshot?> ReadOwnerAsync(DbConnection connection, DbTransaction? transaction, string ownerId, CancellationToken cancellationToken, bool forUpdate = false)
    {
        await using var command = Command(connection, transaction, forUpdate ? LockedOwnerQuery : OwnerQuery, ("@owner", ownerId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadOwnerRow(ownerId, reader) : null;
    }

    private const string OwnerQuery = "SELECT display_name, time_zone, schedule_version, booking_limits, week_start, travel FROM owners WHERE id = @owner;";

    /// <summary>
    /// The owner's row, locked until the transaction ends: FOR UPDATE, which PostgreSQL needs and SQLite ignores (its
    /// write transaction holds the whole file), written for both since a statement that SQLite cannot parse would fail.
    /// </summary>
    public string LockedOwnerQuery => $"SELECT display_name, time_zone, schedule_version, booking_limits, week_start, travel FROM owners WHERE id = @owner{database.LockRowClause};";

    /// <summary>The owner of a row with the columns <c>display_name</c>, <c>time_zone</c>, <c>schedule_version</c>, <c>booking_limits</c>, <c>week_start</c> and <c>travel</c>.</summary>
    public static OwnerSnapshot ReadOwnerRow(string ownerId, DbDataReader reader) =>
        new(ownerId, reader.StringOrNull("display_name"), ToZone(reader.String("time_zone")), reader.Long("schedule_version"))
        {
            Limits = BookingLimitsColumn.FromColumn(reader.StringOrNull("booking_limits")),
            FirstDayOfWeek = (NodaTime.IsoDayOfWeek)reader.Int("week_start"),
            Travel = Availability.TravelColumn.FromColumn(reader.String("travel")),
        };

    public const string RaiseVersionSql = "UPDATE owners SET schedule_version = schedule_version + 1 WHERE id = @owner RETURNING schedule_version;";

    /// <summary>The version <see cref="RaiseVersionSql"/> returned, the first value of a command that may run other statements before it.</summary>
    public static async Task<long> RaisedVersionAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        do
        {
            if (reader.FieldCount > 0 && await reader.ReadAsync(cancellationToken))
            {
                return reader.Long("schedule_version");
            }
        }
        while (await reader.NextResultAsync(cancellationToken));

        throw new InvalidOperationException("The owner's schedule version was not returned.");
    }

    /// <summary>Raises the owner's schedule version, which outdates every copy of the owner's slots, and notes the new version.</summary>
    /// <param name="bookingsAffected">
    /// When only bookings changed (booked, cancelled, moved), every blocked time added or removed: the owner and its
    /// meeting types are as they were, and slots far from these times too. Null when more may have changed.
    /// </param>
    public static async Task RaiseScheduleVersionAsync(
        DbConnection connection, DbTransaction transaction, RaisedVersions raised, string ownerId, CancellationToken cancellationToken, Interval? bookingsAffected = null)
    {
        await using var command = Command(connection, transaction, RaiseVersionSql, ("@owner", ownerId));
        var version = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        raised.Add(new ScheduleVersion(ownerId, version, BookingsOnly: bookingsAffected is not null, bookingsAffected));
    }

    public static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<List<T>> QueryAsync<T>(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken, Func<DbDataReader, T> map, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>
    /// Runs <paramref name="sql"/> and reads its result with <paramref name="read"/>: a reader of a result set that
    /// resolves its columns once for all its rows.
    /// </summary>
    public static async Task<T> QueryResultAsync<T>(
        DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken, Func<DbDataReader, CancellationToken, Task<T>> read, string sql,
        params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await read(reader, cancellationToken);
    }

    /// <summary>The rows of the reader's current result set.</summary>
    public static async Task<List<T>> ReadAllAsync<T>(DbDataReader reader, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection is IKeepsCommands keeps ? keeps.CommandFor(sql) : connection.CreateCommand();
        command.Transaction = transaction;
        if (command.CommandText != sql)
        {
            command.CommandText = sql;
        }

        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>
    /// Appends statements to a command of several, with their parameters renamed apart (<c>@owner</c> becomes
    /// <c>@owner_b3</c>): Npgsql sends each statement with its own positional parameters, so statements of one shape are
    /// still prepared once, whatever their names.
    /// </summary>
    public static void Append(StringBuilder sql, List<(string Name, object Value)> parameters, string tag, string statements, (string Name, object Value)[] values)
    {
        sql.Append(Renamed.GetOrAdd((statements, tag), key => ParameterName().Replace(key.Statements, match => $"{match.Value}_{key.Tag}")));
        foreach (var (name, value) in values)
        {
            parameters.Add(($"{name}_{tag}", value));
        }
    }

    /// <summary>Statements with their parameters renamed, by text and tag: a few texts, tags up to the largest batch.</summary>
    private static readonly ConcurrentDictionary<(string Statements, string Tag), string> Renamed = new();

    [GeneratedRegex(@"@\w+")]
    private static partial Regex ParameterName();
}
