using System.Data.Common;
using Agenda.Storage.Relational;
using DbUp;
using Microsoft.Data.Sqlite;

namespace Agenda.Storage.Sqlite;

/// <summary>
/// Opens connections to one SQLite file with the settings the booking guarantee relies on,
/// and brings its schema up to date with DbUp's versioned migration scripts.
/// </summary>
public sealed class SqliteDatabase : IStoreDialect, IStoreFaults, IStoreHealth, ISchemaMigrator
{
    private readonly string connectionString;
    private readonly string pragmas;

    /// <param name="busyTimeout">
    /// How long a statement waits for another writer's lock before it fails; bounded, so that a stuck database
    /// gives a quick 503 instead of a hanging request.
    /// </param>
    public SqliteDatabase(string connectionString, TimeSpan? busyTimeout = null)
    {
        var timeout = busyTimeout ?? TimeSpan.FromSeconds(10);
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            ForeignKeys = true,
            // Microsoft.Data.Sqlite retries a busy database for this long before giving up.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)),
        };
        this.connectionString = builder.ToString();
        pragmas = $"PRAGMA synchronous = FULL; PRAGMA busy_timeout = {(int)timeout.TotalMilliseconds};";
        FilePath = builder.DataSource;
    }

    /// <summary>Whether the database answers a trivial query, for readiness checks.</summary>
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1;";
            return await command.ExecuteScalarAsync(cancellationToken) is 1L;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    /// <summary>
    /// Whether an error means the database is momentarily unavailable (locked by another writer past the busy
    /// timeout, or not openable), so that the request may succeed if retried.
    /// </summary>
    public bool IsTransient(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 5 or 6 or 10 or 14 };

    /// <summary>SQLITE_CONSTRAINT: a unique index or an overlap trigger refused the row.</summary>
    public bool IsConflict(DbException exception) => exception is SqliteException { SqliteErrorCode: 19 };

    /// <summary>BEGIN IMMEDIATE already holds the file's only write lock, so rows need no lock of their own.</summary>
    public string LockRowClause => "";

    /// <summary>BEGIN IMMEDIATE: the file's write lock is taken before anything is read.</summary>
    public Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    /// <summary>BEGIN (deferred): in WAL mode a reader sees one snapshot from its first read to its end.</summary>
    public Task<DbTransaction> BeginReadAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    public string Describe() => $"the SQLite database {Path.GetFullPath(FilePath)}";

    /// <summary>The database file, as given by the connection string's Data Source.</summary>
    public string FilePath { get; }

    /// <summary>
    /// Creates the file's folder, switches the file to write-ahead logging (a setting the file keeps)
    /// and runs the migrations that have not run yet, each in its own transaction.
    /// </summary>
    public void Migrate()
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(FilePath));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        // Processes starting together on one file (the service and an 'owners create', two services) migrate one
        // after the other, as PostgreSQL nodes do under their advisory lock; the second finds nothing left to do.
        // The lock file stays beside the database: deleting it on release would let a waiting process lock a file
        // that is already gone while a third creates and locks a new one.
        using var migrationLock = TakeMigrationLock($"{Path.GetFullPath(FilePath)}-migration-lock");

        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        var result = DeployChanges.To
            .SqliteDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(typeof(SqliteDatabase).Assembly, name => name.Contains(".Sqlite.Migrations.", StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();

        if (!result.Successful)
        {
            throw new InvalidOperationException($"Migrating the SQLite database '{FilePath}' failed at script '{result.ErrorScript?.Name}'.", result.Error);
        }
    }

    private static FileStream TakeMigrationLock(string path)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < TimeSpan.FromSeconds(60))
            {
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>An open connection. Durability: with synchronous = FULL a committed transaction is on disk before the commit returns.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragmaCommand = connection.CreateCommand();
            pragmaCommand.CommandText = pragmas;
            await pragmaCommand.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
