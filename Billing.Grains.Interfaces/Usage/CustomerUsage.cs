namespace Billing.Usage;

/// <summary>What a customer has used in its open months.</summary>
/// <param name="Customer">The customer id.</param>
/// <param name="OpenMonths">Every month still open, oldest first (two near a month boundary, or more while months await closing).</param>
/// <param name="UpdatedAt">When the usage last changed (wall-clock time of the silo), or null if never.</param>
[GenerateSerializer]
[Immutable]
[Alias("billing.customer-usage")]
public sealed record CustomerUsage(
    [property: Id(0)] string Customer,
    [property: Id(1)] IReadOnlyList<MonthUsage> OpenMonths,
    [property: Id(2)] DateTimeOffset? UpdatedAt)
{
    /// <summary>The most recent open month, which the prototype-compatible routes answer with; null when there is none.</summary>
    public MonthUsage? Current => OpenMonths.Count == 0 ? null : OpenMonths[^1];
}
