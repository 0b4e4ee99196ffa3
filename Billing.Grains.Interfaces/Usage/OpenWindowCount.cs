namespace Billing.Usage;

/// <summary>How many customers have a month's window open: usage of that month not invoiced yet.</summary>
/// <param name="Month">The calendar month.</param>
/// <param name="Windows">How many customers hold a window of the month, open or closing.</param>
[GenerateSerializer]
[Immutable]
[Alias("billing.open-window-count")]
public sealed record OpenWindowCount([property: Id(0)] BillingMonth Month, [property: Id(1)] int Windows);
