using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Billing.Events;
using Billing.Invoices;
using Billing.Money;

namespace Billing.Grains.Invoicing;

/// <summary>
/// The JSON document of an invoice, for its file and the HTTP API alike:
/// <c>{"number":17,"customer":"Emma","month":"2026-09","currency":"EUR","lines":[{"type":"CALL","count":3,"amount":"12.00"}],
/// "adjustments":[{"month":"2026-08","count":1,"amount":"3.57"}],"total":"15.57","issuedAt":"2026-10-04T12:00:00.000Z"}</c>.
/// </summary>
public static class InvoiceJson
{
    /// <summary>The media type of the document.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    // Non-ASCII customer ids stay readable; the document is JSON, never embedded in HTML unencoded.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The document as UTF-8 bytes, compact. Amounts carry exactly <paramref name="minorDigits"/> decimals
    /// (<see cref="MoneyText.Format"/>); the issue time is UTC with milliseconds.
    /// </summary>
    public static byte[] Write(Invoice invoice, int minorDigits)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var buffer = new ArrayBufferWriter<byte>(256 + (64 * (invoice.Lines.Count + invoice.Adjustments.Count)));
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("number", invoice.Number);
            writer.WriteString("customer", invoice.Customer);
            writer.WriteString("month", invoice.Month.ToString());
            writer.WriteString("currency", invoice.Currency);
            writer.WriteStartArray("lines");
            foreach (var line in invoice.Lines)
            {
                writer.WriteStartObject();
                writer.WriteString("type", line.Type.WireName());
                writer.WriteNumber("count", line.Count);
                writer.WriteString("amount", MoneyText.Format(line.Amount, minorDigits));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("adjustments");
            foreach (var adjustment in invoice.Adjustments)
            {
                writer.WriteStartObject();
                writer.WriteString("month", adjustment.Month.ToString());
                writer.WriteNumber("count", adjustment.Count);
                writer.WriteString("amount", MoneyText.Format(adjustment.Amount, minorDigits));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("total", MoneyText.Format(invoice.Total, minorDigits));
            writer.WriteString("issuedAt", IssuedAtText(invoice));
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The issue time as the documents write it: ISO-8601 in UTC with milliseconds, <c>2026-10-04T12:00:00.000Z</c>.</summary>
    public static string IssuedAtText(Invoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return invoice.IssuedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }
}
