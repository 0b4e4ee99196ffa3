using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Billing.Events;
using Billing.Invoices;
using Billing.Usage;

namespace Billing.Grains.Invoicing.Internal;

/// <summary>
/// The jsonb columns of <c>billing_invoices</c>: <c>[{"type":"CALL","count":3,"amount":"12.00"}]</c> and
/// <c>[{"month":"2026-08","count":1,"amount":"3.57"}]</c>. Amounts are strings in the decimal's own invariant
/// form (its scale kept), so they read back exactly; nothing here goes through reflection.
/// </summary>
internal static class InvoiceJsonColumns
{
    private const NumberStyles AmountStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    public static string WriteLines(IReadOnlyList<InvoiceLine> lines) => Write(lines, static (writer, line) =>
    {
        writer.WriteString("type", line.Type.WireName());
        writer.WriteNumber("count", line.Count);
        writer.WriteString("amount", line.Amount.ToString(CultureInfo.InvariantCulture));
    });

    public static string WriteAdjustments(IReadOnlyList<InvoiceAdjustment> adjustments) => Write(adjustments, static (writer, adjustment) =>
    {
        writer.WriteString("month", adjustment.Month.ToString());
        writer.WriteNumber("count", adjustment.Count);
        writer.WriteString("amount", adjustment.Amount.ToString(CultureInfo.InvariantCulture));
    });

    public static IReadOnlyList<InvoiceLine> ReadLines(string json) => Read(json, static element =>
    {
        var typeName = element.GetProperty("type").GetString();
        if (typeName is null || !EventTypes.TryParseWireName(typeName, out var type))
        {
            throw new InvalidDataException("An invoice line names an unknown event type.");
        }

        return new InvoiceLine(type, element.GetProperty("count").GetInt32(), ReadAmount(element));
    });

    public static IReadOnlyList<InvoiceAdjustment> ReadAdjustments(string json) => Read(json, static element =>
    {
        if (!BillingMonth.TryParse(element.GetProperty("month").GetString(), out var month))
        {
            throw new InvalidDataException("An invoice adjustment names no valid month.");
        }

        return new InvoiceAdjustment(month, element.GetProperty("count").GetInt32(), ReadAmount(element));
    });

    private static string Write<T>(IReadOnlyList<T> items, Action<Utf8JsonWriter, T> writeProperties)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * (items.Count + 1));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                writer.WriteStartObject();
                writeProperties(writer, item);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static T[] Read<T>(string json, Func<JsonElement, T> readItem)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("An invoice column is not a JSON array.");
        }

        var items = new T[document.RootElement.GetArrayLength()];
        var index = 0;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            items[index++] = readItem(element);
        }

        return items;
    }

    private static decimal ReadAmount(JsonElement element)
    {
        var text = element.GetProperty("amount").GetString();
        if (!decimal.TryParse(text, AmountStyle, CultureInfo.InvariantCulture, out var amount))
        {
            throw new InvalidDataException("An invoice amount is not a decimal.");
        }

        return amount;
    }
}
