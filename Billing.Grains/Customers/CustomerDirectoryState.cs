using Billing.Usage;

namespace Billing.Grains.Customers;

/// <summary>The customers the directory knows, and the months each holds not invoiced yet.</summary>
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
}
