
namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>
/// Groups the records of one poll of one partition into one batch container per stream, keeping partition
/// order within each stream, and stops taking records once their items would exceed what the queue cache can
/// take (back-pressure).
/// </summary>
internal sealed class PollAssembler(int maxItems, KafkaQueueReceiver? receiver = null)
{
    private readonly Dictionary<StreamId, ContainerBuilder> byStream = [];
    private readonly List<ContainerBuilder> inOrder = [];
    private readonly List<RejectedRecord> rejected = [];
    private long firstOffset = -1;
    private long lastOffset = -1;
    private DateTimeOffset? latestEventTime;

    public int RecordCount { get; private set; }

    /// <summary>Items taken so far: one per route of every record taken.</summary>
    public int ItemCount { get; private set; }

    /// <summary>
    /// Adds <paramref name="record"/> unless its items (one per route) would overflow the item budget. The first
    /// record is always taken, so a poll can never stall on one record with many streams.
    /// </summary>
    public bool TryAdd(KafkaRecord record, KafkaRecordMapping mapping)
    {
        if (RecordCount > 0 && !mapping.IsRejected && ItemCount + mapping.Routes.Count > maxItems)
        {
            return false;
        }

        if (firstOffset < 0)
        {
            firstOffset = record.Offset;
        }

        lastOffset = record.Offset;
        RecordCount++;

        if (mapping.IsRejected)
        {
            rejected.Add(new RejectedRecord(record, mapping.RejectionCode!, mapping.RejectionDetail ?? ""));
            return true;
        }

        latestEventTime = EventTimes.Later(latestEventTime, mapping.EventTime);

        var routes = mapping.Routes;
        ItemCount += routes.Count;
        for (var lane = 0; lane < routes.Count; lane++)
        {
            var route = routes[lane];
            if (!byStream.TryGetValue(route.StreamId, out var builder))
            {
                builder = new ContainerBuilder(route.StreamId);
                byStream.Add(route.StreamId, builder);
                inOrder.Add(builder);
            }

            builder.Add(record, route.Item, lane);
        }

        return true;
    }

    public AssembledPoll Complete()
    {
        if (RecordCount == 0)
        {
            return AssembledPoll.Empty;
        }

        var slice = new DeliverySlice(firstOffset, lastOffset + 1, RecordCount, inOrder.Count + rejected.Count, latestEventTime);
        var containers = new List<KafkaBatchContainer>(inOrder.Count);
        foreach (var builder in inOrder)
        {
            containers.Add(builder.Build(slice, receiver));
        }

        // The cache positions cursors by token, so containers enter it in token order.
        containers.Sort(static (a, b) => a.SequenceToken.CompareTo(b.SequenceToken));
        return new AssembledPoll(containers, rejected, slice);
    }

    private sealed class ContainerBuilder(StreamId streamId)
    {
        private readonly List<object> items = [];
        private readonly List<long> offsets = [];
        private readonly List<int> lanes = [];
        private readonly List<KafkaRecord> sources = [];

        public void Add(KafkaRecord record, object item, int lane)
        {
            items.Add(item);
            offsets.Add(record.Offset);
            lanes.Add(lane);
            sources.Add(record);
        }

        public KafkaBatchContainer Build(DeliverySlice slice, KafkaQueueReceiver? receiver)
        {
            var container = new KafkaBatchContainer(streamId, items, [.. offsets], [.. lanes]);
            container.AttachTo(slice, sources, receiver);
            return container;
        }
    }
}
