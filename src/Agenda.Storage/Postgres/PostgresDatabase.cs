using System.Data;
using System.Data.Common;
using Agenda.Storage.Relational;
using DbUp;
using Npgsql;

namespace Agenda.Storage.Postgres;

/// <summary>
/// The store's dialect on PostgreSQL, through Npgsql, for several service nodes sharing one database. Writes run
/// in READ COMMITTED transactions that lock the owner's row first; the schema's exclusion constraint over
/// (owner, blocked time) of bookings that hold time refuses any overlap whatever happens above it. Connections and
/// commands have bounded timeouts, so an unreachable database fails fast instead of hanging requests.
/// </summary>
public sealed class PostgresDatabase : IStoreDialect, IStoreFaults, IStoreHealth, ISchemaMigrator, IDisposable
{
    /// <summary>Serialises migrations of nodes that start at the same time (an arbitrary, fixed advisory-lock key).</summary>
    private const long MigrationLockKey = 7_356_021_841;

    private readonly NpgsqlDataSource dataSource;
    private readonly string connectionString;
    private readonly string description;
    private readonly ScheduleAnnouncer announcer;

    public PostgresDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
        {
            builder.Timeout = 5;
        }

        if (!connectionString.Contains("Command Timeout", StringComparison.OrdinalIgnoreCase))
        {
            builder.CommandTimeout = 15;
        }

