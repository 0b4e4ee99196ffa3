using Billing.Events;
using Billing.Streams;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Billing.Benchmarks;

public interface ICustomerCountingGrain : IGrainWithStringKey;

public interface ITypeCountingGrain : IGrainWithStringKey;

/// <summary>Consumes a stream in batches and adds what it got to the <see cref="DeliveryCounter"/>.</summary>
internal abstract class CountingGrain(DeliveryCounter counter, bool customerStream)
    : Grain, IStreamSubscriptionObserver, IAsyncBatchObserver<IngestedEvent>
{
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<IngestedEvent>().ResumeAsync(this);

    public Task OnNextAsync(IList<SequentialItem<IngestedEvent>> items)
    {
        var amount = 0m;
        foreach (var item in items)
        {
            amount += item.Item.Event.Amount;
        }

        counter.Add(customerStream, items.Count, amount);
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}

[ImplicitStreamSubscription(BillingStreams.CustomerNamespace)]
internal sealed class CustomerCountingGrain(DeliveryCounter counter) : CountingGrain(counter, customerStream: true), ICustomerCountingGrain;

[ImplicitStreamSubscription(BillingStreams.TypeNamespace)]
internal sealed class TypeCountingGrain(DeliveryCounter counter) : CountingGrain(counter, customerStream: false), ITypeCountingGrain;
