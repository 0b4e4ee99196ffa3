using System.Globalization;
using System.Text;
using Billing.Events;
using Billing.Invoices;
using Billing.Money;

namespace Billing.Grains.Invoicing;

/// <summary>
/// An invoice as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote, line break or
/// edge space; text that starts like a spreadsheet formula prefixed with <c>'</c>): a header, one <c>usage</c> row per line, one <c>adjustment</c> row per adjustment and a
/// <c>total</c> row whose count is all the lines' and adjustments' counts.
/// </summary>
public static class InvoiceCsv
{
    /// <summary>The media type of the document.</summary>
    public const string ContentType = "text/csv; charset=utf-8; header=present";

    /// <summary>The header row's fields.</summary>
    public const string Header = "invoice,customer,month,currency,kind,type,adjusted_month,count,amount";

    /// <summary>The CSV of <paramref name="invoice"/>, amounts with <paramref name="minorDigits"/> decimals.</summary>
    public static string Write(Invoice invoice, int minorDigits)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var prefix = string.Join(',',
            invoice.Number.ToString(CultureInfo.InvariantCulture), Field(invoice.Customer), invoice.Month.ToString(), Field(invoice.Currency));
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var line in invoice.Lines)
        {
            Row(csv, prefix, "usage", line.Type.WireName(), string.Empty, line.Count, line.Amount, minorDigits);
        }

        foreach (var adjustment in invoice.Adjustments)
        {
            Row(csv, prefix, "adjustment", string.Empty, adjustment.Month.ToString(), adjustment.Count, adjustment.Amount, minorDigits);
        }

        var count = invoice.Lines.Sum(line => (long)line.Count) + invoice.Adjustments.Sum(adjustment => (long)adjustment.Count);
        Row(csv, prefix, "total", string.Empty, string.Empty, count, invoice.Total, minorDigits);
        return csv.ToString();
    }

    private static void Row(StringBuilder csv, string prefix, string kind, string type, string adjustedMonth, long count, decimal amount, int minorDigits) =>
        csv.Append(prefix).Append(',').Append(kind).Append(',').Append(type).Append(',').Append(adjustedMonth).Append(',')
            .Append(count.ToString(CultureInfo.InvariantCulture)).Append(',').Append(MoneyText.Format(amount, minorDigits)).Append("\r\n");

    /// <summary>
    /// A text cell. One that starts like a formula (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage
    /// return) gets a leading <c>'</c>, so a spreadsheet opening the file shows it as text instead of running it
    /// (CSV injection); then it is quoted as RFC 4180 asks.
    /// </summary>
    private static string Field(string value)
    {
        var text = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 || text.StartsWith(' ') || text.EndsWith(' ')
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
    }
}
