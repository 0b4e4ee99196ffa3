using Billing.Usage;

namespace Billing.Invoices;

/// <summary>
/// An invoice as the customer grain freezes it when its month closes, before the store gives it a number.
/// Persisted with the grain's state, so every retry issues exactly this content.
/// </summary>
/// <param name="Customer">The customer id.</param>
/// <param name="Month">The month invoiced.</param>
/// <param name="Currency">The billing currency, an ISO 4217 code.</param>
/// <param name="Lines">Usage of the month per event type, in type order; only types that occurred.</param>
/// <param name="Adjustments">Late usage of earlier months, oldest month first.</param>
/// <param name="IssuedAt">When the month was closed (wall-clock time of the silo).</param>
[GenerateSerializer]
[Immutable]
[Alias("billing.invoice-draft")]
public sealed record InvoiceDraft(
    [property: Id(0)] string Customer,
    [property: Id(1)] BillingMonth Month,
    [property: Id(2)] string Currency,
    [property: Id(3)] IReadOnlyList<InvoiceLine> Lines,
    [property: Id(4)] IReadOnlyList<InvoiceAdjustment> Adjustments,
    [property: Id(5)] DateTimeOffset IssuedAt)
{
    /// <summary>Lines plus adjustments.</summary>
    public decimal Total => Lines.Sum(line => line.Amount) + Adjustments.Sum(adjustment => adjustment.Amount);
}
