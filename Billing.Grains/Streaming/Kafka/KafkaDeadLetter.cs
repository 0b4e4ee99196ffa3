namespace Billing.Grains.Streaming.Kafka;

/// <summary>A record in the dead-letter topic, as its headers describe it (the payload is not read).</summary>
/// <param name="Reason">The short code of <see cref="KafkaDeadLetterHeaders.Reason"/>, e.g. <c>unknown-type</c>.</param>
/// <param name="Detail">The human-readable explanation.</param>
/// <param name="SourcePartition">The partition of the incoming topic it was read from, when the header says.</param>
/// <param name="SourceOffset">Its offset there, when the header says.</param>
/// <param name="DeadLetteredAt">When it was written to the dead-letter topic (the record's timestamp).</param>
public sealed record KafkaDeadLetter(string Reason, string Detail, int? SourcePartition, long? SourceOffset, DateTimeOffset DeadLetteredAt);
