using Billing.Events;
using Billing.Grains.Deduplication;
using Billing.Grains.Domain;
using Billing.Streams;
using Billing.Usage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Orleans.Streams;
using Orleans.Streams.Core;
using Orleans.Utilities;

namespace Billing.Grains.Types;

/// <summary>
/// Consumes one event type's stream in batches into monthly totals across customers, exactly once, and pushes
/// the new usage to subscribed observers after each batch is written. A copy of an event already counted (the
/// same customer and id) is left out here as it is by its customer, by the same rule and horizon.
/// </summary>
[ImplicitStreamSubscription(BillingStreams.TypeNamespace)]
public sealed class EventTypeGrain(
    [PersistentState(EventTypeGrain.StateName, BillingStorage.Name)] IPersistentState<EventTypeUsageState> state,
    [FromKeyedServices(BillingStorage.Name)] IGrainStorage storage,
    EventIdRetention idRetention,
    TimeProvider time,
    ILogger<EventTypeGrain> logger)
    : Grain, IEventTypeGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<IngestedEvent>
{
    private const string StateName = "event-type-usage";

    private static readonly TimeSpan ObserverExpiry = TimeSpan.FromMinutes(3);

    private readonly ObserverManager<IEventTypeUsageObserver> observers = new(ObserverExpiry, logger);

    // The state's event ids, with their pages read at activation.
    private EventIdStore? eventIds;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        eventIds = await EventIdStore.LoadAsync(state.State.EventIds, storage, this.GetGrainId(), StateName, logger);

    public Task<EventTypeUsage?> GetUsageAsync() => Task.FromResult(Describe());

    public Task SubscribeAsync(IEventTypeUsageObserver observer)
    {
        observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IEventTypeUsageObserver observer)
    {
        observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<IngestedEvent>().ResumeAsync(this);

    public async Task OnNextAsync(IList<SequentialItem<IngestedEvent>> items)
    {
        var ids = eventIds ?? throw new InvalidOperationException("An event type's ids are read at activation.");
        var keepIdsFrom = idRetention.KeepFrom;
        ids.Forget(keepIdsFrom);
        if (EventTypeLedger.Apply(state.State, items.Select(item => item.Item), time.GetUtcNow(), ids.Seen, keepIdsFrom) == 0)
        {
            return;
        }

        await ids.WriteWithStateAsync(GrainContext, () => state.WriteOrDeactivateAsync(GrainContext));
        if (observers.Count > 0 && Describe() is { } usage)
        {
            await observers.Notify(observer => observer.OnUsageChangedAsync(usage));
        }
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    private EventTypeUsage? Describe() =>
        EventTypes.TryParseWireName(this.GetPrimaryKeyString(), out var type)
            ? EventTypeLedger.Describe(type, state.State)
            : null;
}
