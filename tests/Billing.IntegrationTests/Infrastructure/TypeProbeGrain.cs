using Billing.Streams;

namespace Billing.IntegrationTests.Infrastructure;

public interface ITypeProbeGrain : IGrainWithStringKey;

/// <summary>Records type streams; accepts everything.</summary>
[ImplicitStreamSubscription(BillingStreams.TypeNamespace)]
public sealed class TypeProbeGrain(DeliveryProbe probe, ILocalSiloDetails silo) : ProbeGrain(probe, silo), ITypeProbeGrain
{
    protected override string Namespace => BillingStreams.TypeNamespace;

    protected override bool RefusesPoison => false;
}
