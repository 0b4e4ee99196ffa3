namespace Billing.Usage;

/// <summary>A customer's total so far in one month not invoiced yet, as its grain last knew it.</summary>
/// <param name="Customer">The customer id.</param>
/// <param name="Month">The calendar month.</param>
/// <param name="Total">The month's sub-total so far, in the billing currency.</param>
/// <param name="UpdatedAt">When the customer's usage last changed (wall-clock time of its silo).</param>
[GenerateSerializer]
[Immutable]
[Alias("billing.customer-standing")]
public sealed record CustomerStanding(
    [property: Id(0)] string Customer,
    [property: Id(1)] BillingMonth Month,
    [property: Id(2)] decimal Total,
    [property: Id(3)] DateTimeOffset UpdatedAt);
