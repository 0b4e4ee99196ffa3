using Billing.Grains.Streaming.Kafka.Internal;

namespace Billing.UnitTests.Streaming;

public sealed class DeliveryLedgerTests
{
    [Fact]
    public void TryAdvance_NothingSettled_DoesNotMove()
    {
        var ledger = new DeliveryLedger();
        ledger.Track(new DeliverySlice(0, 10, 10, parts: 2));

        Assert.False(ledger.TryAdvance(out _, out var handled));
        Assert.Equal(0, handled);
        Assert.Null(ledger.HandledThrough);
    }

    [Fact]
    public void TryAdvance_LaterSliceSettledFirst_WaitsForTheEarlierOne()
    {
        var ledger = new DeliveryLedger();
        var first = new DeliverySlice(0, 10, 10, parts: 1);
        var second = new DeliverySlice(10, 25, 15, parts: 1);
        ledger.Track(first);
        ledger.Track(second);

        second.SettlePart();
        Assert.False(ledger.TryAdvance(out _, out _));

        first.SettlePart();
        Assert.True(ledger.TryAdvance(out var next, out var handled));
        Assert.Equal(25, next);
        Assert.Equal(25, handled);
        Assert.Equal(0, ledger.OpenSlices);
    }

    [Fact]
    public void TryAdvance_PartiallySettledSlice_StopsBeforeIt()
    {
        var ledger = new DeliveryLedger();
        var first = new DeliverySlice(100, 110, 10, parts: 1);
        var second = new DeliverySlice(110, 120, 10, parts: 3);
        ledger.Track(first);
        ledger.Track(second);
        first.SettlePart();
        second.SettlePart();
        second.SettlePart();

        Assert.True(ledger.TryAdvance(out var next, out var handled));
        Assert.Equal(110, next);
        Assert.Equal(10, handled);
        Assert.Equal(1, ledger.OpenSlices);
    }

    [Fact]
    public void TryAdvance_GapBetweenSlices_CommitsPastTheGap()
    {
        // Compacted topics and transaction markers leave offsets no record has.
        var ledger = new DeliveryLedger();
        var first = new DeliverySlice(0, 5, 5, parts: 1);
        var second = new DeliverySlice(9, 12, 3, parts: 1);
        ledger.Track(first);
        ledger.Track(second);
        first.SettlePart();
        second.SettlePart();

        Assert.True(ledger.TryAdvance(out var next, out var handled));
        Assert.Equal(12, next);
        Assert.Equal(8, handled);
    }

    [Fact]
    public void Track_OverlappingSlice_Throws()
    {
        var ledger = new DeliveryLedger();
        ledger.Track(new DeliverySlice(0, 10, 10, parts: 1));

        Assert.Throws<InvalidOperationException>(() => ledger.Track(new DeliverySlice(9, 12, 3, parts: 1)));
    }

    [Fact]
    public void SettlePart_MoreThanItsParts_Throws()
    {
        var slice = new DeliverySlice(0, 1, 1, parts: 1);
        slice.SettlePart();

        Assert.Throws<InvalidOperationException>(slice.SettlePart);
    }

    [Fact]
    public async Task SettlePart_FromManyThreads_SettlesExactlyOnce()
    {
        const int parts = 10_000;
        var ledger = new DeliveryLedger();
        var slice = new DeliverySlice(0, 1, 1, parts);
        ledger.Track(slice);

        await Task.WhenAll(Enumerable.Range(0, parts).Select(_ => Task.Run(slice.SettlePart)));

        Assert.True(slice.IsSettled);
        Assert.True(ledger.TryAdvance(out var next, out _));
        Assert.Equal(1, next);
    }

    [Fact]
    public void LatestHandledEventTime_OnlyCountsTheHandledPrefix()
    {
        var ledger = new DeliveryLedger();
        var early = new DateTimeOffset(2026, 9, 3, 0, 0, 0, TimeSpan.Zero);
        var late = early.AddDays(5);
        var first = new DeliverySlice(0, 10, 10, parts: 1, latestEventTime: early);
        var second = new DeliverySlice(10, 20, 10, parts: 1, latestEventTime: late);
        ledger.Track(first);
        ledger.Track(second);

        // The later slice is delivered first: its time must not count while the earlier slice is in flight.
        second.SettlePart();
        ledger.TryAdvance(out _, out _);
        Assert.Null(ledger.LatestHandledEventTime);

        first.SettlePart();
        ledger.TryAdvance(out _, out _);
        Assert.Equal(late, ledger.LatestHandledEventTime);
    }

    [Fact]
    public void LatestHandledEventTime_NeverMovesBackOnAnOutOfOrderSlice()
    {
        var ledger = new DeliveryLedger();
        var late = new DateTimeOffset(2026, 9, 8, 0, 0, 0, TimeSpan.Zero);
        var first = new DeliverySlice(0, 10, 10, parts: 1, latestEventTime: late);
        var second = new DeliverySlice(10, 20, 10, parts: 1, latestEventTime: late.AddDays(-2));
        var third = new DeliverySlice(20, 21, 1, parts: 1, latestEventTime: null);
        ledger.Track(first);
        ledger.Track(second);
        ledger.Track(third);
        first.SettlePart();
        second.SettlePart();
        third.SettlePart();

        ledger.TryAdvance(out _, out _);

        Assert.Equal(late, ledger.LatestHandledEventTime);
    }
}
