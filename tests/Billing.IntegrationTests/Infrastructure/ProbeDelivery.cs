using Billing.Events;

namespace Billing.IntegrationTests.Infrastructure;

/// <summary>One event as a probe grain received it: which stream, which batch, on which silo.</summary>
public sealed record ProbeDelivery(string Namespace, string Key, IngestedEvent Event, int Batch, string Silo);
