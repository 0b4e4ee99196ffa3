using System.Threading.Channels;
using Billing.Grains;
using Billing.Usage;
using Billing.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Billing.UnitTests.Web;

/// <summary>
/// One customer's grain that never answers stalls no other customer's page, and the tabs of one customer share
/// one start of their channel. Grains answer when the test completes their answer; nothing waits on time.
/// </summary>
public sealed class UsageFeedSharingTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly FakeUsageGrain emma;
    private readonly FakeUsageGrain stuck;
    private readonly CustomerUsageFeed feed;
    private readonly Channel<CustomerUsage> usages = Channel.CreateUnbounded<CustomerUsage>();

    public UsageFeedSharingTests()
    {
        (var emmaGrain, emma) = FakeUsageGrain.Create<ICustomerGrain>(Usage("Emma"));
        (var stuckGrain, stuck) = FakeUsageGrain.Create<ICustomerGrain>(Usage("Stuck"));
        var grains = FakeGrainFactory.For(key => key == "Emma" ? emmaGrain : stuckGrain);
        feed = new CustomerUsageFeed(grains, new FakeTimeProvider(), NullLogger<CustomerUsageFeed>.Instance);
    }

    private FeedListener<CustomerUsage> Listener => new(usage => usages.Writer.WriteAsync(usage).AsTask());

    [Fact]
    public async Task Subscribe_AnotherCustomersGrainNeverAnswersItsSubscribe_IsLiveAtOnce()
    {
        var answer = new TaskCompletionSource();
        stuck.SubscribeAnswer = answer.Task;
        var stuckSubscribing = feed.SubscribeAsync("Stuck", Listener);
        await stuck.SubscribeCalled.Task.WaitAsync(Patience);

        await using var subscription = await feed.SubscribeAsync("Emma", Listener).WaitAsync(Patience);

        Assert.Equal(FeedConnection.Live, subscription.Connection);
        Assert.False(stuckSubscribing.IsCompleted);
        answer.SetResult();
        await using var stuckSubscription = await stuckSubscribing.WaitAsync(Patience);
        Assert.Equal(FeedConnection.Live, stuckSubscription.Connection);
    }

    [Fact]
    public async Task Subscribe_TwoTabsWhileTheGrainHasNotAnsweredYet_ShareOneSubscribeAndBothGetItsPushes()
    {
        var answer = new TaskCompletionSource();
        emma.SubscribeAnswer = answer.Task;
        var first = feed.SubscribeAsync("Emma", Listener);
        await emma.SubscribeCalled.Task.WaitAsync(Patience);
        var second = feed.SubscribeAsync("Emma", Listener);
        Assert.False(first.IsCompleted || second.IsCompleted);

        answer.SetResult();
        await using var firstSubscription = await first.WaitAsync(Patience);
        await using var secondSubscription = await second.WaitAsync(Patience);

        Assert.Equal(1, emma.Subscriptions);
        Assert.Equal((FeedConnection.Live, FeedConnection.Live), (firstSubscription.Connection, secondSubscription.Connection));
        var pushed = Usage("Emma") with { LateEvents = 2 };
        await ((ICustomerUsageObserver)emma.Observer!).OnUsageChangedAsync(pushed);
        Assert.Same(pushed, await Next());
        Assert.Same(pushed, await Next());
    }

    [Fact]
    public async Task Unsubscribe_LastTabsGrainNeverAnswersItsUnsubscribe_StallsNeitherOtherCustomersNorANewTabOfTheSameCustomer()
    {
        var answer = new TaskCompletionSource();
        stuck.UnsubscribeAnswer = answer.Task;
        var leaving = await feed.SubscribeAsync("Stuck", Listener).WaitAsync(Patience);
        var left = leaving.DisposeAsync().AsTask();
        await stuck.UnsubscribeCalled.Task.WaitAsync(Patience);

        await using var other = await feed.SubscribeAsync("Emma", Listener).WaitAsync(Patience);
        await using var returning = await feed.SubscribeAsync("Stuck", Listener).WaitAsync(Patience);

        Assert.False(left.IsCompleted);
        Assert.Equal((FeedConnection.Live, FeedConnection.Live), (other.Connection, returning.Connection));
        // The returning tab has a fresh observer of its own, which the grain's pushes reach.
        Assert.Equal((2, 1), (stuck.Subscriptions, stuck.Unsubscriptions));
        var pushed = Usage("Stuck") with { LateEvents = 1 };
        await ((ICustomerUsageObserver)stuck.Observer!).OnUsageChangedAsync(pushed);
        Assert.Same(pushed, await Next());
        answer.SetResult();
        await left.WaitAsync(Patience);
    }

    private static CustomerUsage Usage(string customer) => new(customer, [], DateTimeOffset.UnixEpoch, [], 0);

    private async Task<CustomerUsage> Next() => await usages.Reader.ReadAsync().AsTask().WaitAsync(Patience);

    public ValueTask DisposeAsync() => feed.DisposeAsync();
}
