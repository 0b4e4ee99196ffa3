namespace Billing.Web.Live;

/// <summary>
/// Server push of one kind of grain usage to the pages. One grain observer per key (customer, event type) is
/// shared by every open tab watching it; it is created with the first subscriber and removed with the last one.
/// </summary>
/// <remarks>
/// The feed's lock guards only its map of channels, never a grain call: subscribing to a grain can take the
/// cluster's response timeout when it is unreachable, and one such grain must not stall the pages of others.
/// Tabs of one key that arrive while its channel is starting wait for that same start. The last tab's
/// unsubscribe takes the channel out of the map before it unsubscribes from the grain, so a tab arriving
/// meanwhile starts a fresh channel instead of joining one that is going away.
/// </remarks>
public abstract class UsageFeed<TKey, TUsage>(IEqualityComparer<TKey>? comparer = null) : IAsyncDisposable
    where TKey : notnull
    where TUsage : class
{
    private readonly Dictionary<TKey, SharedChannel> channels = new(comparer);
    private readonly Lock gate = new();
    private bool disposed;

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
        SharedChannel? shared;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (!channels.TryGetValue(key, out shared))
            {
                shared = new SharedChannel(CreateChannel(key));
                channels.Add(key, shared);
            }

            shared.Holders++;
        }

        var channel = shared.Channel;
        try
        {
            await channel.StartAsync();
        }
        catch
        {
            // The channel could not be started (the app is stopping): this subscriber lets it go again.
            await ReleaseAsync(key, shared);
            throw;
        }

        // Joined after the start: the listener hears of changes from the connection it is subscribed with.
        channel.Add(listener);
        return new FeedSubscription<TUsage>(channel, () =>
        {
            channel.Remove(listener);
            return ReleaseAsync(key, shared);
        });
    }

    /// <summary>
    /// How many grains are observed (one channel each) and how many subscriptions (pages) hold them, for the
    /// live-feed metrics.
    /// </summary>
    public (int Channels, int Subscriptions) Count()
    {
        lock (gate)
        {
            return (channels.Count, channels.Values.Sum(shared => shared.Holders));
        }
    }

    /// <summary>A channel for <paramref name="key"/>, not started.</summary>
    private protected abstract UsageChannel<TUsage> CreateChannel(TKey key);

    private async Task ReleaseAsync(TKey key, SharedChannel shared)
    {
        lock (gate)
        {
            if (--shared.Holders > 0)
            {
                return;
            }

            if (channels.TryGetValue(key, out var current) && ReferenceEquals(current, shared))
            {
                channels.Remove(key);
            }
        }

        await shared.Channel.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        UsageChannel<TUsage>[] open;
        lock (gate)
        {
            disposed = true;
            open = [.. channels.Values.Select(shared => shared.Channel)];
            channels.Clear();
        }

        await Task.WhenAll(open.Select(channel => channel.DisposeAsync().AsTask()));
        GC.SuppressFinalize(this);
    }

    /// <summary>A key's channel and how many subscriptions hold it, counted from before the channel is started.</summary>
    private sealed class SharedChannel(UsageChannel<TUsage> channel)
    {
        public UsageChannel<TUsage> Channel { get; } = channel;

        /// <summary>Guarded by the feed's lock.</summary>
        public int Holders { get; set; }
    }
}
