using Billing.Events;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Billing.IntegrationTests.Infrastructure;

/// <summary>A grain that records what its implicit stream subscription delivers to the <see cref="DeliveryProbe"/>.</summary>
public abstract class ProbeGrain(DeliveryProbe probe, ILocalSiloDetails silo)
    : Grain, IStreamSubscriptionObserver, IAsyncBatchObserver<IngestedEvent>
{
    protected abstract string Namespace { get; }

    /// <summary>Whether this grain throws on batches of poisoned customers (see <see cref="DeliveryProbe.Poison"/>).</summary>
    protected abstract bool RefusesPoison { get; }

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<IngestedEvent>().ResumeAsync(this);

    public async Task OnNextAsync(IList<SequentialItem<IngestedEvent>> items)
    {
        if (RefusesPoison && items.Any(item => probe.IsPoisoned(item.Item.Event.Customer)))
        {
            throw new InvalidOperationException("This probe refuses poisoned customers: poisoned batch.");
        }

        await probe.HoldAsync();
        probe.Record(Namespace, this.GetPrimaryKeyString(), items.Select(item => item.Item), silo.SiloAddress.ToString());
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
