namespace Billing.Grains.Streaming.Kafka;

/// <summary>One partition of the incoming topic as Kafka sees it.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="CommittedOffset">The consumer group's committed offset (the next record to handle), or null if none.</param>
/// <param name="HighWatermark">The offset the next produced record will get.</param>
/// <param name="Lag">Records not yet handled: high watermark minus committed offset (or minus the low watermark without a commit).</param>
public sealed record KafkaPartitionStatus(int Partition, long? CommittedOffset, long HighWatermark, long Lag);
