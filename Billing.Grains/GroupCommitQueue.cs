namespace Billing.Grains;

/// <summary>
/// Folds concurrent requests into batches, one database statement each (group commit). A request starts a batch
/// at once when fewer than the allowed batches are running; otherwise it waits in the queue and goes with the
/// next batch, together with everything else that arrived meanwhile. So one caller alone pays one round trip,
/// and many callers share each round trip: batches grow with load, and the database sees a bounded number of
/// statements at a time, never one per caller. Every caller awaits its own result.
/// </summary>
/// <typeparam name="TRequest">One caller's request.</typeparam>
/// <typeparam name="TResult">One caller's answer.</typeparam>
internal sealed class GroupCommitQueue<TRequest, TResult>
{
    private readonly Func<IReadOnlyList<TRequest>, Task<TResult[]>> execute;
    private readonly Func<TRequest, object> keyOf;
    private readonly int maxBatchSize;
    private readonly int maxConcurrentBatches;
    private readonly Lock gate = new();
    private readonly LinkedList<Pending> queue = new();
    private int running;

    /// <param name="execute">Runs one batch; answers each request in order, or throws for the whole batch.</param>
    /// <param name="keyOf">Requests with equal keys never share a batch: the later one waits for the next.</param>
    /// <param name="maxBatchSize">At most this many requests per batch.</param>
    /// <param name="maxConcurrentBatches">At most this many batches run at once.</param>
    public GroupCommitQueue(Func<IReadOnlyList<TRequest>, Task<TResult[]>> execute, Func<TRequest, object> keyOf, int maxBatchSize, int maxConcurrentBatches)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentBatches, 1);
        this.execute = execute;
        this.keyOf = keyOf;
        this.maxBatchSize = maxBatchSize;
        this.maxConcurrentBatches = maxConcurrentBatches;
    }

    /// <summary>Requests waiting for a batch.</summary>
    public int Queued
    {
        get
        {
            lock (gate)
            {
                return queue.Count;
            }
        }
    }

    public Task<TResult> EnqueueAsync(TRequest request)
    {
        var pending = new Pending(request);
        bool start;
        lock (gate)
        {
            queue.AddLast(pending);
            start = TryReserveBatch();
        }

        if (start)
        {
            _ = Task.Run(RunBatchesAsync);
        }

        return pending.Completion.Task;
    }

    private bool TryReserveBatch()
    {
        if (running >= maxConcurrentBatches || queue.Count == 0)
        {
            return false;
        }

        running++;
        return true;
    }

    /// <summary>Runs batches while requests wait, then gives its slot back.</summary>
    private async Task RunBatchesAsync()
    {
        while (TakeBatch() is { Count: > 0 } batch)
        {
            try
            {
                var results = await execute([.. batch.Select(pending => pending.Request)]);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(results[i]);
                }
            }
            catch (Exception exception)
            {
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(exception);
                }
            }
        }
    }

    /// <summary>The next batch, or an empty one after giving the slot back when nothing waits.</summary>
    private List<Pending> TakeBatch()
    {
        var batch = new List<Pending>();
        lock (gate)
        {
            var keys = new HashSet<object>();
            var node = queue.First;
            while (node is not null && batch.Count < maxBatchSize)
            {
                var next = node.Next;
                if (keys.Add(keyOf(node.Value.Request)))
                {
                    batch.Add(node.Value);
                    queue.Remove(node);
                }

                node = next;
            }

            if (batch.Count == 0)
            {
                running--;
            }
        }

        return batch;
    }

    private sealed class Pending(TRequest request)
    {
        public TRequest Request { get; } = request;

        public TaskCompletionSource<TResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
