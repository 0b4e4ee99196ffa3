using Billing.Invoices;
using Billing.Usage;

namespace Billing.Grains.Invoicing;

/// <summary>Keeps the failing customer-months in memory; see <see cref="IInvoicingHealthGrain"/>.</summary>
public sealed class InvoicingHealthGrain(TimeProvider time) : Grain, IInvoicingHealthGrain
{
    private readonly HashSet<(string Customer, BillingMonth Month)> failing = [];
    private InvoicingFailure? lastFailure;
    private DateTimeOffset? lastRecoveryAt;

    public Task ReportFailureAsync(InvoicingFailure failure)
    {
        failing.Add((failure.Customer, failure.Month));
        lastFailure = failure;
        return Task.CompletedTask;
    }

    public Task ReportRecoveredAsync(string customer, BillingMonth month)
    {
        if (failing.Remove((customer, month)))
        {
            lastRecoveryAt = time.GetUtcNow();
        }

        return Task.CompletedTask;
    }

    public Task<InvoicingHealth> GetAsync() => Task.FromResult(new InvoicingHealth(failing.Count, lastFailure, lastRecoveryAt));
}
