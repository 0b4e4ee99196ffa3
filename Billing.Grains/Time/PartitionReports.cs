using Billing.Grains.Streaming.Kafka;
using Billing.Time;

namespace Billing.Grains.Time;

/// <summary>Turns what this silo's receivers know into reports for the event clock.</summary>
public static class PartitionReports
{
    /// <summary>
    /// One report per partition. A partition is idle when nothing it read waits for delivery and it has read no
    /// record for <paramref name="idleTimeout"/>: a producer that went quiet must not stop months closing.
    /// </summary>
    public static IReadOnlyList<PartitionReport> From(IEnumerable<KafkaPartitionDelivery> partitions, DateTimeOffset now, TimeSpan idleTimeout) =>
        [.. partitions.Select(p => new PartitionReport(
            p.Partition,
            p.LatestDeliveredEventTime,
            Idle: !p.HasUndelivered && p.LastReadAt is { } lastRead && now - lastRead >= idleTimeout))];
}
