namespace Billing.Web.Live;

/// <summary>One page's subscription to one grain's usage.</summary>
public sealed class FeedSubscription<TUsage> : IAsyncDisposable
    where TUsage : class
{
    private readonly UsageChannel<TUsage> channel;
    private readonly Func<Task> unsubscribe;
    private int disposed;

    internal FeedSubscription(UsageChannel<TUsage> channel, Func<Task> unsubscribe)
    {
        this.channel = channel;
        this.unsubscribe = unsubscribe;
    }

    /// <summary>Whether the grain is reachable and its pushes arrive.</summary>
    public FeedConnection Connection => channel.Connection;

    /// <summary>
    /// The page's own read of the grain (or of what it shows with it) failed: the subscription is down and
    /// retries on its timer; the listener is told when it is back.
    /// </summary>
    public void ReportFailure(Exception exception) => channel.ReportFailure(exception);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            await unsubscribe();
        }
    }
}
