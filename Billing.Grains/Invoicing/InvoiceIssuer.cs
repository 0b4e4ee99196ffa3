using Billing.Invoices;

namespace Billing.Grains.Invoicing;

/// <summary>
/// Issues a frozen draft to every sink, in order: the store (which numbers it, idempotently), then the files
/// (rewritten from the stored invoice, so a retry writes the same bytes). A failure names its stage; both are
/// counted in <see cref="InvoicingMetrics"/>.
/// </summary>
public sealed class InvoiceIssuer(IInvoiceStore store, InvoiceFileWriter files, InvoicingMetrics metrics)
{
    public const string StoreStage = "store";
    public const string FilesStage = "files";

    public async Task<Invoice> IssueAsync(InvoiceDraft draft, CancellationToken cancellationToken)
    {
        Invoice invoice;
        try
        {
            invoice = await store.IssueAsync(draft, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            metrics.Failed(StoreStage);
            throw new InvoiceSinkException(StoreStage, exception);
        }

        try
        {
            await files.WriteAsync(invoice, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            metrics.Failed(FilesStage);
            throw new InvoiceSinkException(FilesStage, exception);
        }

        metrics.Issued();
        return invoice;
    }
}
