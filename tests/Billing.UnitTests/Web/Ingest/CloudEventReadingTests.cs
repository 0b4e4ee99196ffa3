using System.Text;
using System.Text.Json;
using Billing.Events;
using Billing.Records;
using Billing.Web.Ingest;

namespace Billing.UnitTests.Web.Ingest;

/// <summary>CloudEvents (structured mode, spec 1.0) mapped to records and read by the codec.</summary>
public sealed class CloudEventReadingTests
{
    private const string Usage = """
        {"specversion":"1.0","id":"ce-1","source":"/meters/7","type":"com.example.usage","subject":"Emma",
         "time":"2026-11-03T10:00:00Z","datacontenttype":"application/json","data":{"type":"CALL","amount":"3.57"}}
        """;

    private static readonly IngestBatchReader Reader = new(new BillableEventCodec(new RecordCodecOptions()), maxBatchSize: 2);

    [Fact]
    public void OneCloudEvent_MapsIdSubjectTimeAndData()
    {
        var read = Reader.Read(Encoding.UTF8.GetBytes(Usage), IngestFormat.CloudEvent);

        Assert.True(read.IsValid);
        Assert.Equal(new BillableEvent("Emma", EventType.Call, 3.57m, new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.Zero), "ce-1"), Assert.Single(read.Events));
    }

    [Fact]
    public void Map_WritesTheKafkaJsonRecord_AmountAsItsRawNumberAndTheCurrencyWhenGiven()
    {
        using var cloudEvent = JsonDocument.Parse("""
            {"specversion":"1.0","id":"ce-2","source":"s","type":"t","subject":"Olivia","time":"2026-11-03T10:00:00+01:00",
             "data":{"type":"DATA","amount":12.50,"currency":"EUR","note":"ignored"}}
            """);

        var (record, rejection) = CloudEventMapper.Map(cloudEvent.RootElement);

        Assert.Null(rejection);
        Assert.Equal(
            """{"id":"ce-2","customer":"Olivia","type":"DATA","amount":12.50,"currency":"EUR","time":"2026-11-03T10:00:00+01:00"}""",
            Encoding.UTF8.GetString(record!));
    }

    [Fact]
    public void Batch_IsReadInOrder()
    {
        var second = Usage.Replace("ce-1", "ce-2", StringComparison.Ordinal).Replace("Emma", "Olivia", StringComparison.Ordinal);

        var read = Reader.Read(Encoding.UTF8.GetBytes($"[{Usage},{second}]"), IngestFormat.CloudEventBatch);

        Assert.True(read.IsValid);
        Assert.Equal([("ce-1", "Emma"), ("ce-2", "Olivia")], read.Events.Select(e => (e.Id!, e.Customer)));
    }

    [Theory]
    [InlineData("specversion", null, "missing-field", "attribute 'specversion' is missing")]
    [InlineData("specversion", "\"0.3\"", "malformed-json", "attribute 'specversion' must be \"1.0\", not '0.3'")]
    [InlineData("id", null, "missing-field", "attribute 'id' is missing")]
    [InlineData("id", "\"\"", "empty-field", "attribute 'id' is empty")]
    [InlineData("source", null, "missing-field", "attribute 'source' is missing")]
    [InlineData("type", null, "missing-field", "attribute 'type' is missing")]
    [InlineData("subject", null, "missing-field", "attribute 'subject' (the customer) is missing")]
    [InlineData("subject", "42", "malformed-json", "attribute 'subject' (the customer) must be a string, not a JSON number")]
    [InlineData("time", null, "missing-field", "attribute 'time' is missing")]
    [InlineData("time", "\"yesterday\"", "invalid-time", "time 'yesterday' is neither epoch milliseconds nor an ISO-8601 instant with an offset")]
    [InlineData("datacontenttype", "\"text/csv\"", "malformed-json", "attribute 'datacontenttype' must be application/json, not 'text/csv'")]
    [InlineData("data", null, "missing-field", "attribute 'data' is missing")]
    [InlineData("data", "\"CALL 3.57\"", "malformed-json", "attribute 'data' must be a JSON object with 'type' and 'amount', not a JSON string")]
    [InlineData("data", "{\"amount\":\"3.57\"}", "missing-field", "field 'data.type' is missing")]
    [InlineData("data", "{\"type\":\"CALL\"}", "missing-field", "field 'data.amount' is missing")]
    [InlineData("data", "{\"type\":\"call\",\"amount\":\"3.57\"}", "unknown-type", "type 'call' is not one of MESSAGE, DATA, CALL, PACK, MISC")]
    [InlineData("data", "{\"type\":\"CALL\",\"amount\":\"0\"}", "non-positive-amount", "amount '0' is not positive")]
    [InlineData("data", "{\"type\":\"CALL\",\"amount\":\"3.57\",\"currency\":\"USD\"}", "wrong-currency", "currency 'USD' is not the billing currency EUR")]
    public void BadCloudEvent_IsRefusedWithTheCodecsReasonCodes(string attribute, string? value, string code, string detail)
    {
        var read = Reader.Read(Encoding.UTF8.GetBytes(With(attribute, value)), IngestFormat.CloudEvent);

        var rejection = Assert.Single(read.Rejections);
        Assert.Equal((0, code, detail), (rejection.Index!.Value, rejection.Code, rejection.Detail));
        Assert.Equal(attribute == "id" ? null : "ce-1", rejection.Id);
    }

    [Fact]
    public void DataBase64_IsRefused() =>
        Assert.Equal("malformed-json", Assert.Single(Reader.Read(Encoding.UTF8.GetBytes(With("data_base64", "\"Q0FMTA==\"")), IngestFormat.CloudEvent).Rejections).Code);

    [Fact]
    public void RepeatedAttribute_IsRefusedAsTheCodecRefusesARepeatedField() =>
        Assert.Equal("malformed-json", Assert.Single(Reader.Read(Encoding.UTF8.GetBytes(Usage.Replace("\"id\":\"ce-1\"", "\"id\":\"ce-1\",\"id\":\"ce-9\"", StringComparison.Ordinal)), IngestFormat.CloudEvent).Rejections).Code);

    [Fact]
    public void BatchWithABadEvent_NamesItByIndexAndId_AndKeepsNothing()
    {
        var bad = With("data", "{\"type\":\"CALL\",\"amount\":\"-1\"}").Replace("ce-1", "ce-bad", StringComparison.Ordinal);

        var read = Reader.Read(Encoding.UTF8.GetBytes($"[{Usage},{bad}]"), IngestFormat.CloudEventBatch);

        var rejection = Assert.Single(read.Rejections);
        Assert.Equal((1, "ce-bad", "non-positive-amount"), (rejection.Index!.Value, rejection.Id, rejection.Code));
        Assert.Empty(read.Events);
    }

    [Theory]
    [InlineData(IngestFormat.CloudEventBatch, "{\"specversion\":\"1.0\"}", "malformed-json")]
    [InlineData(IngestFormat.CloudEvent, "[]", "malformed-json")]
    [InlineData(IngestFormat.CloudEventBatch, "[]", "empty-record")]
    [InlineData(IngestFormat.CloudEvent, "{", "malformed-json")]
    public void WrongShape_IsOneReason(IngestFormat format, string body, string code)
    {
        var rejection = Assert.Single(Reader.Read(Encoding.UTF8.GetBytes(body), format).Rejections);

        Assert.Equal(code, rejection.Code);
    }

    [Fact]
    public void BatchLargerThanTheLimit_IsTooMany() =>
        Assert.True(Reader.Read(Encoding.UTF8.GetBytes($"[{Usage},{Usage},{Usage}]"), IngestFormat.CloudEventBatch).TooManyEvents);

    [Theory]
    [InlineData("application/json", IngestFormat.Json)]
    [InlineData("application/json; charset=utf-8", IngestFormat.Json)]
    [InlineData("Application/JSON", IngestFormat.Json)]
    [InlineData("application/cloudevents+json", IngestFormat.CloudEvent)]
    [InlineData("application/cloudevents+json; charset=UTF-8", IngestFormat.CloudEvent)]
    [InlineData("application/cloudevents-batch+json", IngestFormat.CloudEventBatch)]
    [InlineData("text/plain", null)]
    [InlineData("application/x-www-form-urlencoded", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void ContentType_NamesTheFormat(string? contentType, IngestFormat? format) => Assert.Equal(format, IngestApi.FormatOf(contentType));

    /// <summary>The usage event with <paramref name="attribute"/> set to the raw JSON <paramref name="value"/>, or removed when null.</summary>
    private static string With(string attribute, string? value)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(Usage)!.AsObject();
        node.Remove(attribute);
        if (value is not null)
        {
            node[attribute] = System.Text.Json.Nodes.JsonNode.Parse(value);
        }

        return node.ToJsonString();
    }
}
