using Billing.Events;
using Billing.Grains.Domain;
using Billing.Streams;
using Billing.Usage;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Orleans.Streams.Core;
using Orleans.Utilities;

namespace Billing.Grains.Customers;

/// <summary>
/// Consumes one customer's stream in batches: applies each batch to the monthly windows exactly once, writes
/// the state once per batch, and pushes the new usage to subscribed observers.
/// </summary>
[ImplicitStreamSubscription(BillingStreams.CustomerNamespace)]
public sealed class CustomerGrain(
    [PersistentState("customer-usage", BillingStorage.Name)] IPersistentState<CustomerUsageState> state,
    TimeProvider time,
    ILogger<CustomerGrain> logger)
    : Grain, ICustomerGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<IngestedEvent>
{
    private static readonly TimeSpan ObserverExpiry = TimeSpan.FromMinutes(3);

    private readonly ObserverManager<ICustomerUsageObserver> observers = new(ObserverExpiry, logger);

    // Once per activation rather than a persisted flag: if the directory lost a recent entry in a crash,
    // the customer's next events put it back.
    private bool listed;

    private string Customer => this.GetPrimaryKeyString();

    public Task<CustomerUsage?> GetUsageAsync() => Task.FromResult(CustomerLedger.Describe(Customer, state.State));

    public Task SubscribeAsync(ICustomerUsageObserver observer)
    {
        observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(ICustomerUsageObserver observer)
    {
        observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<IngestedEvent>().ResumeAsync(this);

    public async Task OnNextAsync(IList<SequentialItem<IngestedEvent>> items)
    {
        if (CustomerLedger.Apply(state.State, items.Select(item => item.Item), time.GetUtcNow()) == 0)
        {
            return;
        }

        await state.WriteOrDeactivateAsync(GrainContext);
        if (!listed)
        {
            await GrainFactory.GetGrain<ICustomerDirectoryGrain>(0).AddAsync(Customer);
            listed = true;
        }

        if (observers.Count > 0 && CustomerLedger.Describe(Customer, state.State) is { } usage)
        {
            await observers.Notify(observer => observer.OnUsageChangedAsync(usage));
        }
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
