using Billing.Grains.Streaming.Kafka.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace Billing.UnitTests.Streaming;

public sealed class StreamIndexedQueueCacheTests
{
    private static readonly StreamId A = StreamId.Create("customer", "A");
    private static readonly StreamId B = StreamId.Create("customer", "B");

    [Fact]
    public void Cursor_PositionedAtToken_YieldsThatContainerThenTheRestOfItsStreamInOneDelivery()
    {
        var cache = new StreamIndexedQueueCache(capacity: 100);
        cache.AddToCache([Batch(A, 0), Batch(B, 1), Batch(A, 2), Batch(B, 3), Batch(A, 4)]);

        using var cursor = cache.GetCacheCursor(A, Token(0));

        Assert.Equal([[0L], [2L, 4L]], Deliveries(cursor));
    }

    [Fact]
    public void Cursor_WithoutToken_HandsEverythingPendingInOneDeliveryInOrder()
    {
        var cache = new StreamIndexedQueueCache(capacity: 100);
        using var cursor = cache.GetCacheCursor(A, null);
        Assert.False(Next(cursor));

        cache.AddToCache([Batch(A, 0), Batch(B, 1), Batch(A, 2), Batch(A, 3, items: 2)]);

        Assert.Equal([[0L, 2L, 3L, 3L]], Deliveries(cursor));
    }

    [Fact]
    public void Cursor_MoreThanMaxItemsPending_SplitsAtContainerBoundaries()
    {
        var cache = new StreamIndexedQueueCache(capacity: 100, maxItemsPerDelivery: 3);
        using var cursor = cache.GetCacheCursor(A, null);

        cache.AddToCache([Batch(A, 0), Batch(A, 1, items: 2), Batch(A, 2, items: 2), Batch(A, 3, items: 5)]);

        // A container larger than the limit still goes, alone: containers are never split.
        Assert.Equal([[0L, 1L, 1L], [2L, 2L], [3L, 3L, 3L, 3L, 3L]], Deliveries(cursor));
    }

