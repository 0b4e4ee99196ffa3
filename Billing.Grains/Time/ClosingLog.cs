using Microsoft.Extensions.Logging;

namespace Billing.Grains.Time;

/// <summary>Log messages of event time, closing and invoicing (event ids 3000–3099). Amounts are never logged.</summary>
internal static partial class ClosingLog
{
    [LoggerMessage(3000, LogLevel.Information, "Watermark closed months through {ClosedThrough}: telling {Count} customers of this directory shard")]
    public static partial void Dispatching(ILogger logger, int count, string closedThrough);

    [LoggerMessage(3001, LogLevel.Warning, "Telling a customer to close its months failed; its directory shard tells it again at the next close or reminder")]
    public static partial void DispatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(3002, LogLevel.Debug, "Issued invoice {Number} to {Customer} for {Month}")]
    public static partial void InvoiceIssued(ILogger logger, long number, string customer, string month);

    [LoggerMessage(3003, LogLevel.Warning, "Issuing the {Month} invoice of {Customer} failed at the {Stage} (attempt {Attempt}); the month stays closing and is retried in {RetryIn}")]
    public static partial void IssuingFailed(ILogger logger, Exception exception, string customer, string month, string stage, int attempt, TimeSpan retryIn);

    [LoggerMessage(3004, LogLevel.Information, "Issued the {Month} invoice of {Customer} after {Attempts} failed attempts")]
    public static partial void IssuingRecovered(ILogger logger, string customer, string month, int attempts);

    [LoggerMessage(3005, LogLevel.Warning, "Reporting partition progress to the event clock failed; trying again next interval")]
    public static partial void ClockTickFailed(ILogger logger, Exception exception);

    [LoggerMessage(3006, LogLevel.Debug, "Global watermark is now {Watermark:o}")]
    public static partial void WatermarkAdvanced(ILogger logger, DateTimeOffset watermark);

    [LoggerMessage(3007, LogLevel.Warning, "The stored {Month} invoice of {Customer} differs from the frozen draft; the stored one stands and the rest of the month stays as late usage")]
    public static partial void StoredInvoiceDiffers(ILogger logger, string customer, string month);
}
