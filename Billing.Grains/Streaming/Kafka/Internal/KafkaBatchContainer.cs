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

    // 0: pending, 1: claimed for dead-lettering, 2: settled.
    [NonSerialized]
    private int state;

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

    public StreamSequenceToken SequenceToken => new EventSequenceTokenV2(Offsets[0], Lanes[0]);

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
        StreamId? streamId = null;
        foreach (var container in containers)
        {
            streamId ??= container.StreamId;
            items.AddRange(container.Items);
            offsets.AddRange(container.Offsets);
            lanes.AddRange(container.Lanes);
        }

        return new KafkaBatchContainer(streamId ?? throw new ArgumentException("Nothing to coalesce.", nameof(containers)), items, [.. offsets], [.. lanes]);
    }

    /// <summary>The records this container carries, kept until it settles so that they can be dead-lettered.</summary>
    internal IReadOnlyList<KafkaRecord> Sources => sources ?? [];

    internal void AttachTo(DeliverySlice owner, List<KafkaRecord> records)
    {
        slice = owner;
        sources = records;
    }

    /// <summary>
    /// Settles this container's part of its slice after delivery. A container is settled once: either by
    /// delivery or, after it was dead-lettered, by <see cref="CompleteDeadLetter"/>.
    /// </summary>
    internal bool TrySettleDelivered() => Interlocked.CompareExchange(ref state, 2, 0) == 0 && Settle();

    /// <summary>Claims the container for dead-lettering, once; the caller completes it when the dead letters are written.</summary>
    internal bool TryClaimForDeadLetter() => slice is not null && Interlocked.CompareExchange(ref state, 1, 0) == 0;

    internal void CompleteDeadLetter()
    {
        if (Interlocked.CompareExchange(ref state, 2, 1) == 1)
        {
            Settle();
        }
    }

    private bool Settle()
    {
        slice?.SettlePart();
        sources = null;
        return slice is not null;
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
