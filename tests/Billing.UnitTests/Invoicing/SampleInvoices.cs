using Billing.Events;
using Billing.Invoices;
using Billing.Usage;

namespace Billing.UnitTests.Invoicing;

/// <summary>The invoices the document tests write.</summary>
internal static class SampleInvoices
{
    /// <summary>Invoice 17 of the contract's example: one CALL line of 12.00 and a late 3.57 from August.</summary>
    public static Invoice Emma { get; } = new(
        17,
        "Emma",
        new BillingMonth(2026, 9),
        "EUR",
        [new InvoiceLine(EventType.Call, 3, 12.00m)],
        [new InvoiceAdjustment(new BillingMonth(2026, 8), 1, 3.57m)],
        new DateTimeOffset(2026, 10, 4, 12, 0, 0, TimeSpan.Zero));

    public static Invoice WithCustomer(string customer) => Emma with { Customer = customer };
}
