using System.Collections.Concurrent;
using System.Data.Common;
using Agenda.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace Agenda.Storage.Tests;

/// <summary>
/// SQLite's group commit: writes queued while the writer is busy run together in one transaction, each decided on its
/// own in a savepoint, and none is answered before the batch is committed.
/// </summary>
public sealed class GroupCommitTests : IDisposable
{
    private readonly SqliteFile file = new();

    public void Dispose() => file.Dispose();

    [Fact]
    public async Task Writes_queued_behind_a_running_one_share_one_commit_and_are_each_decided_on_their_own()
    {
        var database = file.Database;
        await database.WriteAsync(async (c, t) => Commit(await Execute(c, t, "CREATE TABLE probe (k TEXT PRIMARY KEY);")), CancellationToken.None);
        var running = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var transactions = new ConcurrentBag<DbTransaction>();

        // The first write holds the writer until released, so everything queued meanwhile forms the next batch.
        var first = database.WriteAsync(async (c, t) =>
        {
            running.SetResult();
            await release.Task;
            return Commit(await Execute(c, t, "INSERT INTO probe VALUES ('first');"));
        }, CancellationToken.None);
        await running.Task;

        Task<T> Queue<T>(Func<DbConnection, DbTransaction, Task<WriteDecision<T>>> work, CancellationToken cancellationToken = default) =>
            database.WriteAsync<T>(async (c, t) =>
            {
                transactions.Add(t);
                return await work(c, t);
            }, cancellationToken);

        var kept = Queue(async (c, t) => Commit(await Execute(c, t, "INSERT INTO probe VALUES ('a');")));
        var refused = Queue(async (c, t) => new WriteDecision<int>(await Execute(c, t, "INSERT INTO probe VALUES ('b');"), Commit: false));
        var failed = Queue<int>(async (c, t) =>
        {
            await Execute(c, t, "INSERT INTO probe VALUES ('c');");
            throw new InvalidOperationException("the work failed");
        });
        var duplicate = Queue(async (c, t) => Commit(await Execute(c, t, "INSERT INTO probe VALUES ('a');")));
        var seesEarlier = Queue(async (c, t) =>
        {
            var count = await Scalar(c, t, "SELECT COUNT(*) FROM probe WHERE k = 'a';");
            await Execute(c, t, "INSERT INTO probe VALUES ('d');");
            return Commit(count);
        });
        using var gaveUp = new CancellationTokenSource();
        var abandoned = Queue(async (c, t) => Commit(await Execute(c, t, "INSERT INTO probe VALUES ('e');")), gaveUp.Token);
        await gaveUp.CancelAsync();

        Assert.False(kept.IsCompleted);
        release.SetResult();
        await first;

        Assert.Equal(1, await kept);
        Assert.Equal(1, await refused);
        Assert.Equal("the work failed", (await Assert.ThrowsAsync<InvalidOperationException>(() => failed)).Message);
        Assert.Equal(19, (await Assert.ThrowsAsync<SqliteException>(() => duplicate)).SqliteErrorCode);
        Assert.Equal(1, await seesEarlier);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        Assert.Single(transactions.Distinct());
        Assert.Equal(["a", "d", "first"], await StoredKeys());
    }

    [Fact]
    public async Task A_write_is_answered_only_after_its_batch_is_committed()
    {
        var database = file.Database;
        await database.WriteAsync(async (c, t) => Commit(await Execute(c, t, "CREATE TABLE probe (k TEXT PRIMARY KEY);")), CancellationToken.None);
        var inserted = new TaskCompletionSource();
        var release = new TaskCompletionSource();

        var write = database.WriteAsync(async (c, t) =>
        {
            await Execute(c, t, "INSERT INTO probe VALUES ('x');");
            inserted.SetResult();
            await release.Task;
            return Commit(1);
        }, CancellationToken.None);
        await inserted.Task;

        Assert.Empty(await StoredKeys());
        Assert.False(write.IsCompleted);
        release.SetResult();
        await write;
        Assert.Equal(["x"], await StoredKeys());
    }

    private static WriteDecision<T> Commit<T>(T result) => new(result, Commit: true);

    private async Task<List<string>> StoredKeys()
    {
        await using var connection = await file.Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT k FROM probe ORDER BY k;";
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private static async Task<int> Execute(DbConnection connection, DbTransaction transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> Scalar(DbConnection connection, DbTransaction transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
