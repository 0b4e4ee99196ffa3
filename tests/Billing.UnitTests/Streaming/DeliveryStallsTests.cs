using Billing.Grains.Streaming.Kafka.Internal;

namespace Billing.UnitTests.Streaming;

public sealed class DeliveryStallsTests
{
    private static readonly StreamId Emma = StreamId.Create("customer", "Emma");
    private static readonly StreamId Olivia = StreamId.Create("customer", "Olivia");
    private static readonly DateTimeOffset Noon = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Failed_SameDeliveryAgain_CountsAttemptsFromItsFirstFailure()
    {
        var stalls = new DeliveryStalls(partition: 3);
        var delivery = Delivery(Emma, 40, 41);

        Assert.Equal(1, stalls.Failed(delivery, new TimeoutException("slow"), Noon));
        Assert.Equal(2, stalls.Failed(delivery, new InvalidOperationException("storage down"), Noon.AddSeconds(1)));

        var stall = stalls.Describe()!;
        Assert.Equal((3, "customer/Emma", 40L, 2), (stall.Partition, stall.StreamId, stall.FirstOffset, stall.RecordCount));
        Assert.Equal((Noon, 2), (stall.Since, stall.Attempts));
        Assert.Equal("InvalidOperationException: storage down", stall.LastError);
        Assert.Equal(1, stall.FailingDeliveries);
    }

    [Fact]
    public void Failed_ExceptionWrappedByOrleans_ShowsTheCauseAndItsRootOnOneLine()
    {
        var stalls = new DeliveryStalls(partition: 0);
        var root = new System.Net.Sockets.SocketException(111);
        var wrapped = new OrleansException(
            "Error from storage provider during ReadStateAsync\n   at Orleans.Something()",
            new InvalidOperationException("Failed to connect to 10.0.0.5:5432\n   at Npgsql.Connect()", root));

        stalls.Failed(Delivery(Emma, 1), wrapped, Noon);

        Assert.Equal($"InvalidOperationException: Failed to connect to 10.0.0.5:5432 (SocketException: {root.Message})", stalls.Describe()!.LastError);
    }

    [Fact]
    public void Describe_SeveralFailing_NamesTheOneHoldingTheCommitBackMost()
    {
        var stalls = new DeliveryStalls(partition: 0);
        stalls.Failed(Delivery(Olivia, 70), new TimeoutException(), Noon);
        stalls.Failed(Delivery(Emma, 12), new TimeoutException(), Noon.AddSeconds(5));

        var stall = stalls.Describe()!;

        Assert.Equal((12L, "customer/Emma", 2), (stall.FirstOffset, stall.StreamId, stall.FailingDeliveries));
    }

    [Fact]
    public void Delivered_AfterFailures_ClearsTheStallAndAnswersTheFailedAttempts()
    {
        var stalls = new DeliveryStalls(partition: 0);
        var delivery = Delivery(Emma, 5);
        stalls.Failed(delivery, new TimeoutException(), Noon);
        stalls.Failed(delivery, new TimeoutException(), Noon);

        Assert.Equal(2, stalls.Delivered(delivery));

        Assert.Null(stalls.Describe());
        Assert.False(stalls.IsStalled);
        Assert.Equal(0, stalls.Delivered(Delivery(Olivia, 6)));
    }

    [Fact]
    public void OrderSkip_OnlyAFailingDeliveryByItsFirstOffset_IsTakenOnceByThatDelivery()
    {
        var stalls = new DeliveryStalls(partition: 0);
        var failing = Delivery(Emma, 8, 9);
        stalls.Failed(failing, new TimeoutException(), Noon);

        Assert.False(stalls.OrderSkip(9));
        Assert.True(stalls.OrderSkip(8));
        Assert.True(stalls.Describe()!.SkipOrdered);

        Assert.False(stalls.TakeSkipOrder(Delivery(Olivia, 20)));
        Assert.True(stalls.TakeSkipOrder(failing));
        Assert.False(stalls.TakeSkipOrder(failing));
        Assert.Null(stalls.Describe());
    }

    private static KafkaBatchContainer Delivery(StreamId stream, params long[] offsets) =>
        new(stream, [.. offsets.Select(offset => (object)$"record {offset}")], offsets, new int[offsets.Length]);
}
