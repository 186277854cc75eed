using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Agenda.Storage.Sqlite;

/// <summary>
/// Backups of a SQLite database while it serves, and their restore. A backup is SQLite's online backup API (one step, in
/// one read transaction): with write-ahead logging, bookings go on being written while it copies, and the copy is the
/// database at one moment, with every booking committed before the copy began. It is written beside its destination and
/// renamed only once whole and checked, so a backup that stopped halfway is never taken for one. A restore refuses a file
/// that is not a sound Agenda database, or one made by a newer version, and changes nothing then.
/// </summary>
public sealed class SqliteBackups(SqliteDatabase database)
{
    /// <summary>Copies the database to <paramref name="destination"/>, which must not exist yet.</summary>
    public BackupOutcome Backup(string destination)
    {
        var target = Path.GetFullPath(destination);
        if (File.Exists(target))
        {
            return new BackupOutcome(false, $"{target} exists already; a backup never overwrites a file.");
        }

        var partial = target + ".partial";
        File.Delete(partial);
        var watch = Stopwatch.StartNew();
        try
        {
            using (var source = new SqliteConnection(ReadOnly(database.FilePath)))
            using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
            {
                source.Open();
                copy.Open();
                source.BackupDatabase(copy);
            }

            if (Check(partial) is { } problem)
            {
                File.Delete(partial);
                return new BackupOutcome(false, $"The copy did not check out ({problem}); nothing was written to {target}.");
            }

            File.Move(partial, target);
            return new BackupOutcome(true, $"Backed up {Path.GetFullPath(database.FilePath)} to {target}: {new FileInfo(target).Length} bytes in {watch.ElapsedMilliseconds} ms.");
        }
        catch (SqliteException e)
        {
            File.Delete(partial);
            return new BackupOutcome(false, $"The backup failed: {e.Message}");
        }
    }

    /// <summary>
    /// Checks <paramref name="backup"/> and copies it over the database, then brings its schema up to date. Every service
    /// on the database must be stopped first: a running one keeps serving what it had cached.
    /// </summary>
    public BackupOutcome Restore(string backup)
    {
        var source = Path.GetFullPath(backup);
        if (!File.Exists(source))
        {
            return new BackupOutcome(false, $"{source} does not exist.");
        }

        if (Check(source) is { } problem)
        {
            return new BackupOutcome(false, $"{source} is not a sound Agenda backup ({problem}); the database was not changed.");
        }

        using (var from = new SqliteConnection(ReadOnly(source)))
        using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database.FilePath, Pooling = false }.ToString()))
        {
            from.Open();
            to.Open();
            from.BackupDatabase(to);
        }

        database.Migrate();
        return new BackupOutcome(true, $"Restored {source} into {Path.GetFullPath(database.FilePath)}.");
    }

    /// <summary>Why the file is not a sound Agenda database, or null when it is: SQLite's integrity check, and migrations this version knows.</summary>
    private static string? Check(string file)
    {
        try
        {
            using var connection = new SqliteConnection(ReadOnly(file));
            connection.Open();
            using var integrity = connection.CreateCommand();
            integrity.CommandText = "PRAGMA integrity_check;";
            if (integrity.ExecuteScalar() is not "ok" and var verdict)
            {
                return $"integrity check: {verdict}";
            }

            using var scripts = connection.CreateCommand();
            scripts.CommandText = "SELECT ScriptName FROM SchemaVersions;";
            using var reader = scripts.ExecuteReader();
            var known = typeof(SqliteDatabase).Assembly.GetManifestResourceNames().ToHashSet(StringComparer.Ordinal);
            var count = 0;
            while (reader.Read())
            {
                count++;
                if (!known.Contains(reader.GetString(0)))
                {
                    return $"it was made by a newer version of Agenda: migration {reader.GetString(0)} is unknown here";
                }
            }

            return count == 0 ? "it has no migrations: not an Agenda database" : null;
        }
        catch (SqliteException e)
        {
            return e.SqliteErrorCode == 1 && e.Message.Contains("SchemaVersions", StringComparison.Ordinal) ? "not an Agenda database" : e.Message;
        }
    }

    private static string ReadOnly(string file) => new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
}

/// <summary>Whether a backup or restore was done, and what to tell the administrator.</summary>
public sealed record BackupOutcome(bool Done, string Message);
