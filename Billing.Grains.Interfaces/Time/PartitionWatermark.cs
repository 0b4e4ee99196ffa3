namespace Billing.Time;

/// <summary>The event-time progress of one partition, as the event clock holds it.</summary>
/// <param name="Partition">The Kafka partition.</param>
/// <param name="LatestDeliveredEventTime">The latest event time ever delivered from the partition, or null.</param>
/// <param name="Watermark">That time minus the maximum out-of-orderness, or null.</param>
/// <param name="Idle">Whether the partition is idle, so it does not hold the global watermark back.</param>
/// <param name="ReportedAt">When a silo last reported the partition (wall clock).</param>
[GenerateSerializer]
[Immutable]
[Alias("billing.partition-watermark")]
public sealed record PartitionWatermark(
    [property: Id(0)] int Partition,
    [property: Id(1)] DateTimeOffset? LatestDeliveredEventTime,
    [property: Id(2)] DateTimeOffset? Watermark,
    [property: Id(3)] bool Idle,
    [property: Id(4)] DateTimeOffset ReportedAt);
