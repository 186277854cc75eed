namespace Agenda.Storage;

/// <summary>How the service tells a database that is momentarily unavailable from a bug.</summary>
public interface IStoreFaults
{
    /// <summary>
    /// Whether the error means the database is momentarily unavailable (locked past the busy timeout, unreachable),
    /// so the failed transaction was rolled back and the request may succeed if retried.
    /// </summary>
    bool IsTransient(Exception exception);
}

/// <summary>Whether the database can serve requests, for readiness checks.</summary>
public interface IStoreHealth
{
    /// <summary>Whether the database answers a trivial query.</summary>
    Task<bool> IsReachableAsync(CancellationToken cancellationToken);
}

/// <summary>Creates or upgrades the schema.</summary>
public interface ISchemaMigrator
{
    /// <summary>Runs the migrations that have not run yet.</summary>
    void Migrate();

    /// <summary>Where the data is, for the start-up log (without secrets).</summary>
    string Describe();
}
