using Billing.Usage;
using Orleans.Concurrency;

namespace Billing.Grains;

/// <summary>Receives an event type's usage each time it changes (server push to the admin view).</summary>
public interface IEventTypeUsageObserver : IGrainObserver
{
    /// <summary>The type's usage after a change. One-way: the grain does not wait for the observer.</summary>
    [OneWay]
    Task OnUsageChangedAsync(EventTypeUsage usage);
}
