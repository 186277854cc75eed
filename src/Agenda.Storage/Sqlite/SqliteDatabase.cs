using System.Data.Common;
using Agenda.Storage.Relational;
using DbUp;
using Microsoft.Data.Sqlite;

namespace Agenda.Storage.Sqlite;

/// <summary>
/// Opens connections to one SQLite file with the settings the booking guarantee relies on,
/// and brings its schema up to date with DbUp's versioned migration scripts.
/// </summary>
public sealed class SqliteDatabase : IStoreDialect, IStoreFaults, IStoreHealth, ISchemaMigrator, IAsyncDisposable, IDisposable
{
    private readonly GroupCommitWriter writer;
    private readonly string connectionString;
    private readonly string pragmas;
    private readonly long minimumFreeBytes;

    /// <param name="busyTimeout">
    /// How long a statement waits for another writer's lock before it fails; bounded, so that a stuck database
    /// gives a quick 503 instead of a hanging request.
    /// </param>
    /// <param name="minimumFreeBytes">
    /// Readiness fails when the file's folder has less free space than this (default 16 MiB), before writes start failing.
    /// </param>
    /// <param name="maxPageCount">
    /// Caps the file's size in pages (<c>PRAGMA max_page_count</c>, per connection): a write that needs a page past it
    /// fails with SQLITE_FULL exactly as on a full disk. Tests use it to reach "disk full" without filling a disk.
    /// </param>
    public SqliteDatabase(string connectionString, TimeSpan? busyTimeout = null, long minimumFreeBytes = DefaultMinimumFreeBytes, long? maxPageCount = null)
    {
        var timeout = busyTimeout ?? TimeSpan.FromSeconds(10);
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            ForeignKeys = true,
            // Microsoft.Data.Sqlite retries a busy database for this long before giving up.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds)),
        };
        this.connectionString = builder.ToString();
        pragmas = $"PRAGMA synchronous = FULL; PRAGMA busy_timeout = {(int)timeout.TotalMilliseconds};"
            + (maxPageCount is { } pages ? $" PRAGMA max_page_count = {pages};" : "");
        this.minimumFreeBytes = minimumFreeBytes;
        FilePath = builder.DataSource;
        writer = new GroupCommitWriter(async cancellationToken => (SqliteConnection)await OpenForWritesAsync(cancellationToken, new WriterConnection(this.connectionString)));
    }

    public const long DefaultMinimumFreeBytes = 16L * 1024 * 1024;

    /// <summary>
    /// Whether a write could succeed now, in two cheap steps, neither of which changes the file:
    /// <list type="number">
    /// <item>the folder of the file has at least the minimum free space (statvfs through <see cref="DriveInfo"/>), which
    /// sees a disk that is full or nearly so even though SQLite would still accept writes into pages it already has;</item>
    /// <item>a write transaction (<c>BEGIN IMMEDIATE</c>) that creates a table, which needs the write lock and one fresh
    /// page, and is rolled back. That sees a read-only file, folder or mount, a file that cannot be opened, a lock held
    /// past the busy timeout, and a size limit reached. It does not touch the disk: the page lives in memory until a
    /// commit, so it cannot see a full disk by itself, which is what the free-space step is for.</item>
    /// </list>
    /// Limits: space can run out between two probes; quotas below the file system's free space, and I/O errors that
    /// only a commit's fsync meets, are seen only when a real write fails (and is answered 503).
    /// </summary>
    public async Task<StoreFault?> CheckAsync(CancellationToken cancellationToken)
    {
        if (FreeBytes() is { } free && free < minimumFreeBytes)
        {
            return StoreFault.Full;
        }

        try
        {
            await using var connection = (SqliteConnection)await OpenForWritesAsync(cancellationToken);
            await using var transaction = BeginWrite(connection);
            await using var probe = connection.CreateCommand();
            probe.Transaction = transaction;
            probe.CommandText = "CREATE TABLE agenda_readiness_probe (filler BLOB);";
            await probe.ExecuteNonQueryAsync(cancellationToken);
            await transaction.RollbackAsync(cancellationToken);
            return null;
        }
        catch (SqliteException exception)
        {
            return Classify(exception) ?? StoreFault.Unreachable;
        }
    }

    /// <summary>
    /// SQLITE_BUSY (5) and SQLITE_LOCKED (6): another writer held the lock past the busy timeout. SQLITE_FULL (13): the
    /// disk, or the size limit, is full. SQLITE_READONLY (8): the file, its folder or its mount is read-only.
    /// SQLITE_IOERR (10) and SQLITE_CANTOPEN (14): the file cannot be opened, or its storage failed.
    /// </summary>
    public StoreFault? Classify(Exception exception) => exception switch
    {
        SqliteException { SqliteErrorCode: 5 or 6 } => StoreFault.Busy,
        SqliteException { SqliteErrorCode: 13 } => StoreFault.Full,
        SqliteException { SqliteErrorCode: 8 } => StoreFault.ReadOnly,
        SqliteException { SqliteErrorCode: 10 or 14 } => StoreFault.Unreachable,
        _ => null,
    };

    /// <summary>Free space for this process in the file's folder; null for an in-memory database or a folder that cannot be examined.</summary>
    private long? FreeBytes()
    {
        if (FilePath is "" or ":memory:" || connectionString.Contains("Mode=Memory", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(FilePath));
            return folder is null ? null : new DriveInfo(folder).AvailableFreeSpace;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// SQLITE_CONSTRAINT: a unique index or an overlap trigger refused the row. Not a foreign key that failed
    /// (SQLITE_CONSTRAINT_FOREIGNKEY, 787: say, a status and holds_time that <c>booking_statuses</c> does not list), which
    /// is a broken write, as on PostgreSQL, and never a slot taken.
    /// </summary>
    public bool IsConflict(DbException exception) => exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: not ForeignKeyFailed };

    private const int ForeignKeyFailed = 787;

    /// <summary>In the process: the group-commit writer already shares one transaction between the writes queued together.</summary>
    public bool CommandsAreRoundTrips => false;

    /// <summary>
    /// The same range of the covering index over (owner, blocked start) of bookings that hold time as for whole dates: blocked
    /// starts from @from less the owner's longest blocked time (no booking that starts earlier can reach @from) to @to, then
    /// the ends checked in the index.
    /// </summary>
    public string BlockedTimeOverlapsOneSlot => Bookings.ScheduleReads.BlockedStartsInRange;

    /// <summary>BEGIN IMMEDIATE already holds the file's only write lock, so rows need no lock of their own.</summary>
    public string LockRowClause => "";

    public string LockSkippingLocked(string? table = null) => "";

    /// <summary>
    /// Through the file's one writer, which commits the writes queued meanwhile together (<see cref="GroupCommitWriter"/>).
    /// The outcome of a commit is never unknown: SQLite commits in the process, so a COMMIT that fails has rolled back
    /// (its journal ensures that even across a crash), and one that returns is on disk (synchronous = FULL).
    /// </summary>
    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<WriteDecision<T>>> work, CancellationToken cancellationToken) =>
        writer.WriteAsync(work, cancellationToken);

    /// <summary>BEGIN IMMEDIATE: the file's write lock is taken before anything is read.</summary>
    private static SqliteTransaction BeginWrite(SqliteConnection connection) => connection.BeginTransaction(deferred: false);

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

    /// <summary>
    /// An open connection for reads. Reads need none of the write settings: in WAL mode a reader does not wait for the
    /// writer, and Microsoft.Data.Sqlite retries a busy database for the connection string's default timeout.
    /// </summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>An open connection for writes. Durability: with synchronous = FULL a committed transaction is on disk before the commit returns.</summary>
    /// <param name="unopened">The connection to open, when not a plain one.</param>
    private async Task<DbConnection> OpenForWritesAsync(CancellationToken cancellationToken, SqliteConnection? unopened = null)
    {
        var connection = unopened ?? new SqliteConnection(connectionString);
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

    /// <summary>Lets the writes already queued finish, then stops the writer.</summary>
    public ValueTask DisposeAsync() => writer.DisposeAsync();

    public void Dispose() => writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
