using System.Text;
using Billing.Events;
using Billing.Records;
using Billing.Web.Ingest;

namespace Billing.UnitTests.Web.Ingest;

public sealed class IngestBatchReaderTests
{
    private const string Emma = """{"id":"e-1","customer":"Emma","type":"CALL","amount":"3.57","currency":"EUR","time":"2026-11-03T10:00:00Z"}""";
    private const string Olivia = """{"id":"o-1","customer":"Olivia","type":"DATA","amount":12.5,"time":1793786400000}""";

    private static readonly IngestBatchReader Reader = new(new BillableEventCodec(new RecordCodecOptions()), maxBatchSize: 3);

    [Fact]
    public void OneEvent_IsReadAsTheCodecReadsTheRecord()
    {
        var read = Read(Emma);

        Assert.True(read.IsValid);
        var e = Assert.Single(read.Events);
        Assert.Equal(new BillableEvent("Emma", EventType.Call, 3.57m, new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.Zero), "e-1"), e);
    }

    [Fact]
    public void Batch_IsReadInOrder_NumbersAndEpochMillisIncluded()
    {
        var read = Read($" [ {Emma},\n{Olivia} ] ");

        Assert.True(read.IsValid);
        Assert.Equal(["e-1", "o-1"], read.Events.Select(e => e.Id));
        Assert.Equal(12.50m, read.Events[1].Amount);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1793786400000), read.Events[1].Time);
    }

    [Fact]
    public void InvalidEventsOfABatch_EachNamedByIndexIdAndTheCodecsReason_AndNoEventIsKept()
    {
        var read = Read($$"""[{{Emma}}, {"id":"bad-type","customer":"Emma","type":"SMS","amount":"1.00","time":"2026-11-03T10:00:00Z"}, {{Olivia}}, {"customer":"Emma","type":"CALL","amount":"1.001","time":"2026-11-03T10:00:00Z"}]""", maxBatchSize: 10);

        Assert.False(read.IsValid);
        Assert.Empty(read.Events);
        Assert.Equal(4, read.Count);
        Assert.Equal(
            [(1, "bad-type", "unknown-type"), (3, (string?)null, "too-many-minor-digits")],
            read.Rejections.Select(r => (r.Index!.Value, r.Id, r.Code)));
        Assert.Equal("type 'SMS' is not one of " + EventTypes.AllWireNames, read.Rejections[0].Detail);
    }

    [Fact]
    public void EventWithoutAnId_IsRefusedNamingTheId()
    {
        var read = Read("""{"customer":"Emma","type":"CALL","amount":"3.57","time":"2026-11-03T10:00:00Z"}""");

        var rejection = Assert.Single(read.Rejections);
        Assert.Equal(0, rejection.Index);
        Assert.Equal("missing-field", rejection.Code);
        Assert.StartsWith("field 'id' is missing", rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":null,"customer":"Emma","type":"CALL","amount":"3.57","time":"2026-11-03T10:00:00Z"}""", "missing-field")]
    [InlineData("""{"id":"","customer":"Emma","type":"CALL","amount":"3.57","time":"2026-11-03T10:00:00Z"}""", "empty-field")]
    [InlineData("""{"id":7,"customer":"Emma","type":"CALL","amount":"3.57","time":"2026-11-03T10:00:00Z"}""", "malformed-json")]
    [InlineData("""{"id":"x","customer":"Emma","type":"CALL","amount":"3.57","currency":"USD","time":"2026-11-03T10:00:00Z"}""", "wrong-currency")]
    [InlineData("""{"id":"x","customer":"a/b","type":"CALL","amount":"3.57","time":"2026-11-03T10:00:00Z"}""", "invalid-customer")]
    [InlineData("""{"id":"x","id":"y","customer":"Emma","type":"CALL","amount":"3.57","time":"2026-11-03T10:00:00Z"}""", "malformed-json")]
    [InlineData("""{"id":"x","customer":"Emma","type":"CALL","amount":"3.57","time":"2026-11-03T10:00:00Z"} trailing""", "malformed-json")]
    public void SameRulesAsTheKafkaRecord(string body, string code)
    {
        Assert.Equal(code, Assert.Single(Read(body).Rejections).Code);
        // The codec decides alike for the record itself (an id is optional there, so its missing one is not compared).
        var record = new BillableEventCodec(new RecordCodecOptions()).Decode(null, Encoding.UTF8.GetBytes(body));
        if (code != "missing-field")
        {
            Assert.Equal(code, record.Rejection?.Code);
        }
    }

    [Theory]
    [InlineData("", "empty-record")]
    [InlineData("  \n", "empty-record")]
    [InlineData("[]", "empty-record")]
    [InlineData("\"an event\"", "malformed-json")]
    [InlineData("1700000000000,Emma,3.57,CALL", "malformed-json")]
    [InlineData("[{\"id\":\"x\"", "malformed-json")]
    [InlineData("[{}] [{}]", "malformed-json")]
    public void UnreadableBody_IsOneReasonWithoutAnIndex(string body, string code)
    {
        var read = Read(body);

        var rejection = Assert.Single(read.Rejections);
        Assert.Null(rejection.Index);
        Assert.Equal(code, rejection.Code);
        Assert.Empty(read.Events);
    }

    [Fact]
    public void ElementThatIsNoObject_IsRefusedAtItsIndex()
    {
        var read = Read($"[{Emma}, 42, [{Olivia}]]");

        Assert.Equal([1, 2], read.Rejections.Select(r => r.Index!.Value));
        Assert.All(read.Rejections, r => Assert.Equal("malformed-json", r.Code));
    }

    [Fact]
    public void BatchLargerThanTheLimit_IsTooMany_BeforeAnyEventIsJudged()
    {
        var read = Read($"[{Emma},{Emma},{Emma},{{\"not\":\"judged\"}}]");

        Assert.True(read.TooManyEvents);
        Assert.False(read.IsValid);
        Assert.Equal(4, read.Count);
    }

    [Fact]
    public void BatchOfExactlyTheLimit_IsRead() => Assert.True(Read($"[{Emma},{Emma},{Emma}]").IsValid);

    [Fact]
    public void ImplausibleTime_IsRefusedAsTheSiloWouldDeadLetterIt()
    {
        var reader = new IngestBatchReader(
            new BillableEventCodec(new RecordCodecOptions()),
            maxBatchSize: 3,
            time => time.Year > 2026 ? new RecordRejection(RejectionReason.ImplausibleTime, "time is in the future") : null);

        var read = reader.Read(Encoding.UTF8.GetBytes($$"""[{{Emma}}, {"id":"late","customer":"Emma","type":"CALL","amount":"1.00","time":"2031-01-01T00:00:00Z"}]"""), IngestFormat.Json);

        var rejection = Assert.Single(read.Rejections);
        Assert.Equal((1, "late", "implausible-time"), (rejection.Index!.Value, rejection.Id, rejection.Code));
    }

    private static IngestReadResult Read(string body, int maxBatchSize = 3) =>
        (maxBatchSize == 3 ? Reader : new IngestBatchReader(new BillableEventCodec(new RecordCodecOptions()), maxBatchSize))
            .Read(Encoding.UTF8.GetBytes(body), IngestFormat.Json);
}
