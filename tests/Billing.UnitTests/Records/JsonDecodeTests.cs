using Billing.Events;

namespace Billing.UnitTests.Records;

public class JsonDecodeTests
{
    [Fact]
    public void Decode_FullJsonRecord_GivesExactEvent()
    {
        const string value = """{"id":"e-1","customer":"Emma","type":"CALL","amount":"3.57","currency":"EUR","time":"2026-11-03T10:00:00Z"}""";

        var result = Codec.Decode("Emma", value);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(new BillableEvent("Emma", EventType.Call, 3.57m, Codec.Utc("2026-11-03T10:00:00Z"), "e-1"), result.Event);
        Assert.Equal(TimeSpan.Zero, result.Event.Time.Offset);
    }

    [Theory]
    [InlineData("\"2026-11-03T10:00:00Z\"", "2026-11-03T10:00:00.0000000Z")]
    [InlineData("\"2026-11-03T11:30:00+01:30\"", "2026-11-03T10:00:00.0000000Z")]
    [InlineData("\"2026-11-03T05:00:00-05:00\"", "2026-11-03T10:00:00.0000000Z")]
    [InlineData("\"2026-11-03T10:00:00.5Z\"", "2026-11-03T10:00:00.5000000Z")]
    [InlineData("\"2026-11-03T10:00:00.123456789Z\"", "2026-11-03T10:00:00.1234567Z")]
    [InlineData("\"2028-02-29T23:59:59.999Z\"", "2028-02-29T23:59:59.9990000Z")]
    [InlineData("\"1970-01-01T01:00:00+01:00\"", "1970-01-01T00:00:00.0000000Z")]
    [InlineData("123456789", "1970-01-02T10:17:36.7890000Z")]
    [InlineData("\"123456789\"", "1970-01-02T10:17:36.7890000Z")]
    [InlineData("0", "1970-01-01T00:00:00.0000000Z")]
    [InlineData("\"0\"", "1970-01-01T00:00:00.0000000Z")]
    public void Decode_JsonTime_GivesExactUtcTime(string time, string expected)
    {
        var result = Codec.Decode(null, $$"""{"customer":"Emma","type":"DATA","amount":"1.00","time":{{time}}}""");

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(Codec.Utc(expected), result.Event.Time);
        Assert.Equal(TimeSpan.Zero, result.Event.Time.Offset);
    }

    [Theory]
    [InlineData("\"3.5\"", "3.5")]
    [InlineData("\"3\"", "3")]
    [InlineData("3.57", "3.57")]
    [InlineData("3", "3")]
    [InlineData("1000000.00", "1000000")]
    public void Decode_JsonAmountStringOrNumber_GivesExactDecimal(string amount, string expected)
    {
        var result = Codec.Decode(null, $$"""{"customer":"Emma","type":"DATA","amount":{{amount}},"time":0}""");

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), result.Event.Amount);
    }

    [Fact]
    public void Decode_JsonWithoutCurrencyOrId_GivesEventWithoutId()
    {
        var result = Codec.Decode(null, """{"time":0,"amount":"0.01","type":"MESSAGE","customer":"Emma"}""");

        Assert.Equal(new BillableEvent("Emma", EventType.Message, 0.01m, DateTimeOffset.UnixEpoch), result.Event);
    }

    [Fact]
    public void Decode_JsonNullIdAndCurrency_TreatsThemAsAbsent()
    {
        var result = Codec.Decode(null, """{"id":null,"currency":null,"customer":"Emma","type":"PACK","amount":"1","time":0}""");

        Assert.Equal(new BillableEvent("Emma", EventType.Pack, 1m, DateTimeOffset.UnixEpoch), result.Event);
    }

    [Fact]
    public void Decode_JsonWithUnknownProperties_IgnoresThem()
    {
        const string value = """
            {"v":2,"customer":"Emma","meta":{"customer":"Bob","a":[1,{"b":null}]},"type":"CALL","tags":["x"],
             "amount":"3.57","time":0,"flag":true}
            """;

        var result = Codec.Decode(null, value);

        Assert.Equal(new BillableEvent("Emma", EventType.Call, 3.57m, DateTimeOffset.UnixEpoch), result.Event);
    }

    [Fact]
    public void Decode_JsonWithEscapes_UnescapesFields()
    {
        const string value = """{"id":"a\"b","customer":"Zo\u00eb \u6771\ud83d\ude00","type":"C\u0041LL","amount":"3.57","time":0}""";

        var result = Codec.Decode("Zoë 東😀", value);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(new BillableEvent("Zoë 東😀", EventType.Call, 3.57m, DateTimeOffset.UnixEpoch, "a\"b"), result.Event);
    }

    [Fact]
    public void Decode_JsonWithWhitespaceAndTrailingNewline_Accepts()
    {
        var result = Codec.Decode(null, "{ \"customer\" : \"Emma\" ,\n \"type\":\"MISC\", \"amount\":\"2\", \"time\":1 }\r\n");

        Assert.Equal(new BillableEvent("Emma", EventType.Misc, 2m, DateTimeOffset.FromUnixTimeMilliseconds(1)), result.Event);
    }
}
