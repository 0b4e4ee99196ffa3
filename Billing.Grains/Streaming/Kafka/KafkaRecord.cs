using Confluent.Kafka;

namespace Billing.Grains.Streaming.Kafka;

/// <summary>A record as read from a partition of the provider's topic.</summary>
/// <param name="Partition">The partition it was read from.</param>
/// <param name="Offset">Its offset within <paramref name="Partition"/>.</param>
/// <param name="Key">The record key, or <see langword="null"/> when the producer sent none.</param>
/// <param name="Value">The record value, or <see langword="null"/> for a tombstone.</param>
/// <param name="Headers">The record headers, kept so that a dead-lettered record carries them along.</param>
/// <param name="Timestamp">The broker or producer timestamp.</param>
public sealed record KafkaRecord(
    int Partition,
    long Offset,
    byte[]? Key,
    byte[]? Value,
    Headers? Headers,
    Timestamp Timestamp);
