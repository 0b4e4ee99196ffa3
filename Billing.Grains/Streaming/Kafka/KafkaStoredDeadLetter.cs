namespace Billing.Grains.Streaming.Kafka;

/// <summary>A record of the dead-letter topic as a listing shows it: what its headers say, and where it is.</summary>
/// <param name="Letter">Its reason, detail, source partition and offset, and when it was set aside.</param>
/// <param name="Origin">
/// Where the record was first read from the incoming topic: its <see cref="KafkaDeadLetterHeaders.Origin"/>
/// header when it was itself a replay, else its source partition and offset; null when its headers name neither
/// (it cannot be replayed).
/// </param>
/// <param name="WasReplayed">Whether it was a replay rejected again (it carried an origin header).</param>
/// <param name="Partition">Its partition in the dead-letter topic.</param>
/// <param name="Offset">Its offset there.</param>
public sealed record KafkaStoredDeadLetter(KafkaDeadLetter Letter, KafkaRecordOrigin? Origin, bool WasReplayed, int Partition, long Offset);
