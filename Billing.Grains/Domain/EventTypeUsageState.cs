using Billing.Grains.Deduplication;
using Billing.Usage;

namespace Billing.Grains.Domain;

/// <summary>Everything an event-type grain persists, in one record written once per batch.</summary>
[GenerateSerializer]
[Alias("billing.event-type-usage-state")]
public sealed class EventTypeUsageState
{
    [Id(0)]
    public Dictionary<BillingMonth, MonthTotal> Months { get; init; } = [];

    [Id(1)]
    public AppliedOffsets Offsets { get; init; } = new();

    [Id(2)]
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>The ids (with their customers) of the events counted in the months kept, and how many copies were not counted.</summary>
    [Id(3)]
    public StoredEventIds EventIds { get; init; } = new();
}
