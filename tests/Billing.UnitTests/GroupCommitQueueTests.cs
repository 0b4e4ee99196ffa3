using Billing.Grains;

namespace Billing.UnitTests;

public sealed class GroupCommitQueueTests
{
    [Fact]
    public async Task EnqueueAsync_AloneWithASlotFree_RunsAtOnceInABatchOfOne()
    {
        var database = new FakeDatabase();
        var queue = new GroupCommitQueue<string, string>(database.ExecuteAsync, request => request, maxBatchSize: 100, maxConcurrentBatches: 1);

        var answer = queue.EnqueueAsync("a");
        await database.Started(1);
        database.ReleaseNext();

        Assert.Equal("a!", await answer);
        Assert.Equal([["a"]], database.Batches);
    }

    [Fact]
    public async Task EnqueueAsync_WhileTheOnlySlotIsBusy_RequestsWaitAndGoTogetherInTheNextBatch()
    {
        var database = new FakeDatabase();
        var queue = new GroupCommitQueue<string, string>(database.ExecuteAsync, request => request, maxBatchSize: 100, maxConcurrentBatches: 1);
        var first = queue.EnqueueAsync("a");
        await database.Started(1);

        var waiting = new[] { "b", "c", "d" }.Select(queue.EnqueueAsync).ToList();
        Assert.Equal(3, queue.Queued);
        database.ReleaseNext();
        await database.Started(2);
        database.ReleaseNext();

        Assert.Equal("a!", await first);
        Assert.Equal(["b!", "c!", "d!"], await Task.WhenAll(waiting));
        Assert.Equal([["a"], ["b", "c", "d"]], database.Batches);
    }

    [Fact]
    public async Task EnqueueAsync_MoreWaitingThanABatchHolds_SplitsAtTheMaximumSize()
    {
        var database = new FakeDatabase();
        var queue = new GroupCommitQueue<string, string>(database.ExecuteAsync, request => request, maxBatchSize: 2, maxConcurrentBatches: 1);
        var first = queue.EnqueueAsync("a");
        await database.Started(1);
        var waiting = new[] { "b", "c", "d" }.Select(queue.EnqueueAsync).ToList();

        for (var batch = 1; batch <= 3; batch++)
        {
            await database.Started(batch);
            database.ReleaseNext();
        }

        await Task.WhenAll([first, .. waiting]);
        Assert.Equal([["a"], ["b", "c"], ["d"]], database.Batches);
    }

    [Fact]
    public async Task EnqueueAsync_SameKeyTwiceWhileWaiting_NeverInOneBatchAndInOrder()
    {
        var database = new FakeDatabase();
        var queue = new GroupCommitQueue<string, string>(database.ExecuteAsync, request => request[..1], maxBatchSize: 100, maxConcurrentBatches: 1);
        var first = queue.EnqueueAsync("x0");
        await database.Started(1);
        var waiting = new[] { "a1", "b1", "a2" }.Select(queue.EnqueueAsync).ToList();

        for (var batch = 1; batch <= 3; batch++)
        {
            await database.Started(batch);
            database.ReleaseNext();
        }

        await Task.WhenAll([first, .. waiting]);
        Assert.Equal([["x0"], ["a1", "b1"], ["a2"]], database.Batches);
    }

    [Fact]
    public async Task EnqueueAsync_BatchFails_EveryCallerOfThatBatchGetsTheExceptionAndLaterBatchesRun()
    {
        var database = new FakeDatabase { FailBatch = 2 };
        var queue = new GroupCommitQueue<string, string>(database.ExecuteAsync, request => request, maxBatchSize: 100, maxConcurrentBatches: 1);
        var first = queue.EnqueueAsync("a");
        await database.Started(1);
        var failing = new[] { "b", "c" }.Select(queue.EnqueueAsync).ToList();
        database.ReleaseNext();
        await database.Started(2);
        database.ReleaseNext();
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing[0]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing[1]);

        var later = queue.EnqueueAsync("d");
        await database.Started(3);
        database.ReleaseNext();

        Assert.Equal("a!", await first);
        Assert.Equal("d!", await later);
    }

    [Fact]
    public async Task EnqueueAsync_ManyCallers_NeverMoreBatchesAtOnceThanAllowed()
    {
        var database = new FakeDatabase { ReleaseAutomatically = true };
        var queue = new GroupCommitQueue<string, string>(database.ExecuteAsync, request => request, maxBatchSize: 7, maxConcurrentBatches: 3);

        var answers = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => Task.Run(() => queue.EnqueueAsync($"r{i}"))));

        Assert.Equal(Enumerable.Range(0, 500).Select(i => $"r{i}!"), answers);
        Assert.InRange(database.MostAtOnce, 1, 3);
        Assert.Equal(500, database.Batches.Sum(batch => batch.Count));
        Assert.All(database.Batches, batch => Assert.InRange(batch.Count, 1, 7));
    }

    /// <summary>A database whose statements finish when the test says so, recording each batch.</summary>
    private sealed class FakeDatabase
    {
        private readonly Lock gate = new();
        private readonly Queue<TaskCompletionSource> running = new();
        private readonly List<TaskCompletionSource> startedSignals = [];
        private int atOnce;

        public List<List<string>> Batches { get; } = [];

        public int? FailBatch { get; init; }

        public bool ReleaseAutomatically { get; init; }

        public int MostAtOnce { get; private set; }

        public async Task<string[]> ExecuteAsync(IReadOnlyList<string> batch)
        {
            var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            int number;
            lock (gate)
            {
                Batches.Add([.. batch]);
                number = Batches.Count;
                running.Enqueue(finished);
                MostAtOnce = Math.Max(MostAtOnce, ++atOnce);
                foreach (var signal in startedSignals.Where((_, i) => i < number))
                {
                    signal.TrySetResult();
                }
            }

            if (ReleaseAutomatically)
            {
                await Task.Yield();
            }
            else
            {
                await finished.Task;
            }

            lock (gate)
            {
                atOnce--;
            }

            return number == FailBatch
                ? throw new InvalidOperationException("the database refused the batch")
                : [.. batch.Select(request => request + "!")];
        }

        /// <summary>Waits until at least <paramref name="count"/> batches have started.</summary>
        public Task Started(int count)
        {
            lock (gate)
            {
                while (startedSignals.Count < count)
                {
                    startedSignals.Add(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                }

                if (Batches.Count >= count)
                {
                    startedSignals[count - 1].TrySetResult();
                }

                return startedSignals[count - 1].Task.WaitAsync(TimeSpan.FromSeconds(10));
            }
        }

        public void ReleaseNext()
        {
            lock (gate)
            {
                running.Dequeue().TrySetResult();
            }
        }
    }
}
