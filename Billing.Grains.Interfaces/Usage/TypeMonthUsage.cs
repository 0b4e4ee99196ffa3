namespace Billing.Usage;

/// <summary>One event type's usage across all customers in one month.</summary>
/// <param name="Month">The calendar month.</param>
/// <param name="Count">How many events.</param>
/// <param name="Total">Their amounts summed.</param>
[GenerateSerializer]
[Immutable]
[Alias("billing.type-month-usage")]
public sealed record TypeMonthUsage([property: Id(0)] BillingMonth Month, [property: Id(1)] int Count, [property: Id(2)] decimal Total);
