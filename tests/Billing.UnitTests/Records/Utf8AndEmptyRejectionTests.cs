using System.Text;
using Billing.Records;

namespace Billing.UnitTests.Records;

public class Utf8AndEmptyRejectionTests
{
    private static readonly byte[] ValidCsv = "123456789,Emma,3.57,CALL"u8.ToArray();

    public static TheoryData<byte[]?, byte[]?, RejectionReason> Cases => new()
    {
        { null, null, RejectionReason.EmptyRecord },
        { null, [], RejectionReason.EmptyRecord },
        { "Emma"u8.ToArray(), null, RejectionReason.EmptyRecord },
        { [0xFF], ValidCsv, RejectionReason.InvalidUtf8 },
        { [(byte)'E', 0xC3], ValidCsv, RejectionReason.InvalidUtf8 },
        { null, [.. "123456789,Em"u8, 0xFF, .. "ma,3.57,CALL"u8], RejectionReason.InvalidUtf8 },
        { null, [.. "123456789,Em"u8, 0xED, 0xA0, 0x80, .. "ma,3.57,CALL"u8], RejectionReason.InvalidUtf8 },
        { null, [.. "{\"customer\":\"Em"u8, 0xC0, 0x80, .. "ma\",\"type\":\"CALL\",\"amount\":\"1\",\"time\":0}"u8], RejectionReason.InvalidUtf8 },
        { null, [(byte)'{', 0xFE], RejectionReason.InvalidUtf8 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decode_BadBytes_RejectsWithReason(byte[]? key, byte[]? value, RejectionReason expected)
    {
        var result = Codec.Default.Decode(key, value);

        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Rejection.Reason);
    }

    [Fact]
    public void Decode_SpanOverloadWithoutKey_IgnoresKeyBytes()
    {
        var result = Codec.Default.Decode(ValidCsv, Encoding.UTF8.GetBytes("Bob"), hasKey: false);

        Assert.True(result.IsValid);
        Assert.Equal("Emma", result.Event.Customer);
    }
}
