using Billing.Grains.Invoicing.Internal;
using Billing.Invoices;
using Billing.Usage;

namespace Billing.Grains.Invoicing;

/// <summary>
/// The in-memory invoice ledger of embedded mode. One activation serves the cluster, and its turns never
/// interleave with an issue, so numbers are gapless and each customer and month is issued once. Kept alive:
/// idle collection would lose every invoice.
/// </summary>
[KeepAlive]
public sealed class MemoryInvoiceLedgerGrain : Grain, IMemoryInvoiceLedgerGrain
{
    private readonly Dictionary<InvoiceKey, Invoice> invoices = [];
    private long lastNumber;

    public Task<Invoice> IssueAsync(InvoiceDraft draft)
    {
        InvoiceDrafts.Validate(draft);
        var key = InvoiceDrafts.KeyOf(draft);
        if (!invoices.TryGetValue(key, out var invoice))
        {
            invoice = Invoice.Issue(lastNumber + 1, InvoiceDrafts.Normalize(draft));
            invoices.Add(key, invoice);
            lastNumber = invoice.Number;
        }

        return Task.FromResult(invoice);
    }

    public Task<Invoice?> FindAsync(string customer, BillingMonth month) =>
        Task.FromResult(invoices.GetValueOrDefault(new InvoiceKey(customer, month)));

    public Task<IReadOnlyList<Invoice>> ListAsync(string customer) =>
        Task.FromResult<IReadOnlyList<Invoice>>(
            [.. invoices.Values.Where(invoice => invoice.Customer == customer).OrderByDescending(invoice => invoice.Month)]);

    public Task<long> CountAsync() => Task.FromResult(lastNumber);
}
