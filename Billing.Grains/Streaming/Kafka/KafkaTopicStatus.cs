namespace Billing.Grains.Streaming.Kafka;

/// <summary>The incoming topic's partitions and the dead-letter topic's size.</summary>
/// <param name="Partitions">Every partition of the incoming topic.</param>
/// <param name="DeadLetters">Records in the dead-letter topic (all partitions, what the broker still retains).</param>
public sealed record KafkaTopicStatus(IReadOnlyList<KafkaPartitionStatus> Partitions, long DeadLetters);
