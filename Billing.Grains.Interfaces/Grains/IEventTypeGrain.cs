using Billing.Usage;

namespace Billing.Grains;

/// <summary>
/// One event type (the grain key is its wire name, e.g. <c>CALL</c>): consumes the type's event stream and keeps
/// monthly totals across customers.
/// </summary>
public interface IEventTypeGrain : IGrainWithStringKey
{
    /// <summary>The type's months, or null when no event of this type was ever counted.</summary>
    Task<EventTypeUsage?> GetUsageAsync();

    /// <summary>
    /// Subscribes <paramref name="observer"/> to usage changes. Subscriptions expire after a few minutes:
    /// subscribe again periodically to keep one.
    /// </summary>
    Task SubscribeAsync(IEventTypeUsageObserver observer);

    /// <summary>Ends a subscription.</summary>
    Task UnsubscribeAsync(IEventTypeUsageObserver observer);
}
