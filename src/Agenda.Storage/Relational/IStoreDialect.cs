using System.Data.Common;

namespace Agenda.Storage.Relational;

/// <summary>What differs between the databases the stores run on (through <see cref="StoreCore"/>): connections, transactions, locks and conflicts.</summary>
public interface IStoreDialect
{
    /// <summary>An open connection with the settings the guarantees rely on, for reads.</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction, in which rows read with <see cref="LockRowClause"/> stay
    /// locked, and commits it if the work decides so (otherwise it is rolled back). Answers only once a commit is
    /// durable. Every write of the store goes through here. When the database's answer to COMMIT is lost, it throws
    /// <see cref="CommitOutcomeUnknownException"/>: the change may or may not have been made.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait for the transaction; once the work has started, it is the work's own token that counts.</param>
    Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<WriteDecision<T>>> work, CancellationToken cancellationToken);

    /// <summary>A transaction whose reads all see one snapshot.</summary>
    Task<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Appended to a SELECT of one row to lock it until the transaction ends ("" where the whole database is already locked).</summary>
    string LockRowClause { get; }

    /// <summary>
    /// Appended to a SELECT in a write transaction to lock the rows it returns of <paramref name="table"/> (an alias of the
    /// query, or all of them when null) and pass over rows another transaction has locked, so that several nodes can
    /// claim work from one table at once ("" where the whole database is already locked).
    /// </summary>
    string LockSkippingLocked(string? table = null);

    /// <summary>
    /// True when every command is a round trip to a server, so that the store decides bookings that arrive together with
    /// one read and one write command; false for a database in the process, where a command costs no more than its work.
    /// </summary>
    bool CommandsAreRoundTrips { get; }

    /// <summary>
    /// A condition on a row of <c>bookings</c> that holds when its blocked time overlaps @from to @to, an interval of about
    /// one slot, written as the database's indexes find those few bookings with the fewest rows read (a database that can
    /// bound the scan only from below starts it at @from less the owner's longest blocked time, <c>owners.longest_blocked</c>).
    /// </summary>
    string BlockedTimeOverlapsOneSlot { get; }

    /// <summary>Whether the error is the schema refusing a row that conflicts with another (unique or overlap guard).</summary>
    bool IsConflict(DbException exception);
}

/// <summary>
/// What a write transaction's work decided: its result, and whether the transaction is committed or rolled back.
/// <paramref name="Raised"/> are the schedule versions a committed transaction raised; a database that several nodes
/// share announces them to the other nodes once committed.
/// </summary>
public readonly record struct WriteDecision<T>(T Result, bool Commit, IReadOnlyList<ScheduleVersion>? Raised = null);

/// <summary>
/// An owner's schedule version, as committed by a write. <paramref name="BookingsOnly"/> when only bookings changed, and
/// then <paramref name="Affected"/> holds every blocked time the write added or removed (null: anything may have changed).
/// </summary>
public readonly record struct ScheduleVersion(string OwnerId, long Version, bool BookingsOnly = false, NodaTime.Interval? Affected = null);

/// <summary>
/// A connection that keeps the commands it is given, compiled, for the next use of the same SQL. Disposing such a
/// command keeps it; the connection releases them.
/// </summary>
public interface IKeepsCommands
{
    /// <summary>The kept command for <paramref name="sql"/>, without parameters.</summary>
    DbCommand CommandFor(string sql);
}
