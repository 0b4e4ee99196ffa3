using Billing.Grains.Streaming.Kafka;
using Billing.Grains.Streaming.Kafka.Internal;
using Confluent.Kafka;

namespace Billing.UnitTests.Streaming;

public sealed class PollAssemblerTests
{
    private static readonly StreamId StreamA = StreamId.Create("customer", "A");
    private static readonly StreamId StreamB = StreamId.Create("customer", "B");
    private static readonly StreamId TypeX = StreamId.Create("type", "X");

    [Fact]
    public void Complete_RecordsOfTwoStreams_OneContainerPerStreamInPartitionOrder()
    {
        var assembler = new PollAssembler(maxItems: 100);
        assembler.TryAdd(Record(10), RouteTo(10, StreamA, TypeX));
        assembler.TryAdd(Record(11), RouteTo(11, StreamB, TypeX));
        assembler.TryAdd(Record(12), RouteTo(12, StreamA, TypeX));

        var poll = assembler.Complete();

        Assert.Equal(3, poll.Containers.Count);
        var a = Single(poll, StreamA);
        Assert.Equal([10L, 12L], a.Offsets);
        Assert.Equal(["A@10", "A@12"], a.GetEvents<string>().Select(e => e.Item1));
        var x = Single(poll, TypeX);
        Assert.Equal([10L, 11L, 12L], x.Offsets);
        Assert.All(x.Lanes, lane => Assert.Equal(1, lane));
        Assert.Equal(new DeliverySliceShape(10, 13, 3), Shape(poll.Slice!));
    }

    [Fact]
    public void Complete_Containers_AreSortedByUniqueTokens()
    {
        var assembler = new PollAssembler(maxItems: 100);
        assembler.TryAdd(Record(5), RouteTo(5, StreamB, TypeX));
        assembler.TryAdd(Record(6), RouteTo(6, StreamA, TypeX));

        var tokens = assembler.Complete().Containers.Select(c => c.SequenceToken).ToList();

        Assert.Equal(tokens.Count, tokens.Distinct().Count());
        Assert.Equal(tokens.Order(), tokens);
    }

    [Fact]
    public void GetEvents_Tokens_CarryOffsetAndLane()
    {
        var assembler = new PollAssembler(maxItems: 100);
        assembler.TryAdd(Record(7), RouteTo(7, StreamA, TypeX));

        var x = Single(assembler.Complete(), TypeX);
        var token = Assert.Single(x.GetEvents<string>()).Item2;

        Assert.Equal(7, token.SequenceNumber);
        Assert.Equal(1, token.EventIndex);
    }

    [Fact]
    public void TryAdd_ItemsBeyondBudget_RefusesTheRecord()
    {
        var assembler = new PollAssembler(maxItems: 5);
        Assert.True(assembler.TryAdd(Record(0), RouteTo(0, StreamA, TypeX)));
        Assert.True(assembler.TryAdd(Record(1), RouteTo(1, StreamB, TypeX)));
        // Two more items would make six: the record waits for the next poll, even though its streams are known.
        Assert.False(assembler.TryAdd(Record(2), RouteTo(2, StreamA, TypeX)));
        // A record with one route still fits the fifth item.
        Assert.True(assembler.TryAdd(Record(3), RouteTo(3, StreamA)));

        var poll = assembler.Complete();
        Assert.Equal(5, assembler.ItemCount);
        Assert.Equal(3, poll.Containers.Count);
        Assert.Equal(3, poll.Slice!.RecordCount);
    }

    [Fact]
    public void TryAdd_FirstRecordLargerThanBudget_IsTakenSoThePollNeverStalls()
    {
        var assembler = new PollAssembler(maxItems: 1);

        Assert.True(assembler.TryAdd(Record(0), RouteTo(0, StreamA, TypeX)));
        Assert.Equal(2, assembler.Complete().Containers.Count);
    }

