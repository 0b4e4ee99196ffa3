using Billing.Streams;

namespace Billing.IntegrationTests.Infrastructure;

public interface ICustomerProbeGrain : IGrainWithStringKey;

/// <summary>Records customer streams; refuses poisoned customers to exercise the delivery-failure path.</summary>
[ImplicitStreamSubscription(BillingStreams.CustomerNamespace)]
public sealed class CustomerProbeGrain(DeliveryProbe probe, ILocalSiloDetails silo) : ProbeGrain(probe, silo), ICustomerProbeGrain
{
    protected override string Namespace => BillingStreams.CustomerNamespace;

    protected override bool RefusesPoison => true;
}
