namespace Billing.Usage;

/// <summary>
/// What the customer directory knows of one customer: the months it holds that are not invoiced yet, and the
/// month whose closing will next give it an invoice (also for late usage alone, without a window).
/// </summary>
/// <param name="Customer">The customer id.</param>
/// <param name="OpenMonths">The months of its windows not invoiced yet (open or closing), oldest first.</param>
/// <param name="NextClosing">The month whose closing makes its next invoice due, or null when nothing waits.</param>
[GenerateSerializer]
[Immutable]
[Alias("billing.customer-months")]
public sealed record CustomerMonths(
    [property: Id(0)] string Customer,
    [property: Id(1)] IReadOnlyList<BillingMonth> OpenMonths,
    [property: Id(2)] BillingMonth? NextClosing)
{
    /// <summary>The same customer, months and next closing (records compare lists by reference).</summary>
    public bool SameAs(CustomerMonths? other) =>
        other is not null && other.Customer == Customer && other.NextClosing == NextClosing && other.OpenMonths.SequenceEqual(OpenMonths);
}
