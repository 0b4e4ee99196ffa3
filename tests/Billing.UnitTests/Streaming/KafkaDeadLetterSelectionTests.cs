using Billing.Grains.Streaming.Kafka;

namespace Billing.UnitTests.Streaming;

/// <summary>Which dead letters a listing or a replay chooses: all, one reason, one source partition and range of offsets, since a time.</summary>
public sealed class KafkaDeadLetterSelectionTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static readonly KafkaDeadLetter[] Letters =
    [
        Letter("wrong-currency", 0, 4, Noon.AddHours(-2)),
        Letter("wrong-currency", 1, 9, Noon.AddHours(-1)),
        Letter("implausible-time", 1, 10, Noon),
        Letter("implausible-time", 1, 11, Noon.AddHours(1)),
        Letter("unknown-type", 2, 0, Noon.AddHours(2)),
        Letter("unknown", null, null, Noon.AddHours(3)),
    ];

    [Fact]
    public void All_ChoosesEveryDeadLetter_EvenOneWithoutItsSource()
    {
        Assert.Equal(Letters, Letters.Where(KafkaDeadLetterSelection.All.Matches));
        Assert.Equal("all dead letters", KafkaDeadLetterSelection.All.ToString());
    }

    [Fact]
    public void OfReason_ChoosesExactlyThatCode()
    {
        Assert.Equal([Letters[2], Letters[3]], Letters.Where(KafkaDeadLetterSelection.OfReason("implausible-time").Matches));
        Assert.DoesNotContain(Letters, KafkaDeadLetterSelection.OfReason("Implausible-Time").Matches);
        Assert.DoesNotContain(Letters, KafkaDeadLetterSelection.OfReason("implausible").Matches);
        Assert.Equal("reason implausible-time", KafkaDeadLetterSelection.OfReason("implausible-time").ToString());
    }

    [Fact]
    public void OfPartition_WithoutOffsets_ChoosesEveryDeadLetterReadFromIt()
    {
        Assert.Equal([Letters[1], Letters[2], Letters[3]], Letters.Where(KafkaDeadLetterSelection.OfPartition(1).Matches));
        Assert.DoesNotContain(Letters, KafkaDeadLetterSelection.OfPartition(5).Matches);
    }

    [Fact]
    public void OfPartition_OffsetRange_IsInclusiveAtBothEnds()
    {
        Assert.Equal([Letters[1], Letters[2]], Letters.Where(KafkaDeadLetterSelection.OfPartition(1, 9, 10).Matches));
        Assert.Equal([Letters[2]], Letters.Where(KafkaDeadLetterSelection.OfPartition(1, 10, 10).Matches));
        Assert.Equal([Letters[2], Letters[3]], Letters.Where(KafkaDeadLetterSelection.OfPartition(1, fromOffset: 10).Matches));
        Assert.Equal([Letters[1]], Letters.Where(KafkaDeadLetterSelection.OfPartition(1, toOffset: 9).Matches));
        Assert.Equal("partition 1, offsets 9 to 10", KafkaDeadLetterSelection.OfPartition(1, 9, 10).ToString());
        Assert.Equal("partition 1, offsets from 10", KafkaDeadLetterSelection.OfPartition(1, fromOffset: 10).ToString());
        Assert.Equal("partition 1, offsets up to 9", KafkaDeadLetterSelection.OfPartition(1, toOffset: 9).ToString());
    }

    [Fact]
    public void OfPartition_NeverChoosesADeadLetterWhoseHeadersDoNotNameItsSource()
    {
        Assert.DoesNotContain(Letters[5], Letters.Where(KafkaDeadLetterSelection.OfPartition(0).Matches));
        Assert.False(KafkaDeadLetterSelection.OfPartition(1).Matches(Letter("x", 1, null, Noon)));
    }

    [Fact]
    public void SetAsideSince_IsInclusive_AndNarrowsAnySelection()
    {
        Assert.Equal([Letters[2], Letters[3], Letters[4], Letters[5]], Letters.Where(KafkaDeadLetterSelection.All.SetAsideSince(Noon).Matches));
        Assert.Equal([Letters[3]], Letters.Where(KafkaDeadLetterSelection.OfReason("implausible-time").SetAsideSince(Noon.AddTicks(1)).Matches));
        Assert.Equal(
            "reason implausible-time; set aside since 2026-12-07T12:00:00Z",
            KafkaDeadLetterSelection.OfReason("implausible-time").SetAsideSince(Noon).ToString());
    }

    [Fact]
    public void BadSelections_AreRefused()
    {
        Assert.ThrowsAny<ArgumentException>(() => KafkaDeadLetterSelection.OfReason(" "));
        Assert.ThrowsAny<ArgumentException>(() => KafkaDeadLetterSelection.OfPartition(-1));
        Assert.ThrowsAny<ArgumentException>(() => KafkaDeadLetterSelection.OfPartition(0, fromOffset: -1));
        Assert.ThrowsAny<ArgumentException>(() => KafkaDeadLetterSelection.OfPartition(0, 5, 4));
    }

    private static KafkaDeadLetter Letter(string reason, int? partition, long? offset, DateTimeOffset at) =>
        new(reason, "detail", partition, offset, at);
}
