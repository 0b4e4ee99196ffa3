using Orleans.Streams;

namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>
/// A consumer's position in one stream's log. Each <see cref="MoveNext"/> hands the consumer everything its
/// stream has pending, as one container (up to a number of items), so that a consumer that is slower than the
/// stream gets larger deliveries instead of a backlog of small ones: deliveries grow with load. The entries
/// being delivered (the current ones) stay protected from purging until the cursor moves past them.
/// </summary>
/// <remarks>
/// Like Orleans' simple cache cursor, the first <see cref="MoveNext"/> after positioning at a token yields the
/// one entry it was positioned at and no more: the pulling agent moves once past the container holding a
/// handshake's last delivered token, and that must skip that container only.
/// </remarks>
internal sealed class StreamIndexedCacheCursor : IQueueCacheCursor
{
    private readonly StreamIndexedQueueCache cache;
    private readonly StreamLog log;
    private readonly int maxItemsPerDelivery;
    private KafkaBatchContainer? current;
    private long currentFrom;
    private bool singleEntryNext;
    private bool disposed;

    public StreamIndexedCacheCursor(StreamIndexedQueueCache cache, StreamId streamId, StreamLog log, long nextIndex, bool positionedAtToken, int maxItemsPerDelivery)
    {
        this.cache = cache;
        this.log = log;
        this.maxItemsPerDelivery = maxItemsPerDelivery;
        StreamId = streamId;
        NextIndex = nextIndex;
        singleEntryNext = positionedAtToken;
    }

    public StreamId StreamId { get; }

    /// <summary>The absolute index of the first entry the next <see cref="MoveNext"/> yields.</summary>
    public long NextIndex { get; private set; }

    public long ProtectedFrom => current is null ? NextIndex : currentFrom;

    public IBatchContainer? GetCurrent(out Exception? exception)
    {
        exception = null;
        return current;
    }

    public bool MoveNext()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        cache.MarkDirty(StreamId);
        if (NextIndex < log.FirstIndex)
        {
            // Only possible if entries were purged while this cursor had not been positioned on them.
            cache.ReportSkipped(StreamId, (int)(log.FirstIndex - NextIndex));
            NextIndex = log.FirstIndex;
        }

        if (NextIndex >= log.EndIndex)
        {
            current = null;
            return false;
        }

        currentFrom = NextIndex;
        var end = NextIndex + 1;
        var items = log[NextIndex].Batch.Items.Count;
        log[NextIndex].Yielded = true;
        while (!singleEntryNext && end < log.EndIndex && items + log[end].Batch.Items.Count <= maxItemsPerDelivery)
        {
            items += log[end].Batch.Items.Count;
            log[end].Yielded = true;
            end++;
        }

        current = end - currentFrom == 1 ? log[currentFrom].Batch : KafkaBatchContainer.Coalesce(log.Range(currentFrom, end));
        NextIndex = end;
        singleEntryNext = false;
        return true;
    }

    /// <summary>New entries append to this cursor's own log, so a waiting cursor needs no refresh.</summary>
    public void Refresh(StreamSequenceToken token)
    {
    }

    public void RecordDeliveryFailure()
    {
        if (current is null)
        {
            return;
        }

        for (var index = Math.Max(currentFrom, log.FirstIndex); index < NextIndex && index < log.EndIndex; index++)
        {
            log[index].DeliveryFailed = true;
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
