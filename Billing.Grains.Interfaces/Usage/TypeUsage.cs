using Billing.Events;

namespace Billing.Usage;

/// <summary>What one event type added up to within a window.</summary>
/// <param name="Type">The event type.</param>
/// <param name="Count">How many events.</param>
/// <param name="Total">Their amounts summed, in the billing currency.</param>
[GenerateSerializer]
[Immutable]
[Alias("billing.type-usage")]
public sealed record TypeUsage([property: Id(0)] EventType Type, [property: Id(1)] int Count, [property: Id(2)] decimal Total);
