using System.Text;
using Billing.Events;
using Billing.Grains.Ingestion;
using Billing.Grains.Streaming.Kafka;
using Billing.Grains.Time;
using Billing.Records;
using Confluent.Kafka;
using Microsoft.Extensions.Time.Testing;

namespace Billing.UnitTests.Ingestion;

/// <summary>The billing mapping of one record: routed with its event time, or dead-lettered with a reason of its own.</summary>
public sealed class BillingRecordMapperTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider time = new(Now);

    private BillingRecordMapper Mapper => new(
        new BillableEventCodec(new RecordCodecOptions()),
        new EventTimePlausibility(TimeSpan.FromHours(1), TimeSpan.FromDays(400)),
        new WallProcessingClock(time));

    [Fact]
    public void Map_RecentRecord_GoesToItsCustomerAndTypeWithItsEventTime()
    {
        var mapping = Mapper.Map(Record("Emma", $"{Now.AddDays(-2).ToUnixTimeMilliseconds()},Emma,0.01,CALL"));

        Assert.False(mapping.IsRejected);
        Assert.Equal(Now.AddDays(-2), mapping.EventTime);
        Assert.Equal(
            [("customer", "Emma"), ("type", "CALL")],
            mapping.Routes.Select(route => (route.StreamId.GetNamespace(), route.StreamId.GetKeyAsString())));
        var item = Assert.IsType<IngestedEvent>(mapping.Routes[0].Item);
        Assert.Equal(0.01m, item.Event.Amount);
    }

    [Fact]
    public void Map_RecordAYearAhead_IsImplausibleAndCarriesNoEventTime()
    {
        var mapping = Mapper.Map(Record("Emma", $"{Now.AddYears(1).ToUnixTimeMilliseconds()},Emma,0.01,CALL"));

        Assert.True(mapping.IsRejected);
        Assert.Equal("implausible-time", mapping.RejectionCode);
        Assert.Null(mapping.EventTime);
        Assert.Empty(mapping.Routes);
    }

    [Fact]
    public void Map_CsvTimeInSecondsInsteadOfMilliseconds_IsImplausibleNotA1970Adjustment()
    {
        var mapping = Mapper.Map(Record("Emma", $"{Now.ToUnixTimeSeconds()},Emma,3.57,CALL"));

        Assert.Equal("implausible-time", mapping.RejectionCode);
        Assert.StartsWith("time 1970-01-21T", mapping.RejectionDetail, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_TheClockMovesOn_ARecordAheadBecomesPlausible()
    {
        var record = Record("Emma", $"{Now.AddHours(3).ToUnixTimeMilliseconds()},Emma,1.00,CALL");
        Assert.True(Mapper.Map(record).IsRejected);

        time.Advance(TimeSpan.FromHours(2));

        Assert.False(Mapper.Map(record).IsRejected);
    }

    [Fact]
    public void Map_CodecRejection_KeepsTheCodecsReason()
    {
        var mapping = Mapper.Map(Record("a/b", $"{Now.ToUnixTimeMilliseconds()},a/b,1.00,CALL"));

        Assert.Equal("invalid-customer", mapping.RejectionCode);
    }

    [Fact]
    public void Map_ReplayedCsvRecord_TakesItsIdFromTheOriginHeader()
    {
        var mapping = Mapper.Map(Record("Emma", $"{Now.AddDays(-2).ToUnixTimeMilliseconds()},Emma,1.00,CALL", Origin("3/1204")));

        Assert.All(mapping.Routes, route => Assert.Equal("origin:3/1204", Assert.IsType<IngestedEvent>(route.Item).Event.Id));
        Assert.Equal(42, Assert.IsType<IngestedEvent>(mapping.Routes[0].Item).Offset);
    }

    [Fact]
    public void Map_ReplayedJsonRecordWithAnIdOfItsOwn_KeepsItsId()
    {
        var json = $$"""{"id":"evt-7","customer":"Emma","type":"CALL","amount":"1.00","time":"{{Now.AddDays(-2):yyyy-MM-ddTHH:mm:ssZ}}"}""";

        var mapping = Mapper.Map(Record("Emma", json, Origin("3/1204")));

        Assert.All(mapping.Routes, route => Assert.Equal("evt-7", Assert.IsType<IngestedEvent>(route.Item).Event.Id));
    }

    [Fact]
    public void Map_JsonRecordWithoutIdAndWithoutOrigin_HasNoId()
    {
        var json = $$"""{"customer":"Emma","type":"CALL","amount":"1.00","time":"{{Now.AddDays(-2):yyyy-MM-ddTHH:mm:ssZ}}"}""";

        var mapping = Mapper.Map(Record("Emma", json));

        Assert.Null(Assert.IsType<IngestedEvent>(mapping.Routes[0].Item).Event.Id);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("3/x")]
    [InlineData("-3/12")]
    [InlineData("")]
    public void Map_MalformedOriginHeader_IsAsIfAbsent(string origin)
    {
        var mapping = Mapper.Map(Record("Emma", $"{Now.AddDays(-2).ToUnixTimeMilliseconds()},Emma,1.00,CALL", Origin(origin)));

        Assert.False(mapping.IsRejected);
        Assert.Null(Assert.IsType<IngestedEvent>(mapping.Routes[0].Item).Event.Id);
    }

    [Fact]
    public void Map_ReplayedRecordStillBad_IsRejectedAsBefore()
    {
        var mapping = Mapper.Map(Record("Emma", $"{Now.ToUnixTimeMilliseconds()},Emma,1.00,FAX", Origin("0/5")));

        Assert.Equal("unknown-type", mapping.RejectionCode);
    }

    private static Headers Origin(string text) => new() { { KafkaDeadLetterHeaders.Origin, Encoding.UTF8.GetBytes(text) } };

    private static KafkaRecord Record(string key, string value, Headers? headers = null) =>
        new(0, 42, Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(value), headers, new Timestamp(Now.UtcDateTime));
}
