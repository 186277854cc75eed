namespace Agenda.Storage.Relational;

/// <summary>
/// Groups work that arrives while earlier work of the same key runs. Work that finds its key idle starts at once, alone,
/// so it waits for nothing; work that arrives meanwhile is queued, and when the running batch ends the next batch takes
/// everything queued for the key (up to <see cref="MaxBatch"/>). One batch per key runs at a time; keys run in parallel.
/// </summary>
/// <param name="runBatch">Runs one batch; answers every item of it and never throws.</param>
internal sealed class KeyedBatches<TKey, TItem>(Func<List<TItem>, Task> runBatch)
    where TKey : notnull
{
    /// <summary>Enough to make one batch count; small enough that the first item of a batch does not wait long for the last.</summary>
    public const int MaxBatch = 64;

    /// <summary>What is queued for each key whose batch is running.</summary>
    private readonly Dictionary<TKey, List<TItem>> waiting = [];

    public void Add(TKey key, TItem item)
    {
        lock (waiting)
        {
            if (waiting.TryGetValue(key, out var queue))
            {
                queue.Add(item);
                return;
            }

            // This key's runner starts now; its queue exists (empty) until the runner finds nothing left in it.
            waiting[key] = [];
        }

        _ = RunAsync(key, [item]);
    }

    /// <summary>Runs batches for the key until nothing is queued for it.</summary>
    private async Task RunAsync(TKey key, List<TItem> batch)
    {
        while (true)
        {
            try
            {
                await runBatch(batch);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // runBatch answers its items and does not throw; should it all the same, the key's queue must go on, or
                // every later item of the key would wait forever.
            }

            lock (waiting)
            {
                var queue = waiting[key];
                if (queue.Count == 0)
                {
                    waiting.Remove(key);
                    return;
                }

                batch = queue.Count <= MaxBatch ? queue : queue[..MaxBatch];
                waiting[key] = queue.Count <= MaxBatch ? [] : queue[MaxBatch..];
            }
        }
    }
}
