using Billing.Grains.Hosting;
using Billing.Web.Security;
using Microsoft.Extensions.Configuration;

namespace Billing.UnitTests.Security;

public sealed class BillingDataProtectionTests
{
    [Theory]
    [InlineData(null, BillingMode.Embedded, "queryable-billing/billing/embedded")]
    [InlineData(null, BillingMode.ExternalKafka, "queryable-billing/billing/external-kafka")]
    [InlineData("eu-prod", BillingMode.Cluster, "queryable-billing/eu-prod/cluster")]
    public void ApplicationName_IsTheServiceIdAndTheMode(string? serviceId, BillingMode mode, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Orleans:ServiceId"] = serviceId })
            .Build();

        Assert.Equal(expected, BillingDataProtection.ApplicationName(configuration, mode));
    }
}
