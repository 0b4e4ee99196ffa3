using Billing.Usage;

namespace Billing.Grains.Customers;

/// <summary>
/// How the customer grains of a silo tell the directory what they hold: their reports are folded into batches
/// (one call per shard per batch, however many customers report at once; see
/// <see cref="GroupCommitQueue{TRequest, TResult}"/>), and each report's task completes once its shard has
/// stored it.
/// </summary>
public sealed class CustomerDirectoryReporter
{
    private const int MaxBatchSize = 10_000;

    private readonly IGrainFactory grains;
    private readonly GroupCommitQueue<CustomerMonths, bool> queue;

    public CustomerDirectoryReporter(IGrainFactory grains)
    {
        this.grains = grains;
        queue = new(SendAsync, entry => entry.Customer, MaxBatchSize, maxConcurrentBatches: 2);
    }

    /// <summary>Records <paramref name="entry"/> in the customer's shard; completes when the shard has stored it.</summary>
    public Task ReportAsync(CustomerMonths entry) => queue.EnqueueAsync(entry);

    private async Task<bool[]> SendAsync(IReadOnlyList<CustomerMonths> batch)
    {
        await Task.WhenAll(batch
            .GroupBy(entry => CustomerDirectory.ShardOf(entry.Customer))
            .Select(shard => grains.GetGrain<ICustomerDirectoryGrain>(shard.Key).ReportAsync([.. shard])));
        return new bool[batch.Count];
    }
}
