using Billing.Invoices;

namespace Billing.Grains.Invoicing;

/// <summary>
/// Issues a frozen draft to every sink, in order: the store (which numbers it, idempotently), then the files
/// (rewritten from the stored invoice, so a retry writes the same bytes). A failure names its stage.
/// </summary>
public sealed class InvoiceIssuer(IInvoiceStore store, InvoiceFileWriter files)
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
            throw new InvoiceSinkException(StoreStage, exception);
        }

        try
        {
            await files.WriteAsync(invoice, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new InvoiceSinkException(FilesStage, exception);
        }

        return invoice;
    }
}
