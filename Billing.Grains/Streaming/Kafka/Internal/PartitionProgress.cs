namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>
/// What the receiver of one partition knows about its progress, read by metrics (lag) from another thread.
/// </summary>
internal sealed class PartitionProgress(int partition)
{
    private long handledThrough = -1;
    private long highWatermark = -1;

    public int Partition { get; } = partition;

    /// <summary>The offset after the handled prefix (what is committed next), or -1 while unknown.</summary>
    public long HandledThrough
    {
        get => Volatile.Read(ref handledThrough);
        set => Volatile.Write(ref handledThrough, value);
    }

    /// <summary>The partition's high watermark as last seen by the consumer, or -1 while unknown.</summary>
    public long HighWatermark
    {
        get => Volatile.Read(ref highWatermark);
        set => Volatile.Write(ref highWatermark, value);
    }

    /// <summary>Records in the partition not yet handled, or null while either end is unknown.</summary>
    public long? Lag => HandledThrough >= 0 && HighWatermark >= 0 ? Math.Max(0, HighWatermark - HandledThrough) : null;
}
