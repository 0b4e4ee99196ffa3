using Billing.Records;

namespace Billing.UnitTests.Records;

public class CsvRejectionTests
{
    [Theory]
    [InlineData("123456789,Emma,3.57", RejectionReason.MalformedCsv)]
    [InlineData("123456789,Emma,3.57,CALL,extra", RejectionReason.MalformedCsv)]
    [InlineData("hello", RejectionReason.MalformedCsv)]
    [InlineData("\n", RejectionReason.MalformedCsv)]
    [InlineData("123456789,Emma,3.57,CALL\n\r\n", RejectionReason.UnknownType)]
    [InlineData(",Emma,3.57,CALL", RejectionReason.EmptyField)]
    [InlineData("123456789,,3.57,CALL", RejectionReason.EmptyField)]
    [InlineData("123456789,Emma,,CALL", RejectionReason.EmptyField)]
    [InlineData("123456789,Emma,3.57,", RejectionReason.EmptyField)]
    [InlineData("123456789,Emma,3.57,\n", RejectionReason.EmptyField)]
    [InlineData("123456789, Emma,3.57,CALL", RejectionReason.InvalidCustomer)]
    [InlineData("123456789,Emma ,3.57,CALL", RejectionReason.InvalidCustomer)]
    [InlineData("123456789,Em\tma,3.57,CALL", RejectionReason.InvalidCustomer)]
    [InlineData("123456789,Em\u0085ma,3.57,CALL", RejectionReason.InvalidCustomer)]
    [InlineData("123456789,Emma,3.57,call", RejectionReason.UnknownType)]
    [InlineData("123456789,Emma,3.57,Call", RejectionReason.UnknownType)]
    [InlineData("123456789,Emma,3.57,SMS", RejectionReason.UnknownType)]
    [InlineData("123456789,Emma,3.57,CALL ", RejectionReason.UnknownType)]
    [InlineData("123456789,Emma,3.57,CALL\r", RejectionReason.UnknownType)]
    [InlineData("123456789,Emma,1e3,CALL", RejectionReason.InvalidAmount)]
    [InlineData("123456789,Emma,+3.57,CALL", RejectionReason.InvalidAmount)]
    [InlineData("123456789,Emma, 3.57,CALL", RejectionReason.InvalidAmount)]
    [InlineData("123456789,Emma,3.57 ,CALL", RejectionReason.InvalidAmount)]
    [InlineData("123456789,Emma,1 000.00,CALL", RejectionReason.InvalidAmount)]
    [InlineData("123456789,Emma,.5,CALL", RejectionReason.InvalidAmount)]
    [InlineData("123456789,Emma,3.,CALL", RejectionReason.InvalidAmount)]
    [InlineData("123456789,Emma,3..5,CALL", RejectionReason.InvalidAmount)]
    [InlineData("123456789,Emma,-,CALL", RejectionReason.InvalidAmount)]
    [InlineData("123456789,Emma,--1,CALL", RejectionReason.InvalidAmount)]
    [InlineData("123456789,Emma,abc,CALL", RejectionReason.InvalidAmount)]
    [InlineData("123456789,Emma,3.571,CALL", RejectionReason.TooManyMinorDigits)]
    [InlineData("123456789,Emma,3.570,CALL", RejectionReason.TooManyMinorDigits)]
    [InlineData("123456789,Emma,-1,CALL", RejectionReason.NonPositiveAmount)]
    [InlineData("123456789,Emma,-0.01,CALL", RejectionReason.NonPositiveAmount)]
    [InlineData("123456789,Emma,0,CALL", RejectionReason.NonPositiveAmount)]
    [InlineData("123456789,Emma,0.00,CALL", RejectionReason.NonPositiveAmount)]
    [InlineData("123456789,Emma,1000000.01,CALL", RejectionReason.AmountTooLarge)]
    [InlineData("123456789,Emma,99999999999999999999999999999999,CALL", RejectionReason.AmountTooLarge)]
    [InlineData("2026-11-03T10:00:00Z,Emma,3.57,CALL", RejectionReason.InvalidTime)]
    [InlineData("12a,Emma,3.57,CALL", RejectionReason.InvalidTime)]
    [InlineData("1.5,Emma,3.57,CALL", RejectionReason.InvalidTime)]
    [InlineData("+5,Emma,3.57,CALL", RejectionReason.InvalidTime)]
    [InlineData(" 5,Emma,3.57,CALL", RejectionReason.InvalidTime)]
    [InlineData("-1,Emma,3.57,CALL", RejectionReason.TimeOutOfRange)]
    [InlineData("7258118400000,Emma,3.57,CALL", RejectionReason.TimeOutOfRange)]
    [InlineData("253402300800000,Emma,3.57,CALL", RejectionReason.TimeOutOfRange)]
    [InlineData("99999999999999999999999,Emma,3.57,CALL", RejectionReason.TimeOutOfRange)]
    [InlineData("-99999999999999999999999,Emma,3.57,CALL", RejectionReason.TimeOutOfRange)]
    public void Decode_BadCsvValue_RejectsWithReason(string value, RejectionReason expected)
    {
        var result = Codec.Decode(null, value);

        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Rejection.Reason);
    }

    [Fact]
    public void Decode_CsvCustomerLongerThanMax_RejectsAsInvalidCustomer()
    {
        var result = Codec.Decode(null, $"123456789,{new string('x', 201)},3.57,CALL");

        Assert.Equal(RejectionReason.InvalidCustomer, result.Rejection?.Reason);
    }

    [Theory]
    [InlineData("Bob")]
    [InlineData("emma")]
    [InlineData("Emma ")]
    public void Decode_CsvKeyDiffersFromCustomer_RejectsAsCustomerMismatch(string key)
    {
        var result = Codec.Decode(key, "123456789,Emma,3.57,CALL");

        Assert.Equal(RejectionReason.CustomerMismatch, result.Rejection?.Reason);
    }
}
