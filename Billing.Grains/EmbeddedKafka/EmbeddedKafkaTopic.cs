namespace Billing.Grains.EmbeddedKafka;

/// <summary>A topic the embedded broker creates when it starts.</summary>
/// <param name="Name">A legal Kafka topic name.</param>
/// <param name="Partitions">At least 1.</param>
/// <param name="ReplicationFactor">At least 1 and at most the broker count; 1 by default.</param>
public sealed record EmbeddedKafkaTopic(string Name, int Partitions, int ReplicationFactor = 1);
