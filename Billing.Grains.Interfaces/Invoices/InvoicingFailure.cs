using Billing.Usage;

namespace Billing.Invoices;

/// <summary>A failed attempt to issue an invoice; the month stays closing and is retried.</summary>
/// <param name="Customer">The customer.</param>
/// <param name="Month">The month being invoiced.</param>
/// <param name="Stage">Where it failed: <c>store</c> or <c>files</c>.</param>
/// <param name="Message">The error's message.</param>
/// <param name="At">When it failed.</param>
[GenerateSerializer]
[Immutable]
[Alias("billing.invoicing-failure")]
public sealed record InvoicingFailure(
    [property: Id(0)] string Customer,
    [property: Id(1)] BillingMonth Month,
    [property: Id(2)] string Stage,
    [property: Id(3)] string Message,
    [property: Id(4)] DateTimeOffset At);
