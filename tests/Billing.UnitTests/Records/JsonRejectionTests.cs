using Billing.Records;

namespace Billing.UnitTests.Records;

public class JsonRejectionTests
{
    private const string Rest = "\"type\":\"CALL\",\"amount\":\"3.57\",\"time\":\"2026-11-03T10:00:00Z\"";

    [Theory]
    [InlineData("{", RejectionReason.MalformedJson)]
    [InlineData("{\"customer\":\"Emma\"", RejectionReason.MalformedJson)]
    [InlineData("{\"customer\":\"Emma\"," + Rest + ",}", RejectionReason.MalformedJson)]
    [InlineData("{\"customer\":\"Emma\"," + Rest + "} x", RejectionReason.MalformedJson)]
    [InlineData("{\"customer\":\"Emma\"," + Rest + "}{}", RejectionReason.MalformedJson)]
    [InlineData("{\"customer\":'Emma'," + Rest + "}", RejectionReason.MalformedJson)]
    [InlineData("{\"customer\":\"Emma\",\"customer\":\"Emma\"," + Rest + "}", RejectionReason.MalformedJson)]
    [InlineData("{\"customer\":\"Emma\",\"cust\\u006fmer\":\"Emma\"," + Rest + "}", RejectionReason.MalformedJson)]
    [InlineData("{\"customer\":\"Emma\"," + Rest + ",\"amount\":\"3.57\"}", RejectionReason.MalformedJson)]
    [InlineData("{\"customer\":\"Emma\"," + Rest + ",\"currency\":null,\"currency\":\"EUR\"}", RejectionReason.MalformedJson)]
    [InlineData("{\"customer\":42," + Rest + "}", RejectionReason.MalformedJson)]
    [InlineData("{\"customer\":null," + Rest + "}", RejectionReason.MalformedJson)]
    [InlineData("{\"customer\":[\"Emma\"]," + Rest + "}", RejectionReason.MalformedJson)]
    [InlineData("{\"customer\":\"Emma\",\"type\":2,\"amount\":\"3.57\",\"time\":0}", RejectionReason.MalformedJson)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":true,\"time\":0}", RejectionReason.MalformedJson)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"3.57\",\"time\":{}}", RejectionReason.MalformedJson)]
    [InlineData("{\"customer\":\"Emma\"," + Rest + ",\"currency\":978}", RejectionReason.MalformedJson)]
    [InlineData("{\"customer\":\"Emma\"," + Rest + ",\"id\":7}", RejectionReason.MalformedJson)]
    [InlineData("{\"customer\":\"Em\\ud800ma\"," + Rest + "}", RejectionReason.MalformedJson)]
    [InlineData("{/* comment */\"customer\":\"Emma\"," + Rest + "}", RejectionReason.MalformedJson)]
    [InlineData("{" + Rest + "}", RejectionReason.MissingField)]
    [InlineData("{\"Customer\":\"Emma\"," + Rest + "}", RejectionReason.MissingField)]
    [InlineData("{\"customer\":\"Emma\",\"amount\":\"3.57\",\"time\":0}", RejectionReason.MissingField)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"time\":0}", RejectionReason.MissingField)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"3.57\"}", RejectionReason.MissingField)]
    [InlineData("{}", RejectionReason.MissingField)]
    [InlineData("{\"customer\":\"\"," + Rest + "}", RejectionReason.EmptyField)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"\",\"amount\":\"3.57\",\"time\":0}", RejectionReason.EmptyField)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"\",\"time\":0}", RejectionReason.EmptyField)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"3.57\",\"time\":\"\"}", RejectionReason.EmptyField)]
    [InlineData("{\"customer\":\"Emma\"," + Rest + ",\"currency\":\"\"}", RejectionReason.EmptyField)]
    [InlineData("{\"customer\":\"Emma\"," + Rest + ",\"id\":\"\"}", RejectionReason.EmptyField)]
    [InlineData("{\"customer\":\" Emma\"," + Rest + "}", RejectionReason.InvalidCustomer)]
    [InlineData("{\"customer\":\"Emma\\u00a0\"," + Rest + "}", RejectionReason.InvalidCustomer)]
    [InlineData("{\"customer\":\"Em\\u0001ma\"," + Rest + "}", RejectionReason.InvalidCustomer)]
    [InlineData("{\"customer\":\"Em\\nma\"," + Rest + "}", RejectionReason.InvalidCustomer)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"call\",\"amount\":\"3.57\",\"time\":0}", RejectionReason.UnknownType)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"VIDEO\",\"amount\":\"3.57\",\"time\":0}", RejectionReason.UnknownType)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"1,000.00\",\"time\":0}", RejectionReason.InvalidAmount)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"+1\",\"time\":0}", RejectionReason.InvalidAmount)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"3.57e0\",\"time\":0}", RejectionReason.InvalidAmount)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":1e3,\"time\":0}", RejectionReason.InvalidAmount)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":3.5E1,\"time\":0}", RejectionReason.InvalidAmount)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"3.571\",\"time\":0}", RejectionReason.TooManyMinorDigits)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":3.571,\"time\":0}", RejectionReason.TooManyMinorDigits)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"-1\",\"time\":0}", RejectionReason.NonPositiveAmount)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":-1,\"time\":0}", RejectionReason.NonPositiveAmount)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":0,\"time\":0}", RejectionReason.NonPositiveAmount)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"0.00\",\"time\":0}", RejectionReason.NonPositiveAmount)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"2000000\",\"time\":0}", RejectionReason.AmountTooLarge)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":1000000.01,\"time\":0}", RejectionReason.AmountTooLarge)]
    [InlineData("{\"customer\":\"Emma\"," + Rest + ",\"currency\":\"USD\"}", RejectionReason.WrongCurrency)]
    [InlineData("{\"customer\":\"Emma\"," + Rest + ",\"currency\":\"eur\"}", RejectionReason.WrongCurrency)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"3.57\",\"time\":\"yesterday\"}", RejectionReason.InvalidTime)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"3.57\",\"time\":\"2026-11-03T10:00:00\"}", RejectionReason.InvalidTime)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"3.57\",\"time\":\"2026-11-03 10:00:00Z\"}", RejectionReason.InvalidTime)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"3.57\",\"time\":\"2026-13-01T00:00:00Z\"}", RejectionReason.InvalidTime)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"3.57\",\"time\":\"2026-02-29T00:00:00Z\"}", RejectionReason.InvalidTime)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"3.57\",\"time\":\"2026-11-03T24:00:00Z\"}", RejectionReason.InvalidTime)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"3.57\",\"time\":\"2026-11-03T10:00:00.Z\"}", RejectionReason.InvalidTime)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"3.57\",\"time\":\"2026-11-03T10:00:00.1234567891Z\"}", RejectionReason.InvalidTime)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"3.57\",\"time\":\"2026-11-03T10:00:00+0100\"}", RejectionReason.InvalidTime)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"3.57\",\"time\":\"2026-11-03T10:00:00z\"}", RejectionReason.InvalidTime)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"3.57\",\"time\":1.5}", RejectionReason.InvalidTime)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"3.57\",\"time\":1e3}", RejectionReason.InvalidTime)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"3.57\",\"time\":\"1969-12-31T23:59:59.999Z\"}", RejectionReason.TimeOutOfRange)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"3.57\",\"time\":\"2200-01-01T00:00:00Z\"}", RejectionReason.TimeOutOfRange)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"3.57\",\"time\":\"0001-01-01T00:00:00+01:00\"}", RejectionReason.TimeOutOfRange)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"3.57\",\"time\":\"9999-12-31T23:59:59-01:00\"}", RejectionReason.TimeOutOfRange)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"3.57\",\"time\":-1}", RejectionReason.TimeOutOfRange)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"3.57\",\"time\":\"-1\"}", RejectionReason.TimeOutOfRange)]
    [InlineData("{\"customer\":\"Emma\",\"type\":\"CALL\",\"amount\":\"3.57\",\"time\":99999999999999999999}", RejectionReason.TimeOutOfRange)]
    public void Decode_BadJsonValue_RejectsWithReason(string value, RejectionReason expected)
    {
        var result = Codec.Decode(null, value);

        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Rejection.Reason);
    }

    [Fact]
    public void Decode_JsonKeyDiffersFromCustomer_RejectsAsCustomerMismatch()
    {
        var result = Codec.Decode("Bob", "{\"customer\":\"Emma\"," + Rest + "}");

        Assert.Equal(RejectionReason.CustomerMismatch, result.Rejection?.Reason);
    }

    [Fact]
    public void Decode_JsonCustomerLongerThanMax_RejectsAsInvalidCustomer()
    {
        var result = Codec.Decode(null, "{\"customer\":\"" + new string('x', 201) + "\"," + Rest + "}");

        Assert.Equal(RejectionReason.InvalidCustomer, result.Rejection?.Reason);
    }
}
