using Billing.Invoices;
using Billing.Usage;
using Orleans.Concurrency;

namespace Billing.Grains.Invoicing;

/// <summary>Answers invoice queries from the <see cref="IInvoiceStore"/> of the silo; any silo, many at once.</summary>
/// <param name="store">The deployment's invoice store, registered in the silo's services.</param>
[StatelessWorker]
public sealed class InvoiceQueryGrain(IInvoiceStore store) : Grain, IInvoiceQueryGrain
{
    public Task<IReadOnlyList<Invoice>> ListAsync(string customer) => store.ListAsync(customer, CancellationToken.None);

    public Task<Invoice?> FindAsync(string customer, BillingMonth month) => store.FindAsync(customer, month, CancellationToken.None);

    public Task<long> CountAsync() => store.CountAsync(CancellationToken.None);
}
