namespace Billing.Usage;

/// <summary>The customers with the highest totals in one month.</summary>
/// <param name="Month">The calendar month.</param>
/// <param name="Customers">Highest total first; equal totals in ordinal order of the customer id.</param>
[GenerateSerializer]
[Immutable]
[Alias("billing.month-standings")]
public sealed record MonthStandings(
    [property: Id(0)] BillingMonth Month,
    [property: Id(1)] IReadOnlyList<CustomerStanding> Customers);
