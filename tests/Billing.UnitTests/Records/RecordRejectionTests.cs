using Billing.Records;

namespace Billing.UnitTests.Records;

public class RecordRejectionTests
{
    [Theory]
    [InlineData(RejectionReason.InvalidUtf8, "invalid-utf8")]
    [InlineData(RejectionReason.EmptyRecord, "empty-record")]
    [InlineData(RejectionReason.MalformedCsv, "malformed-csv")]
    [InlineData(RejectionReason.MalformedJson, "malformed-json")]
    [InlineData(RejectionReason.MissingField, "missing-field")]
    [InlineData(RejectionReason.EmptyField, "empty-field")]
    [InlineData(RejectionReason.InvalidCustomer, "invalid-customer")]
    [InlineData(RejectionReason.UnknownType, "unknown-type")]
    [InlineData(RejectionReason.CustomerMismatch, "customer-mismatch")]
    [InlineData(RejectionReason.InvalidAmount, "invalid-amount")]
    [InlineData(RejectionReason.TooManyMinorDigits, "too-many-minor-digits")]
    [InlineData(RejectionReason.NonPositiveAmount, "non-positive-amount")]
    [InlineData(RejectionReason.AmountTooLarge, "amount-too-large")]
    [InlineData(RejectionReason.WrongCurrency, "wrong-currency")]
    [InlineData(RejectionReason.InvalidTime, "invalid-time")]
    [InlineData(RejectionReason.TimeOutOfRange, "time-out-of-range")]
    [InlineData(RejectionReason.ImplausibleTime, "implausible-time")]
    public void Code_EachReason_IsStableKebabCase(RejectionReason reason, string expected)
    {
        Assert.Equal(expected, new RecordRejection(reason, "d").Code);
    }

    [Fact]
    public void Code_AllReasons_AreDistinctAndKnown()
    {
        var codes = Enum.GetValues<RejectionReason>().Select(RecordRejection.CodeOf).ToList();

        Assert.Equal(17, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain("unknown", codes);
    }

    [Fact]
    public void ToString_Rejection_IsCodeColonDetail()
    {
        Assert.Equal("unknown-type: type 'X'", new RecordRejection(RejectionReason.UnknownType, "type 'X'").ToString());
    }

    [Theory]
    [InlineData("1,Emma,1.00,call", "type 'call' is not one of MESSAGE, DATA, CALL, PACK, MISC")]
    [InlineData("1,Emma,3.571,CALL", "amount '3.571' has more than 2 decimals")]
    [InlineData("1,Emma,2000000,CALL", "amount '2000000' is above the maximum 1000000.00")]
    [InlineData("1,Emma,-1,CALL", "amount '-1' is not positive")]
    [InlineData("1,Emma,1e3,CALL", "amount '1e3' is not a plain decimal")]
    [InlineData("1,Em\tma,1.00,CALL", "customer 'Em\\u0009ma' contains control characters")]
    [InlineData("1,,1.00,CALL", "field 'customer' is empty")]
    [InlineData("x,Emma,1.00,CALL", "time 'x' is not epoch milliseconds")]
    [InlineData("-1,Emma,1.00,CALL", "time '-1' is outside [1970-01-01T00:00:00.000Z, 2200-01-01T00:00:00.000Z)")]
    [InlineData("1,Emma", "expected 4 comma-separated fields (timestampMs,customer,amount,TYPE), got 2")]
    [InlineData("""{"customer":"Emma","customer":"Emma"}""", "field 'customer' appears more than once")]
    [InlineData("""{"customer":"Emma","type":"CALL","amount":"1"}""", "field 'time' is missing")]
    [InlineData("""{"customer":"Emma","type":"CALL","amount":"1","time":0,"currency":"USD"}""", "currency 'USD' is not the billing currency EUR")]
    [InlineData("""{"customer":"Emma","type":"CALL","amount":{},"time":0}""", "field 'amount' must be a string or a number, not StartObject")]
    public void Decode_BadRecord_DetailNamesFieldAndValue(string value, string expected)
    {
        Assert.Equal(expected, Codec.Decode(null, value).Rejection?.Detail);
    }

    [Fact]
    public void Decode_KeyMismatch_DetailNamesKeyAndCustomer()
    {
        Assert.Equal("key 'Bob' differs from customer 'Emma'", Codec.Decode("Bob", "1,Emma,1.00,CALL").Rejection?.Detail);
    }

    [Fact]
    public void Decode_HugeField_DetailIsTruncated()
    {
        var customer = new string('x', 5000);

        var detail = Codec.Decode(null, $"1,{customer},1.00,CALL").Rejection?.Detail;

        Assert.Equal($"customer '{new string('x', 40)}'… is longer than 200 characters", detail);
    }
}
