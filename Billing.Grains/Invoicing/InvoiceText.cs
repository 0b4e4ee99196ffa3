using Billing.Invoices;
using Billing.Money;

namespace Billing.Grains.Invoicing;

/// <summary>The prototype's one-line invoice: <c>2026-09&lt;TAB&gt;Emma&lt;TAB&gt; EUR 100.00</c> and a line feed.</summary>
public static class InvoiceText
{
    /// <summary>The line of <paramref name="invoice"/>, ending in <c>"\n"</c>; the total with <paramref name="minorDigits"/> decimals.</summary>
    public static string Line(Invoice invoice, int minorDigits)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return $"{invoice.Month}\t{invoice.Customer}\t {invoice.Currency} {MoneyText.Format(invoice.Total, minorDigits)}\n";
    }
}
