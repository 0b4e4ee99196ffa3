namespace Billing.Usage;

/// <summary>A customer's usage in one open month.</summary>
/// <param name="Month">The calendar month.</param>
/// <param name="Count">How many events.</param>
/// <param name="Total">The sub-total so far, in the billing currency.</param>
/// <param name="ByType">Count and total per event type that occurred, in type order.</param>
/// <param name="Status">Where the month is in its life: <see cref="MonthStatus.Open"/> or <see cref="MonthStatus.Closing"/>.</param>
/// <param name="ByDay">
/// The total per day of the month in UTC, the 1st first, one entry per day of the month; empty (or null, from
/// an older sender) when the days were not kept.
/// </param>
[GenerateSerializer]
[Immutable]
[Alias("billing.month-usage")]
public sealed record MonthUsage(
    [property: Id(0)] BillingMonth Month,
    [property: Id(1)] int Count,
    [property: Id(2)] decimal Total,
    [property: Id(3)] IReadOnlyList<TypeUsage> ByType,
    [property: Id(4)] string Status,
    [property: Id(5)] IReadOnlyList<decimal>? ByDay = null);
