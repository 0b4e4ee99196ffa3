using Billing.Invoices;
using Billing.Usage;

namespace Billing.Grains;

/// <summary>Reads issued invoices from the invoice store. Stateless: any silo answers, several at once.</summary>
public interface IInvoiceQueryGrain : IGrainWithIntegerKey
{
    /// <summary>The customer's invoices, newest month first; empty when there are none.</summary>
    Task<IReadOnlyList<Invoice>> ListAsync(string customer);

    /// <summary>The customer's invoice for <paramref name="month"/>, or null when none was issued.</summary>
    Task<Invoice?> FindAsync(string customer, BillingMonth month);

    /// <summary>How many invoices have been issued in the deployment.</summary>
    Task<long> CountAsync();
}
