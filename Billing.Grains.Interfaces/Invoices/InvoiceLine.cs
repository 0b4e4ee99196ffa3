using Billing.Events;

namespace Billing.Invoices;

/// <summary>What one event type added to an invoice's month.</summary>
/// <param name="Type">The event type.</param>
/// <param name="Count">How many events of the type the month had.</param>
/// <param name="Amount">Their amounts summed, in the invoice's currency.</param>
[GenerateSerializer]
[Immutable]
[Alias("billing.invoice-line")]
public sealed record InvoiceLine([property: Id(0)] EventType Type, [property: Id(1)] int Count, [property: Id(2)] decimal Amount);
