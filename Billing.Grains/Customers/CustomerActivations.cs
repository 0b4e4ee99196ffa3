using Billing.Grains.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Billing.Grains.Customers;

/// <summary>
/// Bounds the customer grains this silo keeps active to <see cref="BillingOptions.MaxActiveCustomers"/>: when one
/// more activates, the least recently used is deactivated. A customer's state is stored with every batch, so
/// deactivating one loses nothing; its next event or query activates it again from the store. Without the bound,
/// a silo holds every customer it has seen for Orleans' collection age (15 minutes), about 14 KB each: 100,000
/// customers of a cold start would hold more than a gigabyte.
/// </summary>
/// <remarks>
/// Counting activations, rather than reacting to memory pressure, bounds memory before it is needed: Orleans'
/// shedding only acts after a full collection, and a cold start allocates faster than that.
/// </remarks>
public sealed class CustomerActivations(IOptions<BillingOptions> options, ILogger<CustomerActivations> logger)
{
    private static readonly DeactivationReason OverBudget =
        new(DeactivationReasonCode.ApplicationRequested, $"More than Billing:{nameof(BillingOptions.MaxActiveCustomers)} customers are active on this silo.");

    private readonly Lock gate = new();
    private readonly LeastRecentlyUsed<string, IGrainContext> active = new(options.Value.MaxActiveCustomers, StringComparer.Ordinal);
    private long deactivated;

    /// <summary>Customer activations this silo has deactivated to stay within the bound, since it started.</summary>
    public long Deactivated => Interlocked.Read(ref deactivated);

    /// <summary><paramref name="customer"/>'s grain activated here: the least recently used beyond the bound deactivate.</summary>
    public void Activated(string customer, IGrainContext activation)
    {
        List<IGrainContext> over;
        lock (gate)
        {
            over = active.Add(customer, activation);
        }

        foreach (var evicted in over)
        {
            // Deactivation waits for the call in progress, if any; calls queued behind it go to a new activation.
            evicted.Deactivate(OverBudget);
            if (Interlocked.Increment(ref deactivated) == 1)
            {
                CustomerLog.ActivationBoundReached(logger, options.Value.MaxActiveCustomers);
            }
        }
    }

    /// <summary><paramref name="customer"/>'s grain took an event, a query or a subscriber: it is the most recently used.</summary>
    public void Used(string customer)
    {
        lock (gate)
        {
            active.Touch(customer);
        }
    }

    /// <summary><paramref name="customer"/>'s grain, this <paramref name="activation"/> of it, deactivated.</summary>
    public void Deactivating(string customer, IGrainContext activation)
    {
        lock (gate)
        {
            active.Remove(customer, activation);
        }
    }
}
