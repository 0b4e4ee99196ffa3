using Billing.Invoices;
using Billing.Usage;

namespace Billing.Grains.Invoicing;

/// <summary>
/// Where issued invoices live: a PostgreSQL table in cluster mode, memory in embedded mode. It alone hands out
/// invoice numbers, so numbering is gapless whatever the silos do.
/// </summary>
public interface IInvoiceStore
{
    /// <summary>
    /// Stores <paramref name="draft"/> under the next invoice number, unless an invoice for its customer and
    /// month is already stored: then that one is returned and nothing changes. Safe to retry after any failure.
    /// </summary>
    Task<Invoice> IssueAsync(InvoiceDraft draft, CancellationToken cancellationToken);

    /// <summary>The invoice of <paramref name="customer"/> for <paramref name="month"/>, or null.</summary>
    Task<Invoice?> FindAsync(string customer, BillingMonth month, CancellationToken cancellationToken);

    /// <summary>The invoices of <paramref name="customer"/>, newest month first.</summary>
    Task<IReadOnlyList<Invoice>> ListAsync(string customer, CancellationToken cancellationToken);

    /// <summary>How many invoices have been issued; numbering is gapless, so also the last number handed out.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);
}
