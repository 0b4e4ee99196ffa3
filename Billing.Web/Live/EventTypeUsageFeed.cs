using Billing.Events;
using Billing.Usage;

namespace Billing.Web.Live;

/// <summary>Server push of usage by event type to the admin view; see <see cref="UsageFeed{TKey, TUsage}"/>.</summary>
public sealed class EventTypeUsageFeed(IGrainFactory grains, TimeProvider time, ILogger<EventTypeUsageFeed> logger)
    : UsageFeed<EventType, EventTypeUsage>
{
    private protected override UsageChannel<EventTypeUsage> CreateChannel(EventType type) => new EventTypeChannel(type, grains, time, logger);
}
