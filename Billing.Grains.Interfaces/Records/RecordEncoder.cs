using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Billing.Events;
using Billing.Money;

namespace Billing.Records;

/// <summary>Writes events in the two record formats that <see cref="BillableEventCodec"/> reads.</summary>
internal static class RecordEncoder
{
    private const string TimeFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'";

    // Records are not embedded in HTML, so non-ASCII customers can stay readable instead of \u-escaped.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Csv(BillableEvent e, int minorDigits)
    {
        ArgumentNullException.ThrowIfNull(e);

        // CSV has no quoting: such a customer would read back as a different record.
        if (e.Customer.AsSpan().IndexOfAny(",\r\n") >= 0)
        {
            throw new ArgumentException("A customer with ',' or a line break cannot be written as CSV.", nameof(e));
        }

        var millis = e.Time.ToUnixTimeMilliseconds();
        var amount = MoneyText.Format(e.Amount, minorDigits);
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{millis},{e.Customer},{amount},{e.Type.WireName()}"));
    }

    public static byte[] Json(BillableEvent e, string currency, int minorDigits)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentException.ThrowIfNullOrEmpty(currency);
        var buffer = new ArrayBufferWriter<byte>(160);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            if (e.Id is not null)
            {
                writer.WriteString("id"u8, e.Id);
            }

            writer.WriteString("customer"u8, e.Customer);
            writer.WriteString("type"u8, e.Type.WireName());
            writer.WriteString("amount"u8, MoneyText.Format(e.Amount, minorDigits));
            writer.WriteString("currency"u8, currency);
            writer.WriteString("time"u8, e.Time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
