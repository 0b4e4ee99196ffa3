using Billing.Usage;
using Orleans.Concurrency;

namespace Billing.Grains;

/// <summary>Receives a customer's usage each time it changes (server push to the web app).</summary>
public interface ICustomerUsageObserver : IGrainObserver
{
    /// <summary>The customer's usage after a change. One-way: the grain does not wait for the observer.</summary>
    [OneWay]
    Task OnUsageChangedAsync(CustomerUsage usage);
}
