namespace Billing.Time;

/// <summary>What a silo reports about one partition it reads.</summary>
/// <param name="Partition">The Kafka partition.</param>
/// <param name="LatestDeliveredEventTime">The latest event time in the partition's delivered prefix, or null while none is known.</param>
/// <param name="Idle">Nothing waits for delivery and no record was read for the idle time-out.</param>
[GenerateSerializer]
[Immutable]
[Alias("billing.partition-report")]
public sealed record PartitionReport(
    [property: Id(0)] int Partition,
    [property: Id(1)] DateTimeOffset? LatestDeliveredEventTime,
    [property: Id(2)] bool Idle);
