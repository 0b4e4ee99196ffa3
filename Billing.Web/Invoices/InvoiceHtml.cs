using System.Globalization;
using System.Net;
using System.Text;
using Billing.Events;
using Billing.Grains.Invoicing;
using Billing.Invoices;
using Billing.Money;

namespace Billing.Web.Invoices;

/// <summary>
/// An invoice as a complete, printable HTML5 page: number, customer, month, issue date, a table of usage lines
/// and late adjustments, and the total. Every value from the invoice is HTML-encoded.
/// </summary>
public static class InvoiceHtml
{
    /// <summary>The media type of the page.</summary>
    public const string ContentType = "text/html; charset=utf-8";

    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 2rem; color: #111; }
        h1 { font-size: 1.5rem; margin-bottom: 0.25rem; }
        dl { display: grid; grid-template-columns: max-content auto; gap: 0.25rem 1rem; }
        dt { font-weight: 600; }
        dd { margin: 0; }
        table { border-collapse: collapse; width: 100%; margin-top: 1rem; }
        th, td { border-bottom: 1px solid #ccc; padding: 0.4rem 0.6rem; text-align: left; }
        td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
        tfoot td { font-weight: 700; border-top: 2px solid #111; border-bottom: none; }
        @media print { body { margin: 0; } }
        @page { margin: 2cm; }
        """;

    /// <summary>The page of <paramref name="invoice"/>, amounts with <paramref name="minorDigits"/> decimals.</summary>
    public static string Render(Invoice invoice, int minorDigits)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var number = invoice.Number.ToString(CultureInfo.InvariantCulture);
        var html = new StringBuilder(2048);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Invoice ").Append(number).Append(" · ").Append(Encode(invoice.Customer)).Append(" · ")
            .Append(invoice.Month.ToString()).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n")
            .Append("<h1>Invoice ").Append(number).Append("</h1>\n<dl>\n");
        Term(html, "Customer", invoice.Customer);
        Term(html, "Month", invoice.Month.ToString());
        Term(html, "Invoice number", number);
        Term(html, "Issued", InvoiceJson.IssuedAtText(invoice));
        Term(html, "Currency", invoice.Currency);
        html.Append("</dl>\n<table>\n<thead><tr><th>Item</th><th>Month</th><th class=\"number\">Count</th><th class=\"number\">Amount (")
            .Append(Encode(invoice.Currency)).Append(")</th></tr></thead>\n<tbody>\n");
        foreach (var line in invoice.Lines)
        {
            Row(html, line.Type.WireName(), invoice.Month.ToString(), line.Count, MoneyText.Format(line.Amount, minorDigits));
        }

        foreach (var adjustment in invoice.Adjustments)
        {
            Row(html, "Late usage", adjustment.Month.ToString(), adjustment.Count, MoneyText.Format(adjustment.Amount, minorDigits));
        }

        html.Append("</tbody>\n<tfoot><tr><td colspan=\"3\">Total</td><td class=\"number\">")
            .Append(Encode(invoice.Currency)).Append(' ').Append(MoneyText.Format(invoice.Total, minorDigits))
            .Append("</td></tr></tfoot>\n</table>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Term(StringBuilder html, string term, string value) =>
        html.Append("<dt>").Append(term).Append("</dt><dd>").Append(Encode(value)).Append("</dd>\n");

    private static void Row(StringBuilder html, string item, string month, int count, string amount) =>
        html.Append("<tr><td>").Append(Encode(item)).Append("</td><td>").Append(Encode(month)).Append("</td><td class=\"number\">")
            .Append(count.ToString(CultureInfo.InvariantCulture)).Append("</td><td class=\"number\">").Append(Encode(amount)).Append("</td></tr>\n");

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
