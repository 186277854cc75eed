using System.Data.Common;

namespace Agenda.Storage.Relational;

/// <summary>What differs between the databases <see cref="ScheduleStore"/> runs on.</summary>
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

    /// <summary>Whether the error means the database is momentarily unavailable, so the request may succeed if retried.</summary>
    bool IsTransient(Exception exception);

    /// <summary>Whether the database answers a trivial query.</summary>
    Task<bool> IsReachableAsync(CancellationToken cancellationToken);

    /// <summary>Creates or upgrades the schema.</summary>
    void Migrate();

    /// <summary>Where the data is, for the start-up log (without secrets).</summary>
    string Describe();
}
