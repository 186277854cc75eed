using Agenda.Storage.Sqlite;

namespace Agenda.Api.Platform.Hosting;

/// <summary>
/// The command line's backup and restore, for administrators with access to the machine, on the configured database:
/// <c>backup &lt;file&gt;</c> copies the SQLite database while the service goes on serving; <c>restore &lt;file&gt;</c>
/// checks a backup and copies it over the database (stop the service first), then brings its schema up to date.
/// PostgreSQL is backed up with its own tools (docs/operations.md): the commands say so.
/// </summary>
internal static class DatabaseCommands
{
    public static bool IsCommand(string[] args) => args is ["backup", ..] or ["restore", ..];

    public static int Run(WebApplication app, string[] args)
    {
        if (args is not [var verb, var file])
        {
            Console.Error.WriteLine("Usage: backup <file> | restore <file>");
            return 2;
        }

        if (app.Services.GetService<SqliteBackups>() is not { } backups)
        {
            Console.Error.WriteLine("This service stores in PostgreSQL: back it up with pg_dump and restore with pg_restore (docs/operations.md).");
            return 2;
        }

        var outcome = verb == "backup" ? backups.Backup(file) : backups.Restore(file);
        (outcome.Done ? Console.Out : Console.Error).WriteLine(outcome.Message);
        return outcome.Done ? 0 : 1;
    }
}
