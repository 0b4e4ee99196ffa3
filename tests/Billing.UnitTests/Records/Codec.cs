using System.Text;
using Billing.Records;

namespace Billing.UnitTests.Records;

/// <summary>A codec with the default options, and string-friendly ways to call it.</summary>
internal static class Codec
{
    public static BillableEventCodec Default { get; } = new(new RecordCodecOptions());

    public static DecodeResult Decode(string? key, string value) =>
        Default.Decode(key is null ? null : Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(value));

    public static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
