namespace Agenda.Storage;

/// <summary>
/// Why the database cannot serve a request right now. In every case the failed transaction was rolled back, so
/// nothing changed; what differs is who can act: a client by retrying soon, or the operator.
/// </summary>
public enum StoreFault
{
    /// <summary>Another writer held the lock past the busy timeout, or the database asked to be retried: retrying soon may succeed.</summary>
    Busy,

    /// <summary>The database cannot be reached or opened, or its storage reported an I/O error.</summary>
    Unreachable,

    /// <summary>The database's disk (or its size limit) is full: writes fail until space is freed.</summary>
    Full,

    /// <summary>The database refuses writes: a read-only file, folder or mount, or a standby server.</summary>
    ReadOnly,
}

/// <summary>How the service tells a database that cannot serve a request from a bug.</summary>
public interface IStoreFaults
{
    /// <summary>Why the database could not serve the request that failed with <paramref name="exception"/>, or null when the error is not the database's condition (a bug).</summary>
    StoreFault? Classify(Exception exception);
}

/// <summary>Whether the database can serve requests, for readiness checks.</summary>
public interface IStoreHealth
{
    /// <summary>
    /// What would stop a write now, or null when the database answers and can write. Cheap enough to run on every
    /// readiness probe; each database documents what its check can and cannot see.
    /// </summary>
    Task<StoreFault?> CheckAsync(CancellationToken cancellationToken);
}

/// <summary>Creates or upgrades the schema.</summary>
public interface ISchemaMigrator
{
    /// <summary>Runs the migrations that have not run yet.</summary>
    void Migrate();

    /// <summary>Where the data is, for the start-up log (without secrets).</summary>
    string Describe();
}
