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
}
