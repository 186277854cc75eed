using System.Data.Common;
using Agenda.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace Agenda.Storage.Sqlite;

/// <summary>
/// The group-commit writer's connection, which lives from batch to batch. It keeps every command it is asked for, so
/// SQLite compiles each of the store's statements once instead of for every write: Microsoft.Data.Sqlite prepares a
/// command's statements once per command object, and the writer is the one thread every write waits for.
/// </summary>
internal sealed class WriterConnection(string connectionString) : SqliteConnection(connectionString), IKeepsCommands
{
    private readonly Dictionary<string, KeptCommand> kept = new(StringComparer.Ordinal);

    public DbCommand CommandFor(string sql)
    {
        if (!kept.TryGetValue(sql, out var command))
        {
            command = new KeptCommand { Connection = this, CommandText = sql };
            kept[sql] = command;
        }

        command.Parameters.Clear();
        return command;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var command in kept.Values)
            {
                command.Release();
            }

            kept.Clear();
        }

        base.Dispose(disposing);
    }

    /// <summary>A command whose callers' disposal keeps it (and its compiled statements) for the next write.</summary>
    private sealed class KeptCommand : SqliteCommand
    {
        public void Release() => base.Dispose(true);

        protected override void Dispose(bool disposing)
        {
            // Kept: released with the connection.
        }
    }
}
