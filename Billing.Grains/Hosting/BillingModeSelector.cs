using Microsoft.Extensions.Configuration;

namespace Billing.Grains.Hosting;

/// <summary>Picks the <see cref="BillingMode"/> from configuration, refusing combinations that cannot run.</summary>
public static class BillingModeSelector
{
    public static BillingMode Select(IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString("Billing")))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Billing is set, but the PostgreSQL cluster mode is not available in this version: " +
                "unset it to run embedded, or set only Kafka:BootstrapServers to read an external Kafka.");
        }

        return string.IsNullOrWhiteSpace(configuration["Kafka:BootstrapServers"]) ? BillingMode.Embedded : BillingMode.ExternalKafka;
    }
}
