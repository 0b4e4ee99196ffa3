using Microsoft.Extensions.Configuration;

namespace Billing.Grains.Hosting;

/// <summary>Picks the <see cref="BillingMode"/> from configuration, refusing combinations that cannot run.</summary>
public static class BillingModeSelector
{
    public static BillingMode Select(IConfiguration configuration)
    {
        var hasKafka = !string.IsNullOrWhiteSpace(configuration["Kafka:BootstrapServers"]);
        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString("Billing")))
        {
            return hasKafka
                ? BillingMode.Cluster
                : throw new InvalidOperationException(
                    "Kafka:BootstrapServers is required in cluster mode (ConnectionStrings:Billing is set): " +
                    "every silo of a cluster reads the same Kafka, so there is no embedded broker.");
        }

        return hasKafka ? BillingMode.ExternalKafka : BillingMode.Embedded;
    }
}
