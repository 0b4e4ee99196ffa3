using Billing.Usage;

namespace Billing.Invoices;

/// <summary>
/// Late usage carried onto an invoice: events of an earlier month that arrived after that month had closed.
/// </summary>
/// <param name="Month">The month the late events belong to (always before the invoice's month).</param>
/// <param name="Count">How many late events of that month.</param>
/// <param name="Amount">Their amounts summed, in the invoice's currency.</param>
[GenerateSerializer]
[Immutable]
[Alias("billing.invoice-adjustment")]
public sealed record InvoiceAdjustment([property: Id(0)] BillingMonth Month, [property: Id(1)] int Count, [property: Id(2)] decimal Amount);
