using Billing.Invoices;
using Billing.Usage;
using Orleans.Concurrency;

namespace Billing.Grains;

/// <summary>
/// Collects invoicing failures from customer grains (key 0), so the status route can show them. Not
/// persisted: a failing customer reports again on its next attempt.
/// </summary>
public interface IInvoicingHealthGrain : IGrainWithIntegerKey
{
    /// <summary>An attempt to issue a customer's invoice failed.</summary>
    [OneWay]
    Task ReportFailureAsync(InvoicingFailure failure);

    /// <summary>A customer's invoice that had failed was issued.</summary>
    [OneWay]
    Task ReportRecoveredAsync(string customer, BillingMonth month);

    /// <summary>The current picture.</summary>
    [ReadOnly]
    Task<InvoicingHealth> GetAsync();
}
