namespace Billing.Grains.Customers;

/// <summary>The customers the directory knows.</summary>
[GenerateSerializer]
[Alias("billing.customer-directory-state")]
public sealed class CustomerDirectoryState
{
    [Id(0)]
    public HashSet<string> Customers { get; init; } = new(StringComparer.Ordinal);
}
