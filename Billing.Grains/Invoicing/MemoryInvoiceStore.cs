using Billing.Grains.Invoicing.Internal;
using Billing.Invoices;
using Billing.Usage;

namespace Billing.Grains.Invoicing;

/// <summary>
/// The invoice store of embedded mode: every call goes to the one <see cref="IMemoryInvoiceLedgerGrain"/>, so
/// the store is deployment-wide even when one process hosts several silos. Invoices are not durable.
/// </summary>
/// <param name="grainFactory">The silo's or client's grain factory.</param>
public sealed class MemoryInvoiceStore(IGrainFactory grainFactory) : IInvoiceStore
{
    private IMemoryInvoiceLedgerGrain Ledger => grainFactory.GetGrain<IMemoryInvoiceLedgerGrain>(0);

    /// <inheritdoc />
    public Task<Invoice> IssueAsync(InvoiceDraft draft, CancellationToken cancellationToken)
    {
        InvoiceDrafts.Validate(draft);
        return Ledger.IssueAsync(draft).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<Invoice?> FindAsync(string customer, BillingMonth month, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return Ledger.FindAsync(customer, month).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Invoice>> ListAsync(string customer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return Ledger.ListAsync(customer).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<long> CountAsync(CancellationToken cancellationToken) => Ledger.CountAsync().WaitAsync(cancellationToken);
}
