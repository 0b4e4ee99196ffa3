using Billing.Invoices;
using Billing.Usage;
using Orleans.Concurrency;

namespace Billing.Grains.Invoicing;

/// <summary>
/// The invoices of an embedded deployment, held in memory by one activation (key 0) for the whole cluster,
/// however many silos the process hosts. Not durable: the invoices are gone when its silo stops.
/// </summary>
public interface IMemoryInvoiceLedgerGrain : IGrainWithIntegerKey
{
    /// <summary>As <see cref="IInvoiceStore.IssueAsync"/>: the stored invoice of the draft's customer and month.</summary>
    Task<Invoice> IssueAsync(InvoiceDraft draft);

    /// <summary>As <see cref="IInvoiceStore.FindAsync"/>.</summary>
    [ReadOnly]
    Task<Invoice?> FindAsync(string customer, BillingMonth month);

    /// <summary>As <see cref="IInvoiceStore.ListAsync"/>: newest month first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<Invoice>> ListAsync(string customer);

    /// <summary>As <see cref="IInvoiceStore.CountAsync"/>.</summary>
    [ReadOnly]
    Task<long> CountAsync();
}
