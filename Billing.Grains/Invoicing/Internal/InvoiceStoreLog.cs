using Microsoft.Extensions.Logging;

namespace Billing.Grains.Invoicing.Internal;

/// <summary>
/// Log messages of the invoice stores, with stable event ids (5100–5199). They carry counts and numbers only,
/// never customer ids or amounts.
/// </summary>
internal static partial class InvoiceStoreLog
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Debug,
        Message = "Issued {IssuedCount} invoices up to number {LastNumber}; {ExistingCount} drafts had theirs already; {ElapsedMilliseconds} ms")]
    public static partial void BatchIssued(ILogger logger, int issuedCount, long lastNumber, int existingCount, long elapsedMilliseconds);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning,
        Message = "Issuing a batch of {DraftCount} invoice drafts failed; nothing was stored and no number was taken, the callers retry")]
    public static partial void BatchFailed(ILogger logger, int draftCount, Exception exception);
}
