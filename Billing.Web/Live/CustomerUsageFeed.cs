using Billing.Usage;

namespace Billing.Web.Live;

/// <summary>Server push of customer usage to the customer dashboard; see <see cref="UsageFeed{TKey, TUsage}"/>.</summary>
public sealed class CustomerUsageFeed(IGrainFactory grains, TimeProvider time, ILogger<CustomerUsageFeed> logger)
    : UsageFeed<string, CustomerUsage>(StringComparer.Ordinal)
{
    private protected override UsageChannel<CustomerUsage> CreateChannel(string customer) => new CustomerChannel(customer, grains, time, logger);
}
