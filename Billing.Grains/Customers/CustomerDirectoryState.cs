using Billing.Usage;

namespace Billing.Grains.Customers;

/// <summary>The customers of one directory shard, the months each holds not invoiced yet, and when each is next due.</summary>
[GenerateSerializer]
[Alias("billing.customer-directory-state")]
public sealed class CustomerDirectoryState
{
    [Id(0)]
    public HashSet<string> Customers { get; init; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Per customer, its open or closing months, oldest first, as it last reported them; a customer without
    /// such months has no entry. State written before months were kept has none at all: those customers
    /// count no window until they report again.
    /// </summary>
    [Id(1)]
    public Dictionary<string, BillingMonth[]> OpenMonths { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Per customer, the month whose closing makes its next invoice due; customers with nothing due have no entry.</summary>
    [Id(2)]
    public Dictionary<string, BillingMonth> NextClosing { get; init; } = new(StringComparer.Ordinal);
}
