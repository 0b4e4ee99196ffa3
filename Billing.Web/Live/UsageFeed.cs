namespace Billing.Web.Live;

/// <summary>
/// Server push of one kind of grain usage to the pages. One grain observer per key (customer, event type) is
/// shared by every open tab watching it; it is created with the first subscriber and removed with the last one.
/// </summary>
public abstract class UsageFeed<TKey, TUsage>(IEqualityComparer<TKey>? comparer = null) : IAsyncDisposable
    where TKey : notnull
    where TUsage : class
{
    private readonly Dictionary<TKey, UsageChannel<TUsage>> channels = new(comparer);
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>
    /// Calls <paramref name="onUsage"/> with the usage each time it changes, until the returned subscription is
    /// disposed (a page disposes it when its circuit ends).
    /// </summary>
    public Task<FeedSubscription<TUsage>> SubscribeAsync(TKey key, Func<TUsage, Task> onUsage) =>
        SubscribeAsync(key, new FeedListener<TUsage>(onUsage));

    /// <summary>
    /// Tells <paramref name="listener"/> of each change of the usage and of the connection to its grain, until
    /// the returned subscription is disposed. Does not throw when the cluster is unreachable: the subscription
    /// is then <see cref="FeedConnection.Down"/> and retries.
    /// </summary>
    public async Task<FeedSubscription<TUsage>> SubscribeAsync(TKey key, FeedListener<TUsage> listener)
    {
        await gate.WaitAsync();
        try
        {
            if (!channels.TryGetValue(key, out var channel))
            {
                channel = CreateChannel(key);
                await channel.StartAsync();
                channels.Add(key, channel);
            }

            channel.Add(listener);
            return new FeedSubscription<TUsage>(channel, () => UnsubscribeAsync(key, listener));
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A channel for <paramref name="key"/>, not started.</summary>
    private protected abstract UsageChannel<TUsage> CreateChannel(TKey key);

    private async Task UnsubscribeAsync(TKey key, FeedListener<TUsage> listener)
    {
        await gate.WaitAsync();
        try
        {
            if (channels.TryGetValue(key, out var channel) && channel.Remove(listener))
            {
                channels.Remove(key);
                await channel.DisposeAsync();
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in channels.Values)
        {
            await channel.DisposeAsync();
        }

        channels.Clear();
        gate.Dispose();
        GC.SuppressFinalize(this);
    }
}
