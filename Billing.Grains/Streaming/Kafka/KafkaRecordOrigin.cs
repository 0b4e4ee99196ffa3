using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace Billing.Grains.Streaming.Kafka;

/// <summary>
/// Where a record was first read from the incoming topic: its partition and offset there. A replayed record
/// carries it in the <see cref="KafkaDeadLetterHeaders.Origin"/> header as <c>partition/offset</c>
/// (<c>3/1204</c>): decimal digits only, no sign, no spaces.
/// </summary>
/// <param name="Partition">The partition of the incoming topic, 0 or more.</param>
/// <param name="Offset">The offset within <paramref name="Partition"/>, 0 or more.</param>
public readonly record struct KafkaRecordOrigin(int Partition, long Offset)
{
    // "2147483647/9223372036854775807" is 30 characters: anything longer is not an origin.
    private const int MaxTextLength = 30;

    /// <summary>The header text, <c>partition/offset</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Partition}/{Offset}");

    /// <summary>The header value: <see cref="ToString"/> in ASCII.</summary>
    public byte[] ToHeaderValue() => Encoding.ASCII.GetBytes(ToString());

    /// <summary>Reads <c>partition/offset</c>; false for anything else (a sign, spaces, a missing part, a number out of range).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out KafkaRecordOrigin origin)
    {
        origin = default;
        var slash = text.IndexOf('/');
        if (text.Length > MaxTextLength || slash < 0)
        {
            return false;
        }

        if (!int.TryParse(text[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
            || !long.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            return false;
        }

        origin = new KafkaRecordOrigin(partition, offset);
        return true;
    }

    /// <summary>Reads a header value (UTF-8 text); false when it is absent or not <c>partition/offset</c>.</summary>
    public static bool TryParse(byte[]? value, out KafkaRecordOrigin origin)
    {
        origin = default;
        return value is { Length: > 0 and <= MaxTextLength }
               && Encoding.UTF8.GetString(value) is var text
               && TryParse(text.AsSpan(), out origin);
    }

    /// <summary>
    /// The origin that <paramref name="headers"/> name in their last <see cref="KafkaDeadLetterHeaders.Origin"/>
    /// header; null when there is none or it is malformed (then the record is treated as not replayed).
    /// </summary>
    public static KafkaRecordOrigin? FromHeaders(Headers? headers) =>
        headers is not null && headers.TryGetLastBytes(KafkaDeadLetterHeaders.Origin, out var value) && TryParse(value, out var origin)
            ? origin
            : null;
}
