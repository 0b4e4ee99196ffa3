using Billing.Grains.Streaming.Kafka;
using Billing.Grains.Time;

namespace Billing.UnitTests.Time;

public sealed class PartitionReportsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset EventTime = new(2026, 9, 14, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public void From_QuietForTheTimeoutWithNothingInFlight_IsIdle()
    {
        var report = Assert.Single(PartitionReports.From([new KafkaPartitionDelivery(3, 120, EventTime, false, Now - Timeout)], Now, Timeout));

        Assert.True(report.Idle);
        Assert.Equal(3, report.Partition);
        Assert.Equal(EventTime, report.LatestDeliveredEventTime);
    }

    [Fact]
    public void From_RecordsStillInFlight_IsNotIdleHoweverQuiet() =>
        Assert.False(Assert.Single(PartitionReports.From([new KafkaPartitionDelivery(0, 7, EventTime, true, Now.AddHours(-1))], Now, Timeout)).Idle);

    [Fact]
    public void From_ReadRecently_IsNotIdle() =>
        Assert.False(Assert.Single(PartitionReports.From([new KafkaPartitionDelivery(0, 7, EventTime, false, Now.AddSeconds(-29))], Now, Timeout)).Idle);
}
