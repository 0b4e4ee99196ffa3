using System.Text;
using Billing.Grains.Streaming.Kafka;
using Confluent.Kafka;

namespace Billing.UnitTests.Streaming;

/// <summary>The origin header of a replayed record: written as <c>partition/offset</c>, and anything else read as no origin.</summary>
public sealed class KafkaRecordOriginTests
{
    [Theory]
    [InlineData(0, 0L, "0/0")]
    [InlineData(3, 1204L, "3/1204")]
    [InlineData(int.MaxValue, long.MaxValue, "2147483647/9223372036854775807")]
    public void Format_ThenParse_GivesTheSameOrigin(int partition, long offset, string text)
    {
        var origin = new KafkaRecordOrigin(partition, offset);

        Assert.Equal(text, origin.ToString());
        Assert.Equal(Encoding.ASCII.GetBytes(text), origin.ToHeaderValue());
        Assert.True(KafkaRecordOrigin.TryParse(text.AsSpan(), out var parsed));
        Assert.Equal(origin, parsed);
        Assert.Equal(origin, KafkaRecordOrigin.FromHeaders(Headers((KafkaDeadLetterHeaders.Origin, origin.ToHeaderValue()))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("3")]
    [InlineData("3/")]
    [InlineData("/12")]
    [InlineData("3/12/4")]
    [InlineData("-1/12")]
    [InlineData("3/-12")]
    [InlineData("+3/12")]
    [InlineData(" 3/12")]
    [InlineData("3 /12")]
    [InlineData("3/12 ")]
    [InlineData("3:12")]
    [InlineData("x/12")]
    [InlineData("3/1.5")]
    [InlineData("2147483648/0")]
    [InlineData("0/9223372036854775808")]
    [InlineData("٣/١٢")]
    [InlineData("00000000000000000000000000003/12")]
    public void Malformed_IsNoOrigin(string text)
    {
        Assert.False(KafkaRecordOrigin.TryParse(text.AsSpan(), out _));
        Assert.Null(KafkaRecordOrigin.FromHeaders(Headers((KafkaDeadLetterHeaders.Origin, Encoding.UTF8.GetBytes(text)))));
    }

    [Fact]
    public void HeaderNotUtf8OrEmptyOrNull_IsNoOrigin()
    {
        Assert.Null(KafkaRecordOrigin.FromHeaders(Headers((KafkaDeadLetterHeaders.Origin, [0x33, 0x2F, 0xC3, 0x28]))));
        Assert.Null(KafkaRecordOrigin.FromHeaders(Headers((KafkaDeadLetterHeaders.Origin, []))));
        Assert.Null(KafkaRecordOrigin.FromHeaders(Headers((KafkaDeadLetterHeaders.Origin, null))));
        Assert.False(KafkaRecordOrigin.TryParse((byte[]?)null, out _));
    }

    [Fact]
    public void NoHeaders_OrOnlyOthers_IsNoOrigin()
    {
        Assert.Null(KafkaRecordOrigin.FromHeaders(null));
        Assert.Null(KafkaRecordOrigin.FromHeaders([]));
        Assert.Null(KafkaRecordOrigin.FromHeaders(Headers(
            (KafkaDeadLetterHeaders.SourcePartition, "3"u8.ToArray()),
            (KafkaDeadLetterHeaders.SourceOffset, "12"u8.ToArray()),
            ("origin", "3/12"u8.ToArray()))));
    }

    [Fact]
    public void SeveralOriginHeaders_TheLastCounts()
    {
        var headers = Headers(
            (KafkaDeadLetterHeaders.Origin, "1/1"u8.ToArray()),
            (KafkaDeadLetterHeaders.Origin, "2/7"u8.ToArray()));

        Assert.Equal(new KafkaRecordOrigin(2, 7), KafkaRecordOrigin.FromHeaders(headers));
    }

    [Fact]
    public void LeadingZeros_AreTheSameOrigin()
    {
        Assert.True(KafkaRecordOrigin.TryParse("03/0012".AsSpan(), out var origin));
        Assert.Equal(new KafkaRecordOrigin(3, 12), origin);
    }

    private static Headers Headers(params (string Key, byte[]? Value)[] entries)
    {
        var headers = new Headers();
        foreach (var (key, value) in entries)
        {
            headers.Add(key, value);
        }

        return headers;
    }
}
