using Microsoft.Extensions.Logging;
using System.Diagnostics.CodeAnalysis;
using Orleans.Streams;

namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>
/// A queue cache that keeps one log per stream, so that a cursor reads only its own stream's containers.
/// Orleans' simple cache keeps one list for the whole queue and every cursor walks past every other
/// stream's containers: with thousands of customers per partition, reading cost grows with the square of
/// the poll size. Here reading and purging cost is proportional to what moved.
/// </summary>
/// <remarks>
/// A container is purged (reported delivered) once every cursor of its stream has moved past it; a stream
/// with no cursor has nobody to deliver to, so its containers are purged at once. Containers whose delivery
/// failed are purged without being reported: the failure handler accounts for them. The capacity counts
/// items (a record routed to two streams is two), because memory grows with what is held, not with how many
/// streams it is spread over.
/// </remarks>
internal sealed class StreamIndexedQueueCache(int capacity, int maxItemsPerDelivery = int.MaxValue, ILogger? logger = null) : IQueueCache
{
    private readonly Dictionary<StreamId, StreamLog> logs = [];
    private readonly HashSet<StreamId> dirty = [];

    public int Count { get; private set; }

    /// <summary>
    /// At least one, even when full: the pulling agent purges only inside a read, and it does not even try to
    /// read while this says zero. A full cache would never learn that its consumers moved on, and the
    /// partition would wait forever. The read itself is still refused while <see cref="IsUnderPressure"/>.
    /// </summary>
    public int GetMaxAddCount() => Math.Max(1, capacity - Count);

    public bool IsUnderPressure() => Count >= capacity;

    public void AddToCache(IList<IBatchContainer> messages)
    {
        foreach (var batch in messages)
        {
            var log = LogOf(batch.StreamId);
            var container = (KafkaBatchContainer)batch;
            log.Append(container);
            dirty.Add(batch.StreamId);
            Count += container.Items.Count;
        }
    }

    public IQueueCacheCursor GetCacheCursor(StreamId streamId, StreamSequenceToken? token)
    {
        // The queue is not rewindable: a token older than what is held starts at the oldest entry held.
        var log = LogOf(streamId);
        var position = token is null ? log.EndIndex : log.PositionFor(token);
        var cursor = new StreamIndexedCacheCursor(this, streamId, log, position, positionedAtToken: token is not null, maxItemsPerDelivery);
        log.Cursors.Add(cursor);
        // The pulling agent replaces a cursor after a hand-shake: what the new one no longer protects may go.
        dirty.Add(streamId);
        return cursor;
    }

    public bool TryPurgeFromCache([MaybeNullWhen(false)] out IList<IBatchContainer> purgedItems)
    {
        purgedItems = null;
        if (dirty.Count == 0)
        {
            return false;
        }

        var delivered = new List<IBatchContainer>();
        foreach (var streamId in dirty)
        {
            if (!logs.TryGetValue(streamId, out var log))
            {
                continue;
            }

            var cursorless = log.Cursors.Count == 0;
            Count -= log.RemoveBefore(log.ProtectedFrom(), delivered, out var neverYielded);
            if (neverYielded > 0 && logger is not null)
            {
                // Every billing stream has a subscriber: records purged unseen are records nobody counted.
                KafkaLog.PurgedUndelivered(logger, neverYielded, streamId.ToString(), cursorless ? "the stream has no cursor" : "its cursors moved past them");
            }
            if (log.Count == 0 && log.Cursors.Count == 0)
            {
                logs.Remove(streamId);
            }
        }

        dirty.Clear();
        purgedItems = delivered;
        return delivered.Count > 0;
    }

    internal void MarkDirty(StreamId streamId) => dirty.Add(streamId);

    /// <summary>A cursor found entries purged before it read them and moved past the gap.</summary>
    internal void ReportSkipped(StreamId streamId, int entries)
    {
        if (logger is not null)
        {
            KafkaLog.PurgedUndelivered(logger, entries, streamId.ToString(), "a cursor found them gone");
        }
    }

    internal void RemoveCursor(StreamIndexedCacheCursor cursor)
    {
        if (logs.TryGetValue(cursor.StreamId, out var log))
        {
            log.Cursors.Remove(cursor);
            dirty.Add(cursor.StreamId);
        }
    }

    private StreamLog LogOf(StreamId streamId)
    {
        if (!logs.TryGetValue(streamId, out var log))
        {
            log = new StreamLog();
            logs.Add(streamId, log);
        }

        return log;
    }
}
