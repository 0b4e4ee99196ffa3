using Billing.Grains;
using Billing.Usage;

namespace Billing.Web.Live;

/// <summary>
/// The grain observer for one customer. The grain forgets observers after a few minutes, so the channel
/// renews its subscription every minute while anyone listens.
/// </summary>
internal sealed partial class CustomerChannel(string customer, IGrainFactory grains, ILogger logger) : ICustomerUsageObserver, IAsyncDisposable
{
    private static readonly TimeSpan RenewEvery = TimeSpan.FromMinutes(1);

    private readonly Lock gate = new();
    private readonly List<Func<CustomerUsage, Task>> listeners = [];
    private ICustomerUsageObserver? reference;
    private PeriodicTimer? renewal;
    private Task? renewing;

    private ICustomerGrain Grain => grains.GetGrain<ICustomerGrain>(customer);

    public async Task StartAsync()
    {
        reference = grains.CreateObjectReference<ICustomerUsageObserver>(this);
        await Grain.SubscribeAsync(reference);
        renewal = new PeriodicTimer(RenewEvery);
        renewing = RenewAsync(renewal);
    }

    public void Add(Func<CustomerUsage, Task> listener)
    {
        lock (gate)
        {
            listeners.Add(listener);
        }
    }

    /// <returns>True when it was the last listener.</returns>
    public bool Remove(Func<CustomerUsage, Task> listener)
    {
        lock (gate)
        {
            listeners.Remove(listener);
            return listeners.Count == 0;
        }
    }

    public Task OnUsageChangedAsync(CustomerUsage usage)
    {
        Func<CustomerUsage, Task>[] current;
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

    private async Task NotifyAsync(Func<CustomerUsage, Task> listener, CustomerUsage usage)
    {
        try
        {
            await listener(usage);
        }
        catch (Exception exception)
        {
            // One broken page must not stop the others' updates.
            LogListenerFailed(logger, exception, customer);
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
                LogRenewFailed(logger, exception, customer);
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
            grains.DeleteObjectReference<ICustomerUsageObserver>(reference);
        }
        catch (ObjectDisposedException)
        {
            // The app is stopping and its silo is gone; the grain forgets the observer when it expires.
        }
        catch (Exception exception)
        {
            // The grain will forget the observer when it expires; the local reference must go now.
            LogRenewFailed(logger, exception, customer);
            grains.DeleteObjectReference<ICustomerUsageObserver>(reference);
        }
    }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "A page listening to customer {Customer} failed on an update")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception, string customer);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Renewing or ending the usage subscription of customer {Customer} failed")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string customer);
}
