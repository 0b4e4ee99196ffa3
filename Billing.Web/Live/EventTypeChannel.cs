using Billing.Events;
using Billing.Grains;
using Billing.Usage;

namespace Billing.Web.Live;

/// <summary>The observer of one event type's grain; see <see cref="UsageChannel{TUsage}"/>.</summary>
internal sealed class EventTypeChannel(EventType type, IGrainFactory grains, TimeProvider time, ILogger logger)
    : UsageChannel<EventTypeUsage>("event type", type.WireName(), time, logger), IEventTypeUsageObserver
{
    private IEventTypeUsageObserver? reference;

    private IEventTypeGrain Grain => grains.GetGrain<IEventTypeGrain>(Key);

    public Task OnUsageChangedAsync(EventTypeUsage usage) => DeliverAsync(usage);

    protected override void CreateReference() => reference = grains.CreateObjectReference<IEventTypeUsageObserver>(this);

    protected override void DeleteReference() => grains.DeleteObjectReference<IEventTypeUsageObserver>(reference!);

    protected override Task SubscribeToGrainAsync() => Grain.SubscribeAsync(reference!);

    protected override Task UnsubscribeFromGrainAsync() => Grain.UnsubscribeAsync(reference!);

    protected override Task<EventTypeUsage?> ReadAsync() => Grain.GetUsageAsync();
}
