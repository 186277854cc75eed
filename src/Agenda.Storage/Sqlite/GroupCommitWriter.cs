using System.Data.Common;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Agenda.Storage.Relational;
using Microsoft.Data.Sqlite;

namespace Agenda.Storage.Sqlite;

/// <summary>
/// Group commit for one SQLite file. SQLite lets one transaction write at a time, and each commit waits for the disk
/// (synchronous = FULL), so writers taking turns are bounded by the disk's flush rate. Here every write is queued to
/// one writer, which takes all the writes queued meanwhile and runs them in one transaction, so one flush makes a whole
/// batch durable:
/// <list type="bullet">
/// <item>each write runs in its own savepoint, after the writes before it in the batch, and sees them: it is checked and
/// decided on its own, exactly as if it had its own transaction. A write that decides not to commit, or fails, is
/// rolled back to its savepoint and leaves no trace, while the others stay;</item>
/// <item>every caller is answered only after the batch's COMMIT has returned, that is, once the batch is on disk. When
/// the COMMIT fails, every write of the batch fails with it, refusals included: a refusal may rest on a write before it
/// that was never committed.</item>
/// </list>
/// A write whose caller gave up before it started is skipped.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    /// <summary>Enough to make one flush count; small enough that the first caller of a batch does not wait long for the last.</summary>
    private const int MaxBatch = 128;

    private const string Savepoint = "agenda_write";

    private readonly Channel<IQueuedWrite> queue = Channel.CreateUnbounded<IQueuedWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<CancellationToken, Task<SqliteConnection>> open;
    private readonly Task loop;

    /// <summary>The writer's connection, kept from batch to batch; replaced after a batch that failed.</summary>
    private SqliteConnection? connection;

    /// <param name="open">Opens a connection with the settings writes need.</param>
    public GroupCommitWriter(Func<CancellationToken, Task<SqliteConnection>> open)
    {
        this.open = open;
        loop = Task.Run(RunAsync);
    }

    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<WriteDecision<T>>> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var write = new QueuedWrite<T>(work, cancellationToken);
        if (!queue.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(GroupCommitWriter), "The database is shutting down.");
        }

        return write.Completion;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop;
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<IQueuedWrite>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var write))
            {
                if (!write.GaveUp())
                {
                    batch.Add(write);
                }
            }

            if (batch.Count > 0)
            {
                await RunBatchAsync(batch);
                batch.Clear();
            }
        }
    }

    private async Task RunBatchAsync(List<IQueuedWrite> batch)
    {
        Exception? batchFailure = null;
        try
        {
            connection ??= await open(CancellationToken.None);

            // BEGIN IMMEDIATE: the file's write lock is taken before anything is read.
            await using var transaction = connection.BeginTransaction(deferred: false);
            foreach (var write in batch)
            {
                await RunInSavepointAsync(write, transaction);
            }

            await transaction.CommitAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            batchFailure = exception;
            if (connection is not null)
            {
                await connection.DisposeAsync();
                connection = null;
            }
        }

        foreach (var write in batch)
        {
            write.Answer(batchFailure);
        }
    }

    /// <summary>
    /// Runs one write in a savepoint and keeps or undoes it. When the failure of a write has already rolled back the
    /// whole transaction (SQLite does so for some errors, such as a full disk), undoing the savepoint fails: then the
    /// write's failure becomes the batch's.
    /// </summary>
    private static async Task RunInSavepointAsync(IQueuedWrite write, SqliteTransaction transaction)
    {
        await transaction.SaveAsync(Savepoint);
        bool keep;
        try
        {
            keep = await write.RunAsync(transaction.Connection!, transaction);
        }
        catch (Exception exception)
        {
            write.Failed(exception);
            keep = false;
            try
            {
                await transaction.RollbackAsync(Savepoint);
                await transaction.ReleaseAsync(Savepoint);
            }
            catch (SqliteException)
            {
                ExceptionDispatchInfo.Throw(exception);
            }

            return;
        }

        if (!keep)
        {
            await transaction.RollbackAsync(Savepoint);
        }

        await transaction.ReleaseAsync(Savepoint);
    }

    private interface IQueuedWrite
    {
        /// <summary>True when the caller gave up before the write started; it is answered as cancelled and not run.</summary>
        bool GaveUp();

        /// <summary>Runs the work; true when it is to be committed.</summary>
        Task<bool> RunAsync(DbConnection connection, DbTransaction transaction);

        void Failed(Exception exception);

        /// <summary>Answers the caller once the batch is over: its own failure, else the batch's, else its result.</summary>
        void Answer(Exception? batchFailure);
    }

    private sealed class QueuedWrite<T>(Func<DbConnection, DbTransaction, Task<WriteDecision<T>>> work, CancellationToken cancellationToken) : IQueuedWrite
    {
        private readonly TaskCompletionSource<T> answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? result;
        private Exception? failure;

        public Task<T> Completion => answer.Task;

        public bool GaveUp() => cancellationToken.IsCancellationRequested && answer.TrySetCanceled(cancellationToken);

        public async Task<bool> RunAsync(DbConnection connection, DbTransaction transaction)
        {
            var decision = await work(connection, transaction);
            result = decision.Result;
            return decision.Commit;
        }

        public void Failed(Exception exception) => failure = exception;

        void IQueuedWrite.Answer(Exception? batchFailure)
        {
            if ((failure ?? batchFailure) is { } exception)
            {
                answer.TrySetException(exception);
            }
            else
            {
                answer.TrySetResult(result!);
            }
        }
    }
}
