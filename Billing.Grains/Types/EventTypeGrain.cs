using Billing.Events;
using Billing.Grains.Domain;
using Billing.Streams;
using Billing.Usage;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Billing.Grains.Types;

/// <summary>Consumes one event type's stream in batches into monthly totals across customers, exactly once.</summary>
[ImplicitStreamSubscription(BillingStreams.TypeNamespace)]
public sealed class EventTypeGrain(
    [PersistentState("event-type-usage", BillingStorage.Name)] IPersistentState<EventTypeUsageState> state,
    TimeProvider time)
    : Grain, IEventTypeGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<IngestedEvent>
{
    public Task<EventTypeUsage?> GetUsageAsync() =>
        Task.FromResult(EventTypes.TryParseWireName(this.GetPrimaryKeyString(), out var type)
            ? EventTypeLedger.Describe(type, state.State)
            : null);

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<IngestedEvent>().ResumeAsync(this);

    public async Task OnNextAsync(IList<SequentialItem<IngestedEvent>> items)
    {
        if (EventTypeLedger.Apply(state.State, items.Select(item => item.Item), time.GetUtcNow()) == 0)
        {
            return;
        }

        await state.WriteOrDeactivateAsync(GrainContext);
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