    [Fact]
    public void Complete_RejectedRecords_AreSlicePartsButNotContainers()
    {
        var assembler = new PollAssembler(maxItems: 10);
        assembler.TryAdd(Record(0), RouteTo(0, StreamA, TypeX));
        assembler.TryAdd(Record(1), KafkaRecordMapping.Reject("unknown-type", "type 'FOO'"));

        var poll = assembler.Complete();

        var rejected = Assert.Single(poll.Rejected);
        Assert.Equal(1, rejected.Record.Offset);
        Assert.Equal("unknown-type", rejected.Code);
        Assert.Equal(2, poll.Containers.Count);

        // Settling both containers leaves the slice open until the dead letter is written.
        foreach (var container in poll.Containers)
        {
            Assert.True(container.TrySettleDelivered());
        }

        Assert.False(poll.Slice!.IsSettled);
        poll.Slice.SettlePart();
        Assert.True(poll.Slice.IsSettled);
    }

    [Fact]
    public void Complete_EventTimes_SliceCarriesTheLatestOfTheDeliveredRecords()
    {
        var september = new DateTimeOffset(2026, 9, 30, 23, 0, 0, TimeSpan.Zero);
        var assembler = new PollAssembler(maxItems: 10);
        assembler.TryAdd(Record(0), KafkaRecordMapping.RouteTo([new StreamRoute(StreamA, "a")], september));
        assembler.TryAdd(Record(1), KafkaRecordMapping.RouteTo([new StreamRoute(StreamA, "b")], september.AddHours(-5)));
        assembler.TryAdd(Record(2), KafkaRecordMapping.Reject("unparsable-time", "time 'x'"));

        Assert.Equal(september, assembler.Complete().Slice!.LatestEventTime);
    }

    [Fact]
    public void Container_ReportedDeliveredTwice_SettlesItsSliceOnce()
    {
        var assembler = new PollAssembler(maxItems: 10);
        assembler.TryAdd(Record(0), RouteTo(0, StreamA));
        assembler.TryAdd(Record(1), RouteTo(1, StreamB));
        var poll = assembler.Complete();
        var first = poll.Containers[0];

        Assert.True(first.TrySettleDelivered());
        Assert.False(first.TrySettleDelivered());

        Assert.False(poll.Slice!.IsSettled);
        Assert.True(poll.Containers[1].TrySettleDelivered());
        Assert.True(poll.Slice.IsSettled);
    }

    [Fact]
    public void Coalesce_ContainersOfOneStream_CarryEveryItemAndSourceInOrderWithoutSettlingThem()
    {
        var first = new PollAssembler(maxItems: 10);
        first.TryAdd(Record(0), RouteTo(0, StreamA));
        var second = new PollAssembler(maxItems: 10);
        second.TryAdd(Record(1), RouteTo(1, StreamA));
        second.TryAdd(Record(2), RouteTo(2, StreamA));
        var (a, b) = (first.Complete(), second.Complete());

        var coalesced = KafkaBatchContainer.Coalesce([a.Containers[0], b.Containers[0]]);

        Assert.Equal([0L, 1L, 2L], coalesced.Offsets);
        Assert.Equal([0L, 1L, 2L], coalesced.Sources.Select(record => record.Offset));
        Assert.Equal(a.Containers[0].SequenceToken, coalesced.SequenceToken);
        Assert.False(coalesced.TrySettleDelivered());
        Assert.False(a.Slice!.IsSettled);
    }

    [Fact]
    public void Complete_NoRecords_IsEmpty()
    {
        var poll = new PollAssembler(maxItems: 10).Complete();

        Assert.Empty(poll.Containers);
        Assert.Null(poll.Slice);
    }

    private static KafkaRecord Record(long offset) => new(3, offset, null, null, null, Timestamp.Default);

    private static KafkaRecordMapping RouteTo(long offset, params StreamId[] streams) =>
        KafkaRecordMapping.RouteTo(streams.Select(s => new StreamRoute(s, $"{s.GetKeyAsString()}@{offset}")).ToList());

    private static KafkaBatchContainer Single(AssembledPoll poll, StreamId stream) =>
        Assert.Single(poll.Containers, c => c.StreamId.Equals(stream));

    private static DeliverySliceShape Shape(DeliverySlice slice) => new(slice.FirstOffset, slice.NextOffset, slice.RecordCount);

    private sealed record DeliverySliceShape(long First, long Next, int Records);
}
