namespace Billing.Grains.Invoicing;

/// <summary>Issuing an invoice failed at <see cref="Stage"/>; nothing issued is lost, the attempt is retried.</summary>
public sealed class InvoiceSinkException(string stage, Exception inner)
    : Exception($"The invoice {stage} failed: {inner.Message}", inner)
{
    /// <summary><see cref="InvoiceIssuer.StoreStage"/> or <see cref="InvoiceIssuer.FilesStage"/>.</summary>
    public string Stage { get; } = stage;
}
