using System.Text;
using Billing.Records;

namespace Billing.UnitTests.Records;

/// <summary>A refused record's reason names the format it was meant to be, so a producer knows what to fix.</summary>
public sealed class FormatGuessTests
{
    private const string Json = """{"customer":"Emma","type":"CALL","amount":"3.57","time":"2026-11-03T10:00:00Z"}""";

    [Fact]
    public void Decode_JsonWithAByteOrderMark_IsMalformedJsonNamingTheMark()
    {
        var result = Codec.Default.Decode(null, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Json)]);

        Assert.Equal(RejectionReason.MalformedJson, result.Rejection!.Reason);
        Assert.Equal("the value starts with a UTF-8 byte-order mark; send JSON without one", result.Rejection.Detail);
    }

    [Fact]
    public void Decode_CsvWithAByteOrderMark_IsMalformedCsvNamingTheMark()
    {
        var result = Codec.Default.Decode(null, [0xEF, 0xBB, 0xBF, .. "1700000000000,Emma,3.57,CALL"u8]);

        Assert.Equal(RejectionReason.MalformedCsv, result.Rejection!.Reason);
        Assert.Contains("byte-order mark", result.Rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[" + Json + "]")]
    [InlineData("[]")]
    [InlineData(" [" + Json + "]")]
    public void Decode_JsonArray_IsMalformedJsonAskingForOneObjectPerRecord(string value)
    {
        var result = Codec.Decode(null, value);

        Assert.Equal(RejectionReason.MalformedJson, result.Rejection!.Reason);
        Assert.Equal("the value is a JSON array; send one event object per record", result.Rejection.Detail);
    }

    [Theory]
    [InlineData(" " + Json)]
    [InlineData("\r\n\t" + Json + "\n")]
    public void Decode_JsonAfterWhiteSpace_IsRead(string value)
    {
        var result = Codec.Decode(null, value);

        Assert.True(result.IsValid, result.ToString());
        Assert.Equal(("Emma", 3.57m), (result.Event.Customer, result.Event.Amount));
    }
}
