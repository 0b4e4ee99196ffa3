namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>
/// The records of one poll of one partition, [<see cref="FirstOffset"/>, <see cref="NextOffset"/>), and the
/// parts still outstanding before all of them count as handled: one per batch container not yet delivered and
/// one per rejected record not yet dead-lettered.
/// </summary>
internal sealed class DeliverySlice(long firstOffset, long nextOffset, int recordCount, int parts, DateTimeOffset? latestEventTime = null)
{
    private int pendingParts = parts;

    public long FirstOffset { get; } = firstOffset;

    /// <summary>The offset after the last record of the slice: what Kafka stores as "consumed up to".</summary>
    public long NextOffset { get; } = nextOffset;

    public int RecordCount { get; } = recordCount;

    /// <summary>The latest event time among the slice's delivered records, or null when none carries one.</summary>
    public DateTimeOffset? LatestEventTime { get; } = latestEventTime;

    public bool IsSettled => Volatile.Read(ref pendingParts) <= 0;

    /// <summary>Marks one part handled. Thread-safe: dead-letter writes finish on pool threads.</summary>
    public void SettlePart()
    {
        if (Interlocked.Decrement(ref pendingParts) < 0)
        {
            throw new InvalidOperationException($"Slice [{FirstOffset}, {NextOffset}) was settled more often than it has parts.");
        }
    }
}
