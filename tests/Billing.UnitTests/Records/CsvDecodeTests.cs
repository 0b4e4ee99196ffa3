using Billing.Events;

namespace Billing.UnitTests.Records;

public class CsvDecodeTests
{
    [Theory]
    [InlineData("123456789,Emma,3.57,CALL")]
    [InlineData("123456789,Emma,3.57,CALL\n")]
    [InlineData("123456789,Emma,3.57,CALL\r\n")]
    public void Decode_PrototypeLine_GivesExactEvent(string value)
    {
        var result = Codec.Decode(null, value);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(new BillableEvent("Emma", EventType.Call, 3.57m, Codec.Utc("1970-01-02T10:17:36.789Z")), result.Event);
        Assert.Equal(TimeSpan.Zero, result.Event.Time.Offset);
        Assert.Null(result.Event.Id);
    }

    [Theory]
    [InlineData("3.5", "3.50")]
    [InlineData("3", "3")]
    [InlineData("0.01", "0.01")]
    [InlineData("007.10", "7.1")]
    [InlineData("1000000.00", "1000000")]
    public void Decode_CsvAmount_GivesExactDecimal(string amount, string expected)
    {
        var result = Codec.Decode(null, $"0,Emma,{amount},DATA");

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), result.Event.Amount);
    }

    [Fact]
    public void Decode_CsvAmountWithFewerDecimals_KeepsCurrencyScale()
    {
        var result = Codec.Decode(null, "0,Emma,3.5,DATA");

        Assert.Equal("3.50", result.Event?.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("0", "1970-01-01T00:00:00.000Z")]
    [InlineData("000", "1970-01-01T00:00:00.000Z")]
    [InlineData("7258118399999", "2199-12-31T23:59:59.999Z")]
    [InlineData("1793700000000", "2026-11-03T10:00:00.000Z")]
    public void Decode_CsvTimeAtEdges_GivesExactUtcTime(string millis, string expected)
    {
        var result = Codec.Decode(null, $"{millis},Emma,1.00,PACK");

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(Codec.Utc(expected), result.Event.Time);
        Assert.Equal(TimeSpan.Zero, result.Event.Time.Offset);
    }

    [Theory]
    [InlineData("MESSAGE", EventType.Message)]
    [InlineData("DATA", EventType.Data)]
    [InlineData("CALL", EventType.Call)]
    [InlineData("PACK", EventType.Pack)]
    [InlineData("MISC", EventType.Misc)]
    public void Decode_CsvWireName_GivesEventType(string wireName, EventType expected)
    {
        var result = Codec.Decode(null, $"1,Emma,1.00,{wireName}");

        Assert.Equal(expected, result.Event?.Type);
    }

    [Theory]
    [InlineData("Emma")]
    [InlineData("")]
    public void Decode_CsvKeyEqualOrEmpty_Accepts(string key)
    {
        var result = Codec.Decode(key, "123456789,Emma,3.57,CALL");

        Assert.Equal("Emma", result.Event?.Customer);
    }

    [Theory]
    [InlineData("Zoë 東京")]
    [InlineData("a\"b{c}")]
    [InlineData("😀")]
    public void Decode_CsvUnusualCustomer_KeepsItExactly(string customer)
    {
        var result = Codec.Decode(customer, $"1,{customer},1.00,MISC");

        Assert.Equal(customer, result.Event?.Customer);
    }

    [Fact]
    public void Decode_CsvCustomerOfMaxLength_Accepts()
    {
        var customer = new string('x', 200);

        var result = Codec.Decode(null, $"1,{customer},1.00,MISC");

        Assert.Equal(customer, result.Event?.Customer);
    }
}
