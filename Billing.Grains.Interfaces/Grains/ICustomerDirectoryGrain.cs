using Billing.Usage;
using Orleans.Concurrency;

namespace Billing.Grains;

/// <summary>
/// One shard of the customer directory (the key is the shard, see <see cref="CustomerDirectory"/>): the
/// customers whose id falls in it, the months each holds not invoiced yet, and when each is next due an
/// invoice. It is what closes months for customers that are not active: when the watermark closes a month,
/// each shard tells its due customers to issue their invoices.
/// </summary>
public interface ICustomerDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Records what each customer holds now, replacing what it reported before; reporting the same again
    /// changes nothing. Durable when it returns: a customer reports before it stores usage of a new month, so
    /// that no month can be stored that the directory would not close.
    /// </summary>
    Task ReportAsync(IReadOnlyList<CustomerMonths> customers);

    /// <summary>Every customer of this shard, in ordinal order.</summary>
    [ReadOnly]
    Task<IReadOnlyList<string>> ListAsync();

    /// <summary>Per month, oldest first, how many customers of this shard hold its window.</summary>
    [ReadOnly]
    Task<IReadOnlyList<OpenWindowCount>> CountOpenWindowsAsync();

    /// <summary>
    /// Tells the shard that the global watermark reached <paramref name="watermark"/>: it then has every
    /// customer whose next invoice that closes issue it, in the background (this call returns at once).
    /// </summary>
    Task CloseDueAsync(DateTimeOffset watermark);
}
