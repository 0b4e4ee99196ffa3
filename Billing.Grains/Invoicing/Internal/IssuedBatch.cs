using Billing.Invoices;

namespace Billing.Grains.Invoicing.Internal;

/// <summary>What one committed batch holds: the invoice of every key in it, and how many were new.</summary>
/// <param name="Invoices">The stored invoice of every key of the batch, new or already there.</param>
/// <param name="IssuedCount">How many invoices the batch inserted.</param>
/// <param name="LastNumber">The counter after the batch.</param>
internal sealed record IssuedBatch(IReadOnlyDictionary<InvoiceKey, Invoice> Invoices, int IssuedCount, long LastNumber);
