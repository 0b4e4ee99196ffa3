using System.Threading.Channels;
using Billing.Grains;
using Billing.Usage;
using Billing.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Billing.UnitTests.Web;

/// <summary>The feed's connection state against a customer grain that can be made unreachable, in fake time.</summary>
public sealed class CustomerUsageFeedTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly CustomerUsage Usage = new("Emma", [], DateTimeOffset.UnixEpoch, [], 0);

    private readonly FakeTimeProvider time = new();
    private readonly FakeUsageGrain grain;
    private readonly CustomerUsageFeed feed;
    private readonly Channel<FeedConnection> connections = Channel.CreateUnbounded<FeedConnection>();
    private readonly Channel<CustomerUsage> usages = Channel.CreateUnbounded<CustomerUsage>();

    public CustomerUsageFeedTests()
    {
        (var customerGrain, grain) = FakeUsageGrain.Create<ICustomerGrain>(Usage);
        feed = new CustomerUsageFeed(FakeGrainFactory.For(customerGrain!), time, NullLogger<CustomerUsageFeed>.Instance);
    }

    private FeedListener<CustomerUsage> Listener => new(
        usage => usages.Writer.WriteAsync(usage).AsTask(),
        connection => connections.Writer.WriteAsync(connection).AsTask());

    [Fact]
    public async Task Subscribe_GrainReachable_IsLive()
    {
        await using var subscription = await feed.SubscribeAsync("Emma", Listener);

        Assert.Equal(FeedConnection.Live, subscription.Connection);
        Assert.Equal(1, grain.Subscriptions);
    }

    [Fact]
    public async Task Subscribe_ClusterUnreachable_IsDownWithoutThrowing_ThenLiveWithTheUsageOnTheNextRetry()
    {
        grain.Reachable = false;

        await using var subscription = await feed.SubscribeAsync("Emma", Listener);

        Assert.Equal(FeedConnection.Down, subscription.Connection);
        grain.Reachable = true;
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(FeedConnection.Live, await Next(connections));
        Assert.Same(Usage, await Next(usages));
        Assert.Equal(FeedConnection.Live, subscription.Connection);
    }

    [Fact]
    public async Task ReportFailure_PagesReadFailed_IsDownUntilARetrySucceedsSecondsLater()
    {
        await using var subscription = await feed.SubscribeAsync("Emma", Listener);

        subscription.ReportFailure(new TimeoutException("read timed out"));

        Assert.Equal(FeedConnection.Down, await Next(connections));
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(FeedConnection.Live, await Next(connections));
        Assert.Same(Usage, await Next(usages));
    }

    [Fact]
    public async Task Renewal_ClusterLostWhileLive_GoesDownOnTheMinuteThenRetriesEveryFewSeconds()
    {
        await using var subscription = await feed.SubscribeAsync("Emma", Listener);
        grain.Reachable = false;

        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(FeedConnection.Live, subscription.Connection);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(FeedConnection.Down, await Next(connections));

        grain.Reachable = true;
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(FeedConnection.Live, await Next(connections));
    }

    [Fact]
    public async Task Push_FromTheGrain_ReachesTheListener()
    {
        await using var subscription = await feed.SubscribeAsync("Emma", Listener);
        var pushed = Usage with { LateEvents = 3 };

        await ((ICustomerUsageObserver)grain.Observer!).OnUsageChangedAsync(pushed);

        Assert.Same(pushed, await Next(usages));
    }

    [Fact]
    public async Task Dispose_TwoTabsOnOneCustomer_OneObserverUnsubscribedOnlyWithTheLastTab()
    {
        var first = await feed.SubscribeAsync("Emma", Listener);
        var second = await feed.SubscribeAsync("Emma", Listener);

        await first.DisposeAsync();
        await first.DisposeAsync();
        Assert.Equal((1, 0), (grain.Subscriptions, grain.Unsubscriptions));

        await second.DisposeAsync();
        Assert.Equal((1, 1), (grain.Subscriptions, grain.Unsubscriptions));

        // A tab opened afterwards subscribes a new observer.
        await using var third = await feed.SubscribeAsync("Emma", Listener);
        Assert.Equal(2, grain.Subscriptions);
    }

    private static async Task<T> Next<T>(Channel<T> channel) => await channel.Reader.ReadAsync().AsTask().WaitAsync(Patience);

    public ValueTask DisposeAsync() => feed.DisposeAsync();
}
