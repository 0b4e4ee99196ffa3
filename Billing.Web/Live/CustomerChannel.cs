using Billing.Grains;
using Billing.Usage;

namespace Billing.Web.Live;

/// <summary>The observer of one customer's grain; see <see cref="UsageChannel{TUsage}"/>.</summary>
internal sealed class CustomerChannel(string customer, IGrainFactory grains, TimeProvider time, ILogger logger)
    : UsageChannel<CustomerUsage>("customer", customer, time, logger), ICustomerUsageObserver
{
    private ICustomerUsageObserver? reference;

    private ICustomerGrain Grain => grains.GetGrain<ICustomerGrain>(Key);

    public Task OnUsageChangedAsync(CustomerUsage usage) => DeliverAsync(usage);

    protected override void CreateReference() => reference = grains.CreateObjectReference<ICustomerUsageObserver>(this);

    protected override void DeleteReference() => grains.DeleteObjectReference<ICustomerUsageObserver>(reference!);

    protected override Task SubscribeToGrainAsync() => Grain.SubscribeAsync(reference!);

    protected override Task UnsubscribeFromGrainAsync() => Grain.UnsubscribeAsync(reference!);

    protected override Task<CustomerUsage?> ReadAsync() => Grain.GetUsageAsync();
}
