using Billing.Events;
using Billing.Streams;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Billing.IntegrationTests.Infrastructure;

/// <summary>A grain that records what its implicit stream subscription delivers to the <see cref="DeliveryProbe"/>.</summary>
public interface ICustomerProbeGrain : IGrainWithStringKey;

/// <summary>The same, for type streams.</summary>
public interface ITypeProbeGrain : IGrainWithStringKey;

public abstract class ProbeGrain(DeliveryProbe probe, ILocalSiloDetails silo)
    : Grain, IStreamSubscriptionObserver, IAsyncBatchObserver<IngestedEvent>
{
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<IngestedEvent>().ResumeAsync(this);

    public Task OnNextAsync(IList<SequentialItem<IngestedEvent>> items)
    {
        if (items.Any(item => probe.IsPoisoned(item.Item.Event.Customer)))
        {
            throw new InvalidOperationException("This probe refuses poisoned customers.");
        }

        var streamId = this.GetPrimaryKeyString();
        probe.Record(Namespace, streamId, items.Select(item => item.Item), silo.SiloAddress.ToString());
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    protected abstract string Namespace { get; }
}

[ImplicitStreamSubscription(BillingStreams.CustomerNamespace)]
public sealed class CustomerProbeGrain(DeliveryProbe probe, ILocalSiloDetails silo) : ProbeGrain(probe, silo), ICustomerProbeGrain
{
    protected override string Namespace => BillingStreams.CustomerNamespace;
}

[ImplicitStreamSubscription(BillingStreams.TypeNamespace)]
public sealed class TypeProbeGrain(DeliveryProbe probe, ILocalSiloDetails silo) : ProbeGrain(probe, silo), ITypeProbeGrain
{
    protected override string Namespace => BillingStreams.TypeNamespace;
}
