using System.Reflection;
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
    private readonly FakeEventTypeGrain grain;
    private readonly EventTypeUsageFeed feed;
    private readonly Channel<FeedConnection> connections = Channel.CreateUnbounded<FeedConnection>();
    private readonly Channel<EventTypeUsage> usages = Channel.CreateUnbounded<EventTypeUsage>();

    public EventTypeUsageFeedTests()
    {
        grain = DispatchProxy.Create<IEventTypeGrain, FakeEventTypeGrain>() as FakeEventTypeGrain ?? throw new InvalidOperationException();
        var grains = DispatchProxy.Create<IGrainFactory, CustomerUsageFeedTests.FakeGrainFactory>();
        ((CustomerUsageFeedTests.FakeGrainFactory)(object)grains).Grain = grain;
        feed = new EventTypeUsageFeed(grains, time, NullLogger<EventTypeUsageFeed>.Instance);
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

        await grain.Observer!.OnUsageChangedAsync(Usage);

        Assert.Equal(FeedConnection.Live, subscription.Connection);
        Assert.Same(Usage, await Next(usages));
    }

    private static async Task<T> Next<T>(Channel<T> channel) => await channel.Reader.ReadAsync().AsTask().WaitAsync(Patience);

    public ValueTask DisposeAsync() => feed.DisposeAsync();

    /// <summary>An event type grain whose calls fail while it is not reachable.</summary>
    public class FakeEventTypeGrain : DispatchProxy
    {
        private volatile bool reachable = true;

        public bool Reachable
        {
            get => reachable;
            set => reachable = value;
        }

        public IEventTypeUsageObserver? Observer { get; private set; }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            var name = targetMethod!.Name;
            if (!reachable)
            {
                return name == nameof(IEventTypeGrain.GetUsageAsync)
                    ? Task.FromException<EventTypeUsage?>(new TimeoutException("cluster unreachable"))
                    : Task.FromException(new TimeoutException("cluster unreachable"));
            }

            switch (name)
            {
                case nameof(IEventTypeGrain.SubscribeAsync):
                    Observer = (IEventTypeUsageObserver)args![0]!;
                    return Task.CompletedTask;
                case nameof(IEventTypeGrain.UnsubscribeAsync):
                    return Task.CompletedTask;
                case nameof(IEventTypeGrain.GetUsageAsync):
                    return Task.FromResult<EventTypeUsage?>(Usage);
                default:
                    throw new NotSupportedException(name);
            }
        }
    }
}
