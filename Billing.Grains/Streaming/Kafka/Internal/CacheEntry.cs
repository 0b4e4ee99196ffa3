using Orleans.Streams;

namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>One batch container in the queue cache, at an absolute index within its stream's log.</summary>
internal sealed class CacheEntry(KafkaBatchContainer batch, long index)
{
    public KafkaBatchContainer Batch { get; } = batch;

    public StreamSequenceToken Token { get; } = batch.SequenceToken;

    public long Index { get; } = index;

    /// <summary>A consumer kept failing on it; the failure handler owns it, so purging does not report it delivered.</summary>
    public bool DeliveryFailed { get; set; }

    /// <summary>A cursor has handed it to a consumer (at least once).</summary>
    public bool Yielded { get; set; }
}
