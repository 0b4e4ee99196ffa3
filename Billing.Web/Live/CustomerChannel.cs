using Billing.Grains;
using Billing.Usage;

namespace Billing.Web.Live;

/// <summary>
/// The grain observer for one customer. The grain forgets observers after a few minutes, so the channel
/// renews its subscription every minute while anyone listens. When subscribing or reading fails (the cluster is
/// unreachable) the channel is down: the same timer then retries every few seconds, and once a subscription
/// succeeds again the listeners get the connection back and the usage they may have missed.
/// </summary>
internal sealed partial class CustomerChannel(string customer, IGrainFactory grains, TimeProvider time, ILogger logger) : ICustomerUsageObserver, IAsyncDisposable
{
    /// <summary>How often a healthy subscription is renewed.</summary>
    internal static readonly TimeSpan RenewEvery = TimeSpan.FromMinutes(1);

    /// <summary>How often a channel that is down tries again.</summary>
    internal static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private readonly List<CustomerFeedListener> listeners = [];
    private readonly CancellationTokenSource stopping = new();
    private ICustomerUsageObserver? reference;
    private PeriodicTimer? renewal;
    private Task? renewing;
    private FeedConnection connection = FeedConnection.Waiting;

    private ICustomerGrain Grain => grains.GetGrain<ICustomerGrain>(customer);

    /// <summary>Whether the grain's pushes arrive.</summary>
    public FeedConnection Connection
    {
        get
        {
            lock (gate)
            {
                return connection;
            }
        }
    }

    /// <summary>Subscribes to the grain; a failure leaves the channel down and retrying, it does not throw.</summary>
    public async Task StartAsync()
    {
        reference = grains.CreateObjectReference<ICustomerUsageObserver>(this);
        var subscribed = await TrySubscribeAsync();
        renewal = new PeriodicTimer(subscribed ? RenewEvery : RetryEvery, time);
        renewing = RenewAsync(renewal);
    }

    public void Add(CustomerFeedListener listener)
    {
        lock (gate)
        {
            listeners.Add(listener);
        }
    }

    /// <returns>True when it was the last listener.</returns>
    public bool Remove(CustomerFeedListener listener)
    {
        lock (gate)
        {
            listeners.Remove(listener);
            return listeners.Count == 0;
        }
    }

    /// <summary>A listener's own read of the grain failed: the channel is down until its next retry succeeds.</summary>
    public void ReportFailure(Exception exception)
    {
        LogReadFailed(logger, exception, customer);
        SetConnection(FeedConnection.Down);
    }

    public Task OnUsageChangedAsync(CustomerUsage usage)
    {
        // A push is proof the grain reaches this process.
        SetConnection(FeedConnection.Live);
        foreach (var listener in Listeners())
        {
            _ = NotifyAsync(() => listener.OnUsage(usage));
        }

        return Task.CompletedTask;
    }

    private CustomerFeedListener[] Listeners()
    {
        lock (gate)
        {
            return [.. listeners];
        }
    }

    private void SetConnection(FeedConnection next)
    {
        lock (gate)
        {
            if (connection == next)
            {
                return;
            }

            connection = next;
        }

        try
        {
            renewal?.Period = next == FeedConnection.Down ? RetryEvery : RenewEvery;
        }
        catch (ObjectDisposedException)
        {
            // The channel is being disposed.
        }

        foreach (var listener in Listeners())
        {
            if (listener.OnConnection is { } onConnection)
            {
                _ = NotifyAsync(() => onConnection(next));
            }
        }
    }

    private async Task NotifyAsync(Func<Task> notify)
    {
        try
        {
            await notify();
        }
        catch (Exception exception)
        {
            // One broken page must not stop the others' updates.
            LogListenerFailed(logger, exception, customer);
        }
    }

    private async Task<bool> TrySubscribeAsync()
    {
        try
        {
            await Grain.SubscribeAsync(reference!).WaitAsync(stopping.Token);
            SetConnection(FeedConnection.Live);
            return true;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception exception)
        {
            LogRenewFailed(logger, exception, customer);
            SetConnection(FeedConnection.Down);
            return false;
        }
    }

    private async Task RenewAsync(PeriodicTimer timer)
    {
        while (await timer.WaitForNextTickAsync())
        {
            var wasDown = Connection == FeedConnection.Down;
            if (await TrySubscribeAsync() && wasDown)
            {
                await CatchUpAsync();
            }
        }
    }

    // Pushes made while the channel was down are lost: the listeners get the usage as it is now.
    private async Task CatchUpAsync()
    {
        try
        {
            if (await Grain.GetUsageAsync().WaitAsync(stopping.Token) is { } usage)
            {
                await OnUsageChangedAsync(usage);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            ReportFailure(exception);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        renewal?.Dispose();
        if (renewing is not null)
        {
            await renewing;
        }

        stopping.Dispose();
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

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Reading the usage or invoices of customer {Customer} failed; retrying")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, string customer);
}
