namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>A record the mapper rejected, with the code and detail it goes to the dead-letter topic with.</summary>
internal sealed record RejectedRecord(KafkaRecord Record, string Code, string Detail);
