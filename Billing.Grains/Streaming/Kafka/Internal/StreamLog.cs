using Orleans.Streams;

namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>
/// The cached containers of one stream in token order, addressed by absolute index (never reused), and the
/// cursors reading them. A cursor only ever looks at its own stream's log, so reading costs nothing per
/// container of other streams.
/// </summary>
internal sealed class StreamLog
{
    private readonly List<CacheEntry> entries = [];
    private int head;

    public HashSet<StreamIndexedCacheCursor> Cursors { get; } = [];

    /// <summary>The absolute index of the oldest entry still held.</summary>
    public long FirstIndex { get; private set; }

    /// <summary>The absolute index the next added entry gets.</summary>
    public long EndIndex => FirstIndex + Count;

    public int Count => entries.Count - head;

    public CacheEntry this[long index] => entries[head + (int)(index - FirstIndex)];

    /// <summary>The containers at absolute indexes [<paramref name="from"/>, <paramref name="end"/>), in order.</summary>
    public IEnumerable<KafkaBatchContainer> Range(long from, long end)
    {
        for (var index = from; index < end; index++)
        {
            yield return this[index].Batch;
        }
    }

    public CacheEntry Append(KafkaBatchContainer batch)
    {
        var entry = new CacheEntry(batch, EndIndex);
        entries.Add(entry);
        return entry;
    }

    /// <summary>
    /// Where a cursor asking for <paramref name="token"/> starts: the newest entry at or before the token (the
    /// container holding that event), else the oldest entry; with no entries, the end (it waits for data).
    /// </summary>
    public long PositionFor(StreamSequenceToken token)
    {
        for (var index = EndIndex - 1; index >= FirstIndex; index--)
        {
            if (this[index].Token.CompareTo(token) <= 0)
            {
                return index;
            }
        }

        return FirstIndex;
    }

    /// <summary>The first index some cursor may still read (its current entry included); the end without cursors.</summary>
    public long ProtectedFrom()
    {
        var from = EndIndex;
        foreach (var cursor in Cursors)
        {
            from = Math.Min(from, cursor.ProtectedFrom);
        }

        return from;
    }

    /// <summary>
    /// Removes the entries before <paramref name="index"/>, adds those delivered to <paramref name="delivered"/>,
    /// and counts in <paramref name="neverYielded"/> those no cursor had handed to a consumer; the number of items
    /// the removed entries held.
    /// </summary>
    public int RemoveBefore(long index, List<IBatchContainer> delivered, out int neverYielded)
    {
        var removed = 0;
        neverYielded = 0;
        while (FirstIndex < index && Count > 0)
        {
            var entry = entries[head];
            if (!entry.DeliveryFailed)
            {
                delivered.Add(entry.Batch);
            }

            if (!entry.Yielded)
            {
                neverYielded++;
            }

            entries[head] = null!;
            head++;
            FirstIndex++;
            removed += entry.Batch.Items.Count;
        }

        // Reclaim the removed prefix once it dominates the list.
        if (head > 64 && head > entries.Count / 2)
        {
            entries.RemoveRange(0, head);
            head = 0;
        }

        return removed;
    }
}
