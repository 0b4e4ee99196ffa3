using Billing.Usage;

namespace Billing.Grains.Domain;

/// <summary>Everything a customer grain persists, in one record written once per batch.</summary>
[GenerateSerializer]
[Alias("billing.customer-usage-state")]
public sealed class CustomerUsageState
{
    [Id(0)]
    public Dictionary<BillingMonth, MonthlyWindow> Months { get; init; } = [];

    [Id(1)]
    public AppliedOffsets Offsets { get; init; } = new();

    [Id(2)]
    public DateTimeOffset? UpdatedAt { get; set; }
}