    [Fact]
    public void TryPurge_StreamWithoutCursor_WarnsThatContainersNobodyWasHandedCountAsHandled()
    {
        var logger = new FakeLogger();
        var cache = new StreamIndexedQueueCache(capacity: 100, logger: logger);
        cache.AddToCache([Batch(A, 0), Batch(A, 1)]);

        Assert.True(cache.TryPurgeFromCache(out var purged));

        Assert.Equal(2, purged.Count);
        var warning = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(2013, warning.Id.Id);
        Assert.Contains("2 containers", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryPurge_ContainersTheCursorHanded_WarnsNothing()
    {
        var logger = new FakeLogger();
        var cache = new StreamIndexedQueueCache(capacity: 100, logger: logger);
        using var cursor = cache.GetCacheCursor(A, null);
        cache.AddToCache([Batch(A, 0), Batch(A, 1)]);

        Assert.True(Next(cursor));
        Assert.False(Next(cursor));
        Assert.True(cache.TryPurgeFromCache(out var purged));

        Assert.Equal(2, purged.Count);
        Assert.Empty(logger.Collector.GetSnapshot());
    }

    [Fact]
    public void TryPurge_CoalescedDelivery_ReportsEachContainerOnlyOnceTheCursorMovedPast()
    {
        var cache = new StreamIndexedQueueCache(capacity: 100);
        using var cursor = cache.GetCacheCursor(A, null);
        var a0 = Batch(A, 0);
        var a1 = Batch(A, 1);
        cache.AddToCache([a0, a1]);

        Assert.True(Next(cursor));
        Assert.False(cache.TryPurgeFromCache(out _));

        Assert.False(Next(cursor));
        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.Equal([a0, a1], purged);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void TryPurge_FailedCoalescedDelivery_ReportsNoneOfItsContainers()
    {
        var cache = new StreamIndexedQueueCache(capacity: 100);
        using var cursor = cache.GetCacheCursor(A, null);
        cache.AddToCache([Batch(A, 0), Batch(A, 1)]);
        Assert.True(Next(cursor));
        cursor.RecordDeliveryFailure();
        cache.AddToCache([Batch(A, 2)]);

        Drain(cursor);

        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.Equal(2, Assert.Single(purged).SequenceToken.SequenceNumber);
    }

    [Fact]
    public void Cursor_WaitingAtTheEnd_SeesContainersAddedLater()
    {
        var cache = new StreamIndexedQueueCache(capacity: 100);
        cache.AddToCache([Batch(A, 0)]);
        using var cursor = cache.GetCacheCursor(A, Token(0));
        Assert.Equal([0L], Drain(cursor));

        cache.AddToCache([Batch(B, 1), Batch(A, 2)]);
        cursor.Refresh(Token(2));

        Assert.Equal([2L], Drain(cursor));
    }

    [Fact]
    public void Cursor_AtATokenInsideAContainer_StartsAtThatContainer()
    {
        // A handshake names the last event processed; the agent then skips the container holding it.
        var cache = new StreamIndexedQueueCache(capacity: 100);
        cache.AddToCache([Batch(A, 10), Batch(A, 20)]);

        using var cursor = cache.GetCacheCursor(A, new EventSequenceTokenV2(15, 0));

        Assert.Equal([10L, 20L], Drain(cursor));
    }

    [Fact]
    public void TryPurge_ContainersEveryCursorPassed_AreReportedDelivered()
    {
        var cache = new StreamIndexedQueueCache(capacity: 100);
        var a0 = Batch(A, 0);
        var a1 = Batch(A, 1);
        cache.AddToCache([a0, a1]);
        using var cursor = cache.GetCacheCursor(A, Token(0));

        Assert.True(Next(cursor));
        // a0 is being delivered: it stays.
        Assert.False(cache.TryPurgeFromCache(out _));

        Assert.True(Next(cursor));
        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.Same(a0, Assert.Single(purged));

        Assert.False(Next(cursor));
        Assert.True(cache.TryPurgeFromCache(out purged));
        Assert.Same(a1, Assert.Single(purged));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void TryPurge_SlowStream_DoesNotHoldBackOtherStreams()
    {
        var cache = new StreamIndexedQueueCache(capacity: 100);
        var a0 = Batch(A, 0);
        var b1 = Batch(B, 1);
        cache.AddToCache([a0, b1]);
        using var slow = cache.GetCacheCursor(A, Token(0));
        using var fast = cache.GetCacheCursor(B, Token(1));
        Assert.True(Next(slow));

        Drain(fast);

        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.Same(b1, Assert.Single(purged));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void TryPurge_TwoCursorsOnOneStream_WaitsForTheSlowerOne()
    {
        var cache = new StreamIndexedQueueCache(capacity: 100);
        cache.AddToCache([Batch(A, 0), Batch(A, 1)]);
        using var first = cache.GetCacheCursor(A, Token(0));
        using var second = cache.GetCacheCursor(A, Token(0));

        Drain(first);
        Assert.False(cache.TryPurgeFromCache(out _));

        Drain(second);
        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.Equal(2, purged.Count);
    }

    [Fact]
    public void TryPurge_StreamWithoutCursors_IsPurgedAtOnce()
    {
        var cache = new StreamIndexedQueueCache(capacity: 100);
        cache.AddToCache([Batch(A, 0)]);

        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.Single(purged);
    }

    [Fact]
    public void TryPurge_FailedDelivery_IsRemovedButNotReportedDelivered()
    {
        var cache = new StreamIndexedQueueCache(capacity: 100);
        cache.AddToCache([Batch(A, 0), Batch(A, 1)]);
        using var cursor = cache.GetCacheCursor(A, Token(0));
        Assert.True(Next(cursor));
        cursor.RecordDeliveryFailure();

        Drain(cursor);

        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.Equal(1, Assert.Single(purged).SequenceToken.SequenceNumber);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void DisposedCursor_NoLongerProtectsItsContainers()
    {
        var cache = new StreamIndexedQueueCache(capacity: 100);
        cache.AddToCache([Batch(A, 0)]);
        var pin = cache.GetCacheCursor(A, Token(0));
        Assert.False(cache.TryPurgeFromCache(out _));

        pin.Dispose();

        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.Single(purged);
    }

    [Fact]
    public void Capacity_FullCache_IsUnderPressureButStillLetsTheAgentInToPurge()
    {
        var cache = new StreamIndexedQueueCache(capacity: 3);
        cache.AddToCache([Batch(A, 0), Batch(B, 1)]);
        Assert.Equal(1, cache.GetMaxAddCount());
        Assert.False(cache.IsUnderPressure());

        cache.AddToCache([Batch(A, 2)]);

        // Full: the pulling agent must still be let into a read, where it purges; the read itself is refused.
        Assert.Equal(1, cache.GetMaxAddCount());
        Assert.True(cache.IsUnderPressure());
    }

    [Fact]
    public void Capacity_FullCache_ACursorReplacedAfterAHandshake_FreesWhatItsPredecessorDelivered()
    {
        var cache = new StreamIndexedQueueCache(capacity: 2);
        cache.AddToCache([Batch(A, 0, items: 2)]);
        var first = cache.GetCacheCursor(A, Token(0));
        Assert.True(Next(first));
        // Purged while the delivery is in flight: nothing may go yet.
        Assert.False(cache.TryPurgeFromCache(out _));

        // As the pulling agent does when the consumer answers with a token: the old cursor goes, a new one is
        // positioned at the delivered token and moved once past it.
        first.Dispose();
        using var second = cache.GetCacheCursor(A, Token(0));
        Assert.True(Next(second));
        Assert.False(Next(second));

        Assert.True(cache.TryPurgeFromCache(out var purged));
        Assert.Single(purged);
        Assert.False(cache.IsUnderPressure());
    }

    [Fact]
    public void Capacity_CountsItemsNotContainers_AndPurgingGivesThemBack()
    {
        var cache = new StreamIndexedQueueCache(capacity: 10);
        using var cursor = cache.GetCacheCursor(A, Token(0));
        cache.AddToCache([Batch(A, 0, items: 4), Batch(B, 4, items: 3)]);
        Assert.Equal(7, cache.Count);
        Assert.Equal(3, cache.GetMaxAddCount());

        Assert.Equal([[0, 0, 0, 0]], Deliveries(cursor));
        Assert.True(cache.TryPurgeFromCache(out _));

        // A's four items were delivered; B has no cursor, so nobody waits for its three.
        Assert.Equal(0, cache.Count);
        Assert.Equal(10, cache.GetMaxAddCount());
    }

    private static KafkaBatchContainer Batch(StreamId stream, long offset, int items = 1) =>
        new(stream, [.. Enumerable.Repeat<object>($"{stream.GetKeyAsString()}@{offset}", items)], [.. Enumerable.Repeat(offset, items)], [.. Enumerable.Range(0, items)]);

    private static EventSequenceTokenV2 Token(long offset) => new(offset, 0);

    private static bool Next(IQueueCacheCursor cursor) =>
        cursor.MoveNextWithResult().Kind == QueueCacheCursorMoveResultKind.Success;

    /// <summary>The record offsets of each delivery the cursor hands out until it has nothing more.</summary>
    private static List<long[]> Deliveries(IQueueCacheCursor cursor)
    {
        var deliveries = new List<long[]>();
        while (Next(cursor))
        {
            deliveries.Add(((KafkaBatchContainer)cursor.GetCurrent(out _)!).Offsets);
        }

        return deliveries;
    }

    private static List<long> Drain(IQueueCacheCursor cursor)
    {
        var offsets = new List<long>();
        while (Next(cursor))
        {
            offsets.Add(cursor.GetCurrent(out _)!.SequenceToken.SequenceNumber);
        }

        return offsets;
    }
}
