using System.Data.Common;

namespace Agenda.Storage.Relational;

/// <summary>What differs between the databases <see cref="ScheduleStore"/> runs on: connections, transactions, locks and conflicts.</summary>
public interface IStoreDialect
{
    /// <summary>An open connection with the settings the guarantees rely on.</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A transaction that will write; it must be able to lock rows it reads with <see cref="LockRowClause"/>.</summary>
    Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>A transaction whose reads all see one snapshot.</summary>
    Task<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Appended to a SELECT of one row to lock it until the transaction ends ("" where the whole database is already locked).</summary>
    string LockRowClause { get; }

    /// <summary>Whether the error is the schema refusing a row that conflicts with another (unique or overlap guard).</summary>
    bool IsConflict(DbException exception);

    /// <summary>
    /// Whether <paramref name="exception"/>, thrown by COMMIT, leaves it unknown whether the transaction was committed:
    /// the connection broke while the answer was awaited.
    /// </summary>
    bool CommitOutcomeUnknown(DbConnection connection, Exception exception);
}
