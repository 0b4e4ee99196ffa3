using Billing.Grains;
using Billing.Usage;

namespace Billing.Web.Live;

/// <summary>
/// The grain observer for one event type. The grain forgets observers after a few minutes, so the channel
/// renews its subscription every minute while anyone listens.
/// </summary>
internal sealed partial class EventTypeChannel(string type, IGrainFactory grains, ILogger logger) : IEventTypeUsageObserver, IAsyncDisposable
{
    private static readonly TimeSpan RenewEvery = TimeSpan.FromMinutes(1);

    private readonly Lock gate = new();
    private readonly List<Func<EventTypeUsage, Task>> listeners = [];
    private IEventTypeUsageObserver? reference;
    private PeriodicTimer? renewal;
    private Task? renewing;

    private IEventTypeGrain Grain => grains.GetGrain<IEventTypeGrain>(type);

    public async Task StartAsync()
    {
        reference = grains.CreateObjectReference<IEventTypeUsageObserver>(this);
        await Grain.SubscribeAsync(reference);
        renewal = new PeriodicTimer(RenewEvery);
        renewing = RenewAsync(renewal);
    }

    public void Add(Func<EventTypeUsage, Task> listener)
    {
        lock (gate)
        {
            listeners.Add(listener);
        }
    }

    /// <returns>True when it was the last listener.</returns>
    public bool Remove(Func<EventTypeUsage, Task> listener)
    {
        lock (gate)
        {
            listeners.Remove(listener);
            return listeners.Count == 0;
        }
    }

    public Task OnUsageChangedAsync(EventTypeUsage usage)
    {
        Func<EventTypeUsage, Task>[] current;
        lock (gate)
        {
            current = [.. listeners];
        }

        foreach (var listener in current)
        {
            _ = NotifyAsync(listener, usage);
        }

        return Task.CompletedTask;
    }

    private async Task NotifyAsync(Func<EventTypeUsage, Task> listener, EventTypeUsage usage)
    {
        try
        {
            await listener(usage);
        }
        catch (Exception exception)
        {
            // One broken page must not stop the others' updates.
            LogListenerFailed(logger, exception, type);
        }
    }

    private async Task RenewAsync(PeriodicTimer timer)
    {
        while (await timer.WaitForNextTickAsync())
        {
            try
            {
                await Grain.SubscribeAsync(reference!);
            }
            catch (Exception exception)
            {
                LogRenewFailed(logger, exception, type);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        renewal?.Dispose();
        if (renewing is not null)
        {
            await renewing;
        }

        if (reference is null)
        {
            return;
        }

        try
        {
            await Grain.UnsubscribeAsync(reference);
            grains.DeleteObjectReference<IEventTypeUsageObserver>(reference);
        }
        catch (ObjectDisposedException)
        {
            // The app is stopping and its silo is gone; the grain forgets the observer when it expires.
        }
        catch (Exception exception)
        {
            // The grain will forget the observer when it expires; the local reference must go now.
            LogRenewFailed(logger, exception, type);
            grains.DeleteObjectReference<IEventTypeUsageObserver>(reference);
        }
    }

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "A page listening to event type {Type} failed on an update")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception, string type);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "Renewing or ending the usage subscription of event type {Type} failed")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string type);
}
