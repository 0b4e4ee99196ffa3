namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>
/// What the receiver of one partition knows about its progress, written by the receiver and read from other
/// threads (metrics, <see cref="KafkaDeliveryProgress"/>).
/// </summary>
internal sealed class PartitionProgress(int partition)
{
    private const long Unknown = long.MinValue;

    private long handledThrough = -1;
    private long highWatermark = -1;
    private long latestHandledEventTicks = Unknown;
    private long lastReadTicks = Unknown;
    private int openSlices;

    public int Partition { get; } = partition;

    /// <summary>The deliveries of this partition failing right now.</summary>
    public DeliveryStalls Stalls { get; } = new(partition);

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

    /// <summary>The latest event time in the handled prefix, or null while none is known.</summary>
    public DateTimeOffset? LatestHandledEventTime
    {
        get => FromTicks(Volatile.Read(ref latestHandledEventTicks));
        set => Volatile.Write(ref latestHandledEventTicks, value?.UtcTicks ?? Unknown);
    }

    /// <summary>When (wall clock) the receiver last read a record, or started if it has read none.</summary>
    public DateTimeOffset? LastReadAt
    {
        get => FromTicks(Volatile.Read(ref lastReadTicks));
        set => Volatile.Write(ref lastReadTicks, value?.UtcTicks ?? Unknown);
    }

    /// <summary>Polls read but not yet fully handled.</summary>
    public int OpenSlices
    {
        get => Volatile.Read(ref openSlices);
        set => Volatile.Write(ref openSlices, value);
    }

    public KafkaPartitionDelivery Snapshot() => new(Partition, HandledThrough, LatestHandledEventTime, OpenSlices > 0, LastReadAt, Stalls.Describe());

    private static DateTimeOffset? FromTicks(long ticks) => ticks == Unknown ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
}
