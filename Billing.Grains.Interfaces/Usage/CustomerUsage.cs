using Billing.Invoices;

namespace Billing.Usage;

/// <summary>What a customer has used in its months not yet invoiced.</summary>
/// <param name="Customer">The customer id.</param>
/// <param name="OpenMonths">
/// Every month not invoiced yet, oldest first, with status <c>open</c> or <c>closing</c> (two near a month
/// boundary; more while invoices wait for a failing store).
/// </param>
/// <param name="UpdatedAt">When the usage last changed (wall-clock time of the silo), or null if never.</param>
/// <param name="PendingAdjustments">Late usage of closed months, to be carried on the next invoice; oldest first.</param>
/// <param name="LateEvents">How many events ever arrived after their month had closed.</param>
/// <param name="Duplicates">How many records carried the id of an event already counted, and were not counted again.</param>
[GenerateSerializer]
[Immutable]
[Alias("billing.customer-usage")]
public sealed record CustomerUsage(
    [property: Id(0)] string Customer,
    [property: Id(1)] IReadOnlyList<MonthUsage> OpenMonths,
    [property: Id(2)] DateTimeOffset? UpdatedAt,
    [property: Id(3)] IReadOnlyList<InvoiceAdjustment> PendingAdjustments,
    [property: Id(4)] int LateEvents,
    [property: Id(5)] long Duplicates = 0)
{
    /// <summary>The most recent month not invoiced, which the prototype-compatible routes answer with; null when there is none.</summary>
    public MonthUsage? Current => OpenMonths.Count == 0 ? null : OpenMonths[^1];
}
