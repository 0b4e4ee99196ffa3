using Billing.Events;
using Billing.Usage;

namespace Billing.Web.Live;

/// <summary>
/// Server push of usage by event type to the admin view. One grain observer per type is shared by every open
/// tab watching that type; it is created with the first subscriber and removed with the last one.
/// </summary>
public sealed class EventTypeUsageFeed(IGrainFactory grains, ILogger<EventTypeUsageFeed> logger) : IAsyncDisposable
{
    private readonly Dictionary<EventType, EventTypeChannel> channels = [];
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>
    /// Calls <paramref name="listener"/> with the type's usage each time it changes, until the returned
    /// subscription is disposed (a page disposes it when its circuit ends).
    /// </summary>
    public async Task<IAsyncDisposable> SubscribeAsync(EventType type, Func<EventTypeUsage, Task> listener)
    {
        await gate.WaitAsync();
        try
        {
            if (!channels.TryGetValue(type, out var channel))
            {
                channel = new EventTypeChannel(type.WireName(), grains, logger);
                await channel.StartAsync();
                channels.Add(type, channel);
            }

            channel.Add(listener);
            return new Subscription(this, type, listener);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task UnsubscribeAsync(EventType type, Func<EventTypeUsage, Task> listener)
    {
        await gate.WaitAsync();
        try
        {
            if (channels.TryGetValue(type, out var channel) && channel.Remove(listener))
            {
                channels.Remove(type);
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

    private sealed class Subscription(EventTypeUsageFeed feed, EventType type, Func<EventTypeUsage, Task> listener) : IAsyncDisposable
    {
        private int disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                await feed.UnsubscribeAsync(type, listener);
            }
        }
    }
}
