namespace Billing.Grains.Streaming.Kafka;

/// <summary>How far this silo has delivered one partition it reads.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="HandledThrough">The offset after the handled (delivered or dead-lettered) prefix, or -1 while unknown.</param>
/// <param name="LatestDeliveredEventTime">
/// The latest event time among the records of the handled prefix since the receiver started, or null while
/// none is known (see <see cref="KafkaRecordMapping.EventTime"/>).
/// </param>
/// <param name="HasUndelivered">Whether records read from the partition still wait for delivery.</param>
/// <param name="LastReadAt">When (wall clock) a record was last read, or the receiver started if none was.</param>
/// <param name="Stall">The failing delivery the partition waits behind, or null when none is failing.</param>
public sealed record KafkaPartitionDelivery(
    int Partition,
    long HandledThrough,
    DateTimeOffset? LatestDeliveredEventTime,
    bool HasUndelivered,
    DateTimeOffset? LastReadAt,
    KafkaDeliveryStall? Stall = null);