        // The store sends the same few statements over and over: prepared once per connection, the server parses and
        // plans them once instead of on every booking.
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
        }

        // The store leaves no session state behind (its one setting is SET LOCAL, which ends with its transaction), so a
        // connection going back to the pool needs no DISCARD ALL.
        if (!connectionString.Contains("Reset On Close", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        this.connectionString = builder.ConnectionString;
        description = $"the PostgreSQL database {builder.Database} on {builder.Host}:{builder.Port}";
        dataSource = NpgsqlDataSource.Create(this.connectionString);
        announcer = new ScheduleAnnouncer(dataSource);
    }

    public string LockRowClause => " FOR UPDATE";

    public string LockSkippingLocked(string? table = null) => table is null ? " FOR UPDATE SKIP LOCKED" : $" FOR UPDATE OF {table} SKIP LOCKED";

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>
    /// One connection and one READ COMMITTED transaction per write: writers for different owners run in parallel, and the
    /// owner's row lock orders those for one owner. Once decided, a commit is not cancelled: a client that hangs up must
    /// not turn a decided change into an unknown one. The versions a commit raised are queued for announcement to the
    /// other nodes (<see cref="ScheduleAnnouncer"/>) before the caller is answered.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<WriteDecision<T>>> work, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var decision = await work(connection, transaction);
        if (decision.Commit)
        {
            try
            {
                await transaction.CommitAsync(CancellationToken.None);
            }
            catch (Exception exception) when (CommitOutcomeUnknown(connection, exception))
            {
                throw new CommitOutcomeUnknownException(exception);
            }

            announcer.Announce(decision.Raised ?? []);
        }

        return decision.Result;
    }

    /// <summary>
    /// Each command is a round trip to the server, so bookings that arrive together are worth deciding with one read
    /// and one write command (<see cref="Bookings.BookingBatches"/>).
    /// </summary>
    public bool CommandsAreRoundTrips => true;

    /// <summary>
    /// The exclusion constraint's own GiST index over (owner, blocked time) finds exactly the overlapping bookings. A range
    /// of the b-tree over blocked starts would read every booking that starts in the longest blocked span before @from
    /// (on a busy calendar, hundreds of rows, each fetched from the heap while recent rows are not yet all-visible). For
    /// the many bookings of whole dates the b-tree's index-only range is faster, and the store uses it there.
    /// </summary>
    public string BlockedTimeOverlapsOneSlot => "int8range(blocked_start_utc, blocked_end_utc) && int8range(@from, @to)";

    /// <summary>A connection of its own for the listener, which holds it as long as it listens.</summary>
    internal ValueTask<NpgsqlConnection> OpenListenerConnectionAsync(CancellationToken cancellationToken) =>
        dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>REPEATABLE READ: every statement of the transaction sees the snapshot of its first.</summary>
    public async Task<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

    /// <summary>
    /// The connection broke during COMMIT (the server was killed, the network failed, or the server ended the session):
    /// the commit record may have been written before the answer was lost. An error the server answered on a live
    /// connection means the transaction was rolled back.
    /// </summary>
    private static bool CommitOutcomeUnknown(DbConnection connection, Exception exception) =>
        exception is NpgsqlException or IOException or TimeoutException or OperationCanceledException
        && connection.State != ConnectionState.Open;

    /// <summary>unique_violation (23505), exclusion_violation (23P01), or a seat slot past its capacity (check_violation 23514 of seat_slots_within_capacity).</summary>
    public bool IsConflict(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ExclusionViolation }
            or PostgresException { SqlState: PostgresErrorCodes.CheckViolation, ConstraintName: "seat_slots_within_capacity" };

    /// <summary>
    /// Lock and serialization failures, lock and statement timeouts are <see cref="StoreFault.Busy"/>; disk_full (53100)
    /// is <see cref="StoreFault.Full"/>; read_only_sql_transaction (25006, a standby or a read-only default) is
    /// <see cref="StoreFault.ReadOnly"/>; any other failure Npgsql calls transient (a refused or broken connection, a
    /// server shutting down or starting up, a connection timeout) is <see cref="StoreFault.Unreachable"/>.
    /// </summary>
    public StoreFault? Classify(Exception exception) => exception switch
    {
        PostgresException { SqlState: PostgresErrorCodes.DiskFull } => StoreFault.Full,
        PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction } => StoreFault.ReadOnly,
        PostgresException
        {
            SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
                or PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.QueryCanceled
        } => StoreFault.Busy,
        NpgsqlException { IsTransient: true } => StoreFault.Unreachable,
        NpgsqlException { InnerException: TimeoutException or System.Net.Sockets.SocketException } => StoreFault.Unreachable,
        _ => null,
    };

    /// <summary>
    /// The server answers, and is a primary that accepts writes: a standby (<c>pg_is_in_recovery()</c>) or a server whose
    /// transactions are read-only by default cannot take a booking. Limits: a full disk on the server, or a quota,
    /// shows only when a write fails (answered 503 as <see cref="StoreFault.Full"/>).
    /// </summary>
    public async Task<StoreFault?> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                "SELECT pg_is_in_recovery() OR current_setting('default_transaction_read_only')::boolean;", connection);
            return await command.ExecuteScalarAsync(cancellationToken) is false ? null : StoreFault.ReadOnly;
        }
        catch (NpgsqlException exception)
        {
            return Classify(exception) ?? StoreFault.Unreachable;
        }
    }

    /// <summary>
    /// Runs the scripts in <c>Postgres/Migrations</c> that have not run yet, holding an advisory lock so that nodes
    /// starting together migrate one after the other (the second finds nothing left to do).
    /// </summary>
    public void Migrate()
    {
        using var connection = dataSource.OpenConnection();
        using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey});", connection))
        {
            take.ExecuteNonQuery();
        }

        try
        {
            var result = DeployChanges.To
                .PostgresqlDatabase(connectionString)
                .WithScriptsEmbeddedInAssembly(typeof(PostgresDatabase).Assembly, name => name.Contains(".Postgres.Migrations.", StringComparison.Ordinal))
                .WithTransactionPerScript()
                .LogToNowhere()
                .Build()
                .PerformUpgrade();
            if (!result.Successful)
            {
                throw new InvalidOperationException($"Migrating {description} failed at script '{result.ErrorScript?.Name}'.", result.Error);
            }
        }
        finally
        {
            using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey});", connection);
            release.ExecuteNonQuery();
        }
    }

    public string Describe() => description;

    public void Dispose()
    {
        announcer.Stop();
        dataSource.Dispose();
    }
}
