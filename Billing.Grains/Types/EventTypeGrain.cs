using Billing.Events;
using Billing.Grains.Domain;
using Billing.Streams;
using Billing.Usage;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Orleans.Streams.Core;
using Orleans.Utilities;

namespace Billing.Grains.Types;

/// <summary>
/// Consumes one event type's stream in batches into monthly totals across customers, exactly once, and pushes
/// the new usage to subscribed observers after each batch is written.
/// </summary>
[ImplicitStreamSubscription(BillingStreams.TypeNamespace)]
public sealed class EventTypeGrain(
    [PersistentState("event-type-usage", BillingStorage.Name)] IPersistentState<EventTypeUsageState> state,
    TimeProvider time,
    ILogger<EventTypeGrain> logger)
    : Grain, IEventTypeGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<IngestedEvent>
{
    private static readonly TimeSpan ObserverExpiry = TimeSpan.FromMinutes(3);

    private readonly ObserverManager<IEventTypeUsageObserver> observers = new(ObserverExpiry, logger);

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
        if (EventTypeLedger.Apply(state.State, items.Select(item => item.Item), time.GetUtcNow()) == 0)
        {
            return;
        }

        await state.WriteOrDeactivateAsync(GrainContext);
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
