using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>
/// The records of one poll that go to one stream, in partition order. Each item's sequence token is
/// (offset, lane): the record's offset and the index of this stream among the record's routes, so tokens are
/// unique and ordered within a partition.
/// </summary>
[GenerateSerializer]
[Alias("billing.kafka.batch-container")]
internal sealed class KafkaBatchContainer : IBatchContainer
{
    // Receiver-side bookkeeping; never serialized, so it only exists on the silo that read the records.
    [NonSerialized]
    private DeliverySlice? slice;

    [NonSerialized]
    private List<KafkaRecord>? sources;

    [NonSerialized]
    private KafkaQueueReceiver? receiver;

    [NonSerialized]
    private int settled;

    [NonSerialized]
    private StreamSequenceToken? sequenceToken;

    public KafkaBatchContainer(StreamId streamId, List<object> items, long[] offsets, int[] lanes)
    {
        StreamId = streamId;
        Items = items;
        Offsets = offsets;
        Lanes = lanes;
    }

    [Id(0)]
    public StreamId StreamId { get; }

    [Id(1)]
    public List<object> Items { get; }

    [Id(2)]
    public long[] Offsets { get; }

    [Id(3)]
    public int[] Lanes { get; }

    // Asked for at every turn of the cache and the agent: made once, not per call.
    public StreamSequenceToken SequenceToken => sequenceToken ??= new EventSequenceTokenV2(Offsets[0], Lanes[0]);

    /// <summary>
    /// One container holding the items of <paramref name="containers"/> (all of one stream, in token order), in
    /// order: what a cursor hands a consumer when several of its stream's containers are pending. The originals
    /// keep their own bookkeeping: each is reported delivered, and settles its slice, on its own.
    /// </summary>
    internal static KafkaBatchContainer Coalesce(IEnumerable<KafkaBatchContainer> containers)
    {
        var items = new List<object>();
        var offsets = new List<long>();
        var lanes = new List<int>();
        var records = new List<KafkaRecord>();
        KafkaBatchContainer? first = null;
        foreach (var container in containers)
        {
            first ??= container;
            items.AddRange(container.Items);
            offsets.AddRange(container.Offsets);
            lanes.AddRange(container.Lanes);
            records.AddRange(container.Sources);
        }

        if (first is null)
        {
            throw new ArgumentException("Nothing to coalesce.", nameof(containers));
        }

        return new KafkaBatchContainer(first.StreamId, items, [.. offsets], [.. lanes]) { sources = records, receiver = first.receiver };
    }

    /// <summary>The records this container carries, kept until it settles so that an operator's skip can dead-letter them.</summary>
    internal IReadOnlyList<KafkaRecord> Sources => sources ?? [];

    /// <summary>The receiver that read the records, on the silo that read them; null where the container was deserialized.</summary>
    internal KafkaQueueReceiver? Receiver => receiver;

    internal void AttachTo(DeliverySlice owner, List<KafkaRecord> records, KafkaQueueReceiver? reader)
    {
        slice = owner;
        sources = records;
        receiver = reader;
    }

    /// <summary>Settles this container's part of its slice after delivery, once.</summary>
    internal bool TrySettleDelivered()
    {
        if (Interlocked.Exchange(ref settled, 1) == 1 || slice is null)
        {
            return false;
        }

        slice.SettlePart();
        sources = null;
        return true;
    }

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        for (var i = 0; i < Items.Count; i++)
        {
            if (Items[i] is T item)
            {
                yield return Tuple.Create<T, StreamSequenceToken>(item, new EventSequenceTokenV2(Offsets[i], Lanes[i]));
            }
        }
    }

    public bool ImportRequestContext() => false;

    public override string ToString() => $"KafkaBatchContainer({StreamId}, {Items.Count} items from offset {Offsets[0]})";
}
