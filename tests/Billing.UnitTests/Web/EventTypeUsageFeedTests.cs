using System.Threading.Channels;
using Billing.Events;
using Billing.Grains;
using Billing.Usage;
using Billing.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Billing.UnitTests.Web;

/// <summary>The admin view's feed by event type rides out an unreachable cluster as the customer feed does.</summary>
public sealed class EventTypeUsageFeedTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly EventTypeUsage Usage = new(EventType.Pack, [new TypeMonthUsage(new BillingMonth(2026, 11), 2, 7.50m)], DateTimeOffset.UnixEpoch);

    private readonly FakeTimeProvider time = new();
    private readonly FakeUsageGrain grain;
    private readonly EventTypeUsageFeed feed;
    private readonly Channel<FeedConnection> connections = Channel.CreateUnbounded<FeedConnection>();
    private readonly Channel<EventTypeUsage> usages = Channel.CreateUnbounded<EventTypeUsage>();

    public EventTypeUsageFeedTests()
    {
        (var typeGrain, grain) = FakeUsageGrain.Create<IEventTypeGrain>(Usage);
        feed = new EventTypeUsageFeed(FakeGrainFactory.For(typeGrain!), time, NullLogger<EventTypeUsageFeed>.Instance);
    }

    private FeedListener<EventTypeUsage> Listener => new(
        usage => usages.Writer.WriteAsync(usage).AsTask(),
        connection => connections.Writer.WriteAsync(connection).AsTask());

    [Fact]
    public async Task Subscribe_ClusterUnreachable_IsDownWithoutThrowing_ThenLiveWithTheUsageOnTheNextRetry()
    {
        grain.Reachable = false;

        await using var subscription = await feed.SubscribeAsync(EventType.Pack, Listener);

        Assert.Equal(FeedConnection.Down, subscription.Connection);
        grain.Reachable = true;
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(FeedConnection.Live, await Next(connections));
        Assert.Same(Usage, await Next(usages));
    }

    [Fact]
    public async Task Push_FromTheGrain_ReachesTheListener()
    {
        await using var subscription = await feed.SubscribeAsync(EventType.Pack, Listener);

        await ((IEventTypeUsageObserver)grain.Observer!).OnUsageChangedAsync(Usage);

        Assert.Equal(FeedConnection.Live, subscription.Connection);
        Assert.Same(Usage, await Next(usages));
    }

    private static async Task<T> Next<T>(Channel<T> channel) => await channel.Reader.ReadAsync().AsTask().WaitAsync(Patience);

    public ValueTask DisposeAsync() => feed.DisposeAsync();
}
