using System.Data.Common;
using NodaTime;
using static Agenda.Storage.Relational.ColumnValues;

namespace Agenda.Storage.Relational;

/// <summary>
/// The schedule store, in plain SQL that SQLite and PostgreSQL both speak; <see cref="IStoreDialect"/> supplies
/// what differs (connections, transactions, locks, error codes). Every write transaction locks the owner it
/// changes before it reads (SQLite: the file's single write lock, taken by <c>BEGIN IMMEDIATE</c>; PostgreSQL:
/// the owner's row, <c>FOR UPDATE</c>), so a booking's check and insert cannot interleave with another writer
/// for that owner in any process or on any node. Reads run in a transaction too, so what they return is one snapshot.
/// The owner's caps (<see cref="OwnerLimits"/>) are counted in the same transaction as the write they limit.
/// </summary>
/// <param name="changes">Where committed schedule versions are reported, for the host's caches.</param>
public sealed partial class ScheduleStore(IStoreDialect database, OwnerLimits limits, ScheduleChanges changes)
    : IOwnerStore, IApiKeyStore, IFeedStore, IAvailabilityStore, IMeetingTypeStore, IScheduleReader, IBookingStore, IIdempotentBookingStore
{
    /// <summary>A store with the default caps (<see cref="OwnerLimits.Default"/>).</summary>
    public ScheduleStore(IStoreDialect database)
        : this(database, OwnerLimits.Default, new ScheduleChanges())
    {
    }

    public async Task<bool> CreateOwnerAsync(string ownerId, string? displayName, DateTimeZone zone, Instant now, CancellationToken cancellationToken)
    {
        var created = await WriteAsync(async (connection, transaction, _) => Commit(await ExecuteAsync(connection, transaction, cancellationToken,
            "INSERT INTO owners (id, display_name, time_zone, created_at) VALUES (@owner, @name, @zone, @now) ON CONFLICT (id) DO NOTHING;",
            ("@owner", ownerId), ("@name", ToColumn(displayName)), ("@zone", zone.Id), ("@now", ToColumn(now)))), cancellationToken);
        return created == 1;
    }

    public async Task<OwnerSnapshot?> FindOwnerAsync(string ownerId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadOwnerAsync(connection, null, ownerId, cancellationToken);
    }

    public async Task<OwnerSnapshot?> UpdateOwnerAsync(string ownerId, string? displayName, DateTimeZone zone, CancellationToken cancellationToken)
    {
        var (found, owner) = await WriteForOwnerAsync(ownerId, cancellationToken, async (connection, transaction) =>
        {
            await ExecuteAsync(connection, transaction, cancellationToken,
                "UPDATE owners SET display_name = @name, time_zone = @zone WHERE id = @owner;",
                ("@owner", ownerId), ("@name", ToColumn(displayName)), ("@zone", zone.Id));
            return true;
        });
        return found && owner ? await FindOwnerAsync(ownerId, cancellationToken) : null;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction if the owner exists, then raises the owner's
    /// schedule version if the work reports a change, and commits.
    /// </summary>
    private Task<(bool Found, bool Changed)> WriteForOwnerAsync(
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
    /// </summary>
    private Task<OwnerWrite> WriteCappedAsync(
        string ownerId, CancellationToken cancellationToken, Func<DbConnection, DbTransaction, Task<OwnerWrite>> work, bool changesSlots = true) =>
        WriteAsync<OwnerWrite>(async (connection, transaction, raised) =>
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

    /// <summary>
    /// Runs <paramref name="work"/> as one write transaction (<see cref="IStoreDialect.WriteAsync"/>), committed or rolled
    /// back as it decides. The schedule versions it raised are reported to <see cref="ScheduleChanges"/> once the commit
    /// is durable, before the caller is answered, or when the commit's outcome is unknown (a copy read earlier may be
    /// outdated either way).
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, RaisedVersions, Task<WriteDecision<T>>> work, CancellationToken cancellationToken)
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

    private static WriteDecision<T> Commit<T>(T result) => new(result, Commit: true);

    private static WriteDecision<T> Rollback<T>(T result) => new(result, Commit: false);

    /// <summary>How many rows of the owner's <paramref name="table"/> match <paramref name="condition"/>, read in the caller's transaction.</summary>
    private static async Task<long> CountAsync(DbConnection connection, DbTransaction transaction, string table, string ownerId, CancellationToken cancellationToken, string condition = "TRUE")
    {
        await using var command = Command(connection, transaction, $"SELECT COUNT(*) FROM {table} WHERE owner_id = @owner AND {condition};", ("@owner", ownerId));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The written result, or <see cref="OwnerWrite.LimitReached"/> when the owner now holds more than the cap on <paramref name="limit"/>.</summary>
    private OwnerWrite WithinLimit(OwnerLimit limit, long countAfter, int added) =>
        added > 0 && countAfter > limits.Of(limit) ? new OwnerWrite.LimitReached(limit, limits.Of(limit)) : new OwnerWrite.Written(added);

    /// <summary>Reads in one snapshot, if the owner exists.</summary>
    private async Task<T?> ReadForOwnerAsync<T>(
        string ownerId, CancellationToken cancellationToken, Func<DbConnection, DbTransaction, OwnerSnapshot, Task<T?>> read)
        where T : class
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginReadAsync(connection, cancellationToken);
        var owner = await ReadOwnerAsync(connection, transaction, ownerId, cancellationToken);
        var result = owner is null ? null : await read(connection, transaction, owner);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <param name="forUpdate">In a write transaction: lock the owner's row until the transaction ends.</param>
    private async Task<OwnerSnapshot?> ReadOwnerAsync(DbConnection connection, DbTransaction? transaction, string ownerId, CancellationToken cancellationToken, bool forUpdate = false)
    {
        await using var command = Command(connection, transaction, forUpdate ? LockedOwnerQuery : OwnerQuery, ("@owner", ownerId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadOwnerRow(ownerId, reader) : null;
    }

    private const string OwnerQuery = "SELECT display_name, time_zone, schedule_version FROM owners WHERE id = @owner;";

    /// <summary>
    /// The owner's row, locked until the transaction ends: FOR UPDATE, which PostgreSQL needs and SQLite ignores (its
    /// write transaction holds the whole file), written for both since a statement that SQLite cannot parse would fail.
    /// </summary>
    private string LockedOwnerQuery => $"SELECT display_name, time_zone, schedule_version FROM owners WHERE id = @owner{database.LockRowClause};";

    /// <param name="first">The column of the display name; the zone and schedule version follow it.</param>
    private static OwnerSnapshot ReadOwnerRow(string ownerId, DbDataReader reader, int first = 0) =>
        new(ownerId, reader.IsDBNull(first) ? null : reader.GetString(first), ToZone(reader.GetString(first + 1)), reader.GetInt64(first + 2));

    private const string RaiseVersionSql = "UPDATE owners SET schedule_version = schedule_version + 1 WHERE id = @owner RETURNING schedule_version;";

    /// <summary>The version <see cref="RaiseVersionSql"/> returned, the first value of a command that may run other statements before it.</summary>
    private static async Task<long> RaisedVersionAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        do
        {
            if (reader.FieldCount > 0 && await reader.ReadAsync(cancellationToken))
            {
                return reader.GetInt64(0);
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
    private static async Task RaiseScheduleVersionAsync(
        DbConnection connection, DbTransaction transaction, RaisedVersions raised, string ownerId, CancellationToken cancellationToken, Interval? bookingsAffected = null)
    {
        await using var command = Command(connection, transaction, RaiseVersionSql, ("@owner", ownerId));
        var version = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        raised.Add(new ScheduleVersion(ownerId, version, BookingsOnly: bookingsAffected is not null, bookingsAffected));
    }

    /// <summary>The schedule versions one write transaction raised, reported once it is committed.</summary>
    private sealed class RaisedVersions
    {
        private readonly List<ScheduleVersion> versions = [];
        private readonly List<(string OwnerId, long Version)> seen = [];

        public IReadOnlyList<ScheduleVersion> Versions => versions;

        public void Add(ScheduleVersion version) => versions.Add(version);

        /// <summary>
        /// A refusal rested on the owner at this committed version. Reported with the writes, so the refused caller's next
        /// read on this node is not answered from a copy older than what refused it: the write that took the slot may
        /// have committed without its own report having run yet.
        /// </summary>
        public void Saw(string ownerId, long version) => seen.Add((ownerId, version));

        /// <summary>Forgets the raised versions of a write that is not committed; what it saw stays true.</summary>
        public void Clear() => versions.Clear();

        public void ReportTo(ScheduleChanges changes, bool committed = true)
        {
            foreach (var version in versions)
            {
                changes.Committed(version);
            }

            // After an unknown outcome, what a write of the batch saw may have been rolled back with it.
            if (committed)
            {
                foreach (var (ownerId, version) in seen)
                {
                    changes.Seen(ownerId, version);
                }
            }
        }
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken, Func<DbDataReader, T> map, string sql, params (string Name, object Value)[] parameters)
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

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
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
}
