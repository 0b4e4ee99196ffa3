namespace Billing.Web.Live;

/// <summary>
/// The grain observer for one grain's usage (a customer's, an event type's), shared by every page watching it.
/// The grain forgets observers after a few minutes, so the channel renews its subscription every minute while
/// anyone listens. When subscribing or reading fails (the cluster is unreachable) the channel is down: the same
/// timer then retries every few seconds, and once a subscription succeeds again the listeners get the
/// connection back and the usage they may have missed.
/// </summary>
/// <param name="what">What the grain is, for logs: "customer", "event type".</param>
/// <param name="key">The grain's key.</param>
/// <param name="time">The clock of the renewal and retry timer.</param>
/// <param name="logger">Where failed subscriptions, reads and listeners are logged.</param>
internal abstract partial class UsageChannel<TUsage>(string what, string key, TimeProvider time, ILogger logger) : IAsyncDisposable
    where TUsage : class
{
    private readonly Lock gate = new();
    private readonly List<FeedListener<TUsage>> listeners = [];
    private readonly CancellationTokenSource stopping = new();
    private Task? started;
    private bool disposed;
    private PeriodicTimer? renewal;
    private Task? renewing;
    private FeedConnection connection = FeedConnection.Waiting;

    /// <summary>The key of the grain observed.</summary>
    protected string Key { get; } = key;

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

    /// <summary>
    /// Subscribes to the grain, once however often it is called: every caller awaits the same start. A failed
    /// subscription leaves the channel down and retrying; it does not throw.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The channel was disposed before it was started.</exception>
    public Task StartAsync()
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            // On the thread pool: nothing of the subscription runs under the lock or on the caller's thread.
            return started ??= Task.Run(StartOnceAsync);
        }
    }

    private async Task StartOnceAsync()
    {
        CreateReference();
        var subscribed = await TrySubscribeAsync();
        renewal = new PeriodicTimer(subscribed ? FeedTiming.RenewEvery : FeedTiming.RetryEvery, time);
        renewing = RenewAsync(renewal);
    }

    public void Add(FeedListener<TUsage> listener)
    {
        lock (gate)
        {
            listeners.Add(listener);
        }
    }

    public void Remove(FeedListener<TUsage> listener)
    {
        lock (gate)
        {
            listeners.Remove(listener);
        }
    }

    /// <summary>A listener's own read of the grain failed: the channel is down until its next retry succeeds.</summary>
    public void ReportFailure(Exception exception)
    {
        LogReadFailed(logger, exception, what, Key);
        SetConnection(FeedConnection.Down);
    }

    /// <summary>Makes the object reference the grain calls back on.</summary>
    protected abstract void CreateReference();

    /// <summary>Lets the reference go (it is not used again).</summary>
    protected abstract void DeleteReference();

    protected abstract Task SubscribeToGrainAsync();

    protected abstract Task UnsubscribeFromGrainAsync();

    /// <summary>Reads the grain's usage as it is now; null when it has none.</summary>
    protected abstract Task<TUsage?> ReadAsync();

    /// <summary>What the grain's push calls: hands the usage to every listener, without waiting for them.</summary>
    protected Task DeliverAsync(TUsage usage)
    {
        // A push is proof the grain reaches this process.
        SetConnection(FeedConnection.Live);
        foreach (var listener in Listeners())
        {
            _ = NotifyAsync(() => listener.OnUsage(usage));
        }

        return Task.CompletedTask;
    }

    private FeedListener<TUsage>[] Listeners()
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
            renewal?.Period = next == FeedConnection.Down ? FeedTiming.RetryEvery : FeedTiming.RenewEvery;
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
            LogListenerFailed(logger, exception, what, Key);
        }
    }

    private async Task<bool> TrySubscribeAsync()
    {
        try
        {
            await SubscribeToGrainAsync().WaitAsync(stopping.Token);
            SetConnection(FeedConnection.Live);
            return true;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception exception)
        {
            LogRenewFailed(logger, exception, what, Key);
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
            if (await ReadAsync().WaitAsync(stopping.Token) is { } usage)
            {
                await DeliverAsync(usage);
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

    /// <summary>Stops renewing, then unsubscribes from the grain and lets the reference go; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        Task? start;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            start = started;
        }

        await stopping.CancelAsync();
        if (start is not null)
        {
            // Cancelling abandons a subscribe still under way, so the start ends at once; a start that failed
            // (no reference was made) has already thrown to its subscribers.
            await start.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        renewal?.Dispose();
        if (renewing is not null)
        {
            await renewing;
        }

        stopping.Dispose();
        if (start is not { IsCompletedSuccessfully: true })
        {
            // Never subscribed: no reference to let go.
            return;
        }

        try
        {
            await UnsubscribeFromGrainAsync();
            DeleteReference();
        }
        catch (ObjectDisposedException)
        {
            // The app is stopping and its silo is gone; the grain forgets the observer when it expires.
        }
        catch (Exception exception)
        {
            // The grain will forget the observer when it expires; the local reference must go now.
            LogRenewFailed(logger, exception, what, Key);
            DeleteReference();
        }
    }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "A page listening to {What} {Key} failed on an update")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception, string what, string key);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Renewing or ending the usage subscription of {What} {Key} failed")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string what, string key);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Reading the usage of {What} {Key} failed; retrying")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, string what, string key);
}
