using Billing.Usage;

namespace Billing.Web.Live;

/// <summary>
/// Server push of customer usage to the pages. One grain observer per customer is shared by every open tab
/// watching that customer; it is created with the first subscriber and removed with the last one.
/// </summary>
public sealed class CustomerUsageFeed(IGrainFactory grains, ILogger<CustomerUsageFeed> logger) : IAsyncDisposable
{
    private readonly Dictionary<string, CustomerChannel> channels = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>
    /// Calls <paramref name="listener"/> with the customer's usage each time it changes, until the returned
    /// subscription is disposed (a page disposes it when its circuit ends).
    /// </summary>
    public async Task<IAsyncDisposable> SubscribeAsync(string customer, Func<CustomerUsage, Task> listener)
    {
        await gate.WaitAsync();
        try
        {
            if (!channels.TryGetValue(customer, out var channel))
            {
                channel = new CustomerChannel(customer, grains, logger);
                await channel.StartAsync();
                channels.Add(customer, channel);
            }

            channel.Add(listener);
            return new Subscription(this, customer, listener);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task UnsubscribeAsync(string customer, Func<CustomerUsage, Task> listener)
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

    private sealed class Subscription(CustomerUsageFeed feed, string customer, Func<CustomerUsage, Task> listener) : IAsyncDisposable
    {
        private int disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                await feed.UnsubscribeAsync(customer, listener);
            }
        }
    }
}
