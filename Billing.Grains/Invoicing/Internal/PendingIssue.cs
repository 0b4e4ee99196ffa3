using Billing.Invoices;

namespace Billing.Grains.Invoicing.Internal;

/// <summary>A draft waiting in <see cref="PostgresInvoiceStore"/>'s queue, and the caller waiting for its invoice.</summary>
internal sealed class PendingIssue(InvoiceDraft draft, CancellationToken cancellationToken)
{
    public InvoiceDraft Draft { get; } = draft;

    public InvoiceKey Key { get; } = InvoiceDrafts.KeyOf(draft);

    /// <summary>The caller's token: a draft whose caller gave up before its batch started is not issued.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    public TaskCompletionSource<Invoice> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
