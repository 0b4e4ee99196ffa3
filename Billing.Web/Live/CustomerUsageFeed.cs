using Billing.Usage;

namespace Billing.Web.Live;

/// <summary>
/// Server push of customer usage to the pages. One grain observer per customer is shared by every open tab
/// watching that customer; it is created with the first subscriber and removed with the last one.
/// </summary>
public sealed class CustomerUsageFeed(IGrainFactory grains, TimeProvider time, ILogger<CustomerUsageFeed> logger) : IAsyncDisposable
{
    private readonly Dictionary<string, CustomerChannel> channels = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>
    /// Calls <paramref name="listener"/> with the customer's usage each time it changes, until the returned
    /// subscription is disposed (a page disposes it when its circuit ends).
    /// </summary>
    public Task<CustomerFeedSubscription> SubscribeAsync(string customer, Func<CustomerUsage, Task> listener) =>
        SubscribeAsync(customer, new CustomerFeedListener(listener));

    /// <summary>
    /// Tells <paramref name="listener"/> of each change of the customer's usage and of the connection to its
    /// grain, until the returned subscription is disposed. Does not throw when the cluster is unreachable: the
    /// subscription is then <see cref="FeedConnection.Down"/> and retries.
    /// </summary>
    public async Task<CustomerFeedSubscription> SubscribeAsync(string customer, CustomerFeedListener listener)
    {
        await gate.WaitAsync();
        try
        {
            if (!channels.TryGetValue(customer, out var channel))
            {
                channel = new CustomerChannel(customer, grains, time, logger);
                await channel.StartAsync();
                channels.Add(customer, channel);
            }

            channel.Add(listener);
            return new CustomerFeedSubscription(this, channel, customer, listener);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task UnsubscribeAsync(string customer, CustomerFeedListener listener)
    {
        await gate.WaitAsync();
        try
        {
            if (channels.TryGetValue(customer, out var channel) && channel.Remove(listener))
            {
                channels.Remove(customer);
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
    }

    /// <summary>One page's subscription to one customer's usage.</summary>
    public sealed class CustomerFeedSubscription : IAsyncDisposable
    {
        private readonly CustomerUsageFeed feed;
        private readonly CustomerChannel channel;
        private readonly string customer;
        private readonly CustomerFeedListener listener;
        private int disposed;

        internal CustomerFeedSubscription(CustomerUsageFeed feed, CustomerChannel channel, string customer, CustomerFeedListener listener)
        {
            this.feed = feed;
            this.channel = channel;
            this.customer = customer;
            this.listener = listener;
        }

        /// <summary>Whether the customer's grain is reachable and its pushes arrive.</summary>
        public FeedConnection Connection => channel.Connection;

        /// <summary>
        /// The page's own read of the grain (or of the invoices) failed: the subscription is down and retries on
        /// its timer; the listener is told when it is back.
        /// </summary>
        public void ReportFailure(Exception exception) => channel.ReportFailure(exception);

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                await feed.UnsubscribeAsync(customer, listener);
            }
        }
    }
}
