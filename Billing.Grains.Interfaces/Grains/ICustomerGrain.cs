using Billing.Usage;

namespace Billing.Grains;

/// <summary>
/// One customer (the grain key is the customer id, case-sensitive): consumes the customer's event stream and
/// keeps its monthly windows, and closes them into invoices.
/// </summary>
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>The customer's open months, or null when no event of this customer was ever counted.</summary>
    Task<CustomerUsage?> GetUsageAsync();

    /// <summary>
    /// Subscribes <paramref name="observer"/> to usage changes. Subscriptions expire after a few minutes:
    /// subscribe again periodically to keep one.
    /// </summary>
    Task SubscribeAsync(ICustomerUsageObserver observer);

    /// <summary>Ends a subscription.</summary>
    Task UnsubscribeAsync(ICustomerUsageObserver observer);

    /// <summary>
    /// Issues the invoices of every month the global watermark has closed. Idempotent: called by the customer's
    /// directory shard when the watermark closes a month and at the shard's reminder; nothing happens when
    /// nothing is due.
    /// </summary>
    /// <param name="watermark">The global watermark as the caller knows it (the silo's own copy may lag it), or null.</param>
    Task CloseDueMonthsAsync(DateTimeOffset? watermark);
}
