using DbUp;
using Microsoft.Data.Sqlite;

namespace Agenda.Storage.Sqlite;

/// <summary>
/// Opens connections to one SQLite file with the settings the booking guarantee relies on,
/// and brings its schema up to date with DbUp's versioned migration scripts.
/// </summary>
public sealed class SqliteDatabase
{
    private readonly string connectionString;

    public SqliteDatabase(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            ForeignKeys = true,
            // Microsoft.Data.Sqlite retries a busy database for this long before giving up.
            DefaultTimeout = 30,
        };
        this.connectionString = builder.ToString();
        FilePath = builder.DataSource;
    }

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

    /// <summary>An open connection. Durability: with synchronous = FULL a committed transaction is on disk before the commit returns.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragmas = connection.CreateCommand();
            pragmas.CommandText = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
