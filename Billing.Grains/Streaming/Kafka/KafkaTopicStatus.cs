namespace Billing.Grains.Streaming.Kafka;

/// <summary>The incoming topic's partitions and the dead-letter topic's size and newest records.</summary>
/// <param name="Partitions">Every partition of the incoming topic.</param>
/// <param name="DeadLetters">Records in the dead-letter topic (all partitions, what the broker still retains).</param>
/// <param name="LatestDeadLetters">The newest records of the dead-letter topic, newest first (at most <see cref="KafkaTopicInspector.LatestDeadLetterCount"/>).</param>
public sealed record KafkaTopicStatus(IReadOnlyList<KafkaPartitionStatus> Partitions, long DeadLetters, IReadOnlyList<KafkaDeadLetter> LatestDeadLetters);
