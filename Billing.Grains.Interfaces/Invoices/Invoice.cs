using Billing.Usage;

namespace Billing.Invoices;

/// <summary>An issued invoice: immutable, one per customer and month.</summary>
/// <param name="Number">Unique across the deployment, increasing in issue order, without gaps (1, 2, 3, …).</param>
/// <param name="Customer">The customer id.</param>
/// <param name="Month">The month invoiced.</param>
/// <param name="Currency">The billing currency, an ISO 4217 code.</param>
/// <param name="Lines">Usage of the month per event type, in type order; only types that occurred.</param>
/// <param name="Adjustments">Late usage of earlier months, oldest month first.</param>
/// <param name="IssuedAt">When the month was closed.</param>
[GenerateSerializer]
[Immutable]
[Alias("billing.invoice")]
public sealed record Invoice(
    [property: Id(0)] long Number,
    [property: Id(1)] string Customer,
    [property: Id(2)] BillingMonth Month,
    [property: Id(3)] string Currency,
    [property: Id(4)] IReadOnlyList<InvoiceLine> Lines,
    [property: Id(5)] IReadOnlyList<InvoiceAdjustment> Adjustments,
    [property: Id(6)] DateTimeOffset IssuedAt)
{
    /// <summary>Lines plus adjustments.</summary>
    public decimal Total => Lines.Sum(line => line.Amount) + Adjustments.Sum(adjustment => adjustment.Amount);

    /// <summary>The invoice <paramref name="draft"/> becomes under <paramref name="number"/>.</summary>
    public static Invoice Issue(long number, InvoiceDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        return new Invoice(number, draft.Customer, draft.Month, draft.Currency, draft.Lines, draft.Adjustments, draft.IssuedAt);
    }

    /// <summary>Whether this invoice carries exactly the content of <paramref name="draft"/>.</summary>
    public bool HasContentOf(InvoiceDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return Customer == draft.Customer && Month == draft.Month && Currency == draft.Currency
            && IssuedAt == draft.IssuedAt && Lines.SequenceEqual(draft.Lines) && Adjustments.SequenceEqual(draft.Adjustments);
    }
}
