using Orleans.Streams;

namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>
/// A consumer's position in one stream's log. Like Orleans' simple cache cursor, the first
/// <see cref="MoveNext"/> after positioning yields the entry it was positioned at, and the entry being
/// delivered (the current one) stays protected from purging until the cursor moves past it.
/// </summary>
internal sealed class StreamIndexedCacheCursor : IQueueCacheCursor
{
    private readonly StreamIndexedQueueCache cache;
    private readonly StreamLog log;
    private CacheEntry? current;
    private bool disposed;

    public StreamIndexedCacheCursor(StreamIndexedQueueCache cache, StreamId streamId, StreamLog log, long nextIndex)
    {
        this.cache = cache;
        this.log = log;
        StreamId = streamId;
        NextIndex = nextIndex;
    }

    public StreamId StreamId { get; }

    /// <summary>The absolute index of the entry the next <see cref="MoveNext"/> yields.</summary>
    public long NextIndex { get; private set; }

    public long ProtectedFrom => current is null ? NextIndex : current.Index;

    public IBatchContainer? GetCurrent(out Exception? exception)
    {
        exception = null;
        return current?.Batch;
    }

    public bool MoveNext()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        cache.MarkDirty(StreamId);
        if (NextIndex < log.FirstIndex)
        {
            // Only possible if entries were purged while this cursor had not been positioned on them.
            NextIndex = log.FirstIndex;
        }

        if (NextIndex >= log.EndIndex)
        {
            current = null;
            return false;
        }

        current = log[NextIndex];
        NextIndex++;
        return true;
    }

    /// <summary>New entries append to this cursor's own log, so a waiting cursor needs no refresh.</summary>
    public void Refresh(StreamSequenceToken token)
    {
    }

    public void RecordDeliveryFailure()
    {
        if (current is not null)
        {
            current.DeliveryFailed = true;
        }
    }

    public void Dispose()
    {
        if (!disposed)
        {
            disposed = true;
            current = null;
            cache.RemoveCursor(this);
        }
    }
}
