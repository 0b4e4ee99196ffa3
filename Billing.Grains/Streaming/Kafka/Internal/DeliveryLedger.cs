namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>
/// Tracks the slices read from one partition, in offset order, and yields the offset up to which every record
/// has been handled (delivered to all its streams or dead-lettered). Only that contiguous prefix may be
/// committed: a cumulative Kafka commit acknowledges everything below it.
/// </summary>
internal sealed class DeliveryLedger
{
    private readonly Queue<DeliverySlice> slices = new();
    private readonly Lock gate = new();

    /// <summary>The offset after the handled prefix, or null while nothing has been handled yet.</summary>
    public long? HandledThrough { get; private set; }

    /// <summary>
    /// The latest event time among the records of the handled prefix, or null while none carried one. Every
    /// consumer has been handed these records, so no event at or before this time is still in flight here
    /// unless it is out of order in the partition.
    /// </summary>
    public DateTimeOffset? LatestHandledEventTime { get; private set; }

    public int OpenSlices
    {
        get
        {
            lock (gate)
            {
                return slices.Count;
            }
        }
    }

    /// <summary>Starts tracking <paramref name="slice"/>; slices must be tracked in increasing offset order.</summary>
    public void Track(DeliverySlice slice)
    {
        lock (gate)
        {
            var last = slices.Count > 0 ? slices.Last().NextOffset : HandledThrough;
            if (last is { } previousEnd && slice.FirstOffset < previousEnd)
            {
                throw new InvalidOperationException(
                    $"Slice [{slice.FirstOffset}, {slice.NextOffset}) overlaps what was tracked before (up to {previousEnd}).");
            }

            slices.Enqueue(slice);
        }
    }

    /// <summary>
    /// Removes the settled slices at the head and reports how far the handled prefix moved.
    /// </summary>
    /// <returns>True when the prefix advanced; then <paramref name="nextOffset"/> is the new commit position.</returns>
    public bool TryAdvance(out long nextOffset, out int recordsHandled)
    {
        nextOffset = 0;
        recordsHandled = 0;
        lock (gate)
        {
            while (slices.TryPeek(out var head) && head.IsSettled)
            {
                slices.Dequeue();
                recordsHandled += head.RecordCount;
                HandledThrough = head.NextOffset;
                LatestHandledEventTime = EventTimes.Later(LatestHandledEventTime, head.LatestEventTime);
            }

            if (recordsHandled == 0)
            {
                return false;
            }

            nextOffset = HandledThrough!.Value;
            return true;
        }
    }
}
