using Billing.Grains.Ingestion;
using Billing.Records;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Billing.Grains.Hosting;

/// <summary>
/// How every billing silo is configured from the configuration keys of ARCHITECTURE.md, whichever process
/// hosts it (Billing.Web co-hosting, Billing.Silo headless).
/// </summary>
public static class BillingSiloConfiguration
{
    /// <summary>The codec options from <c>Billing:Currency</c>; a bad value stops start-up naming the key.</summary>
    public static RecordCodecOptions CodecOptions(IConfiguration configuration)
    {
        var options = new RecordCodecOptions { Currency = configuration["Billing:Currency"] ?? "EUR" };
        try
        {
            _ = new BillableEventCodec(options);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidOperationException($"Billing:Currency is not usable: {exception.Message}", exception);
        }

        return options;
    }

    /// <summary>Cluster identity, endpoints, state storage and the Kafka ingestion for <paramref name="mode"/>.</summary>
    public static ISiloBuilder ConfigureBillingSilo(this ISiloBuilder silo, IConfiguration configuration, BillingMode mode)
    {
        var ports = SiloPorts.From(configuration);
        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = configuration["Orleans:ClusterId"] ?? "billing";
            options.ServiceId = configuration["Orleans:ServiceId"] ?? "billing";
        });

        switch (mode)
        {
            case BillingMode.Embedded:
            case BillingMode.ExternalKafka:
                silo.UseLocalhostClustering(ports.SiloPort, ports.GatewayPort);
                silo.AddMemoryGrainStorage(BillingStorage.Name);
                break;
            default:
                throw new InvalidOperationException($"Mode {mode} cannot host a silo yet.");
        }

        silo.AddBillingIngestion(kafka => kafka.Bind(configuration.GetSection("Kafka")), CodecOptions(configuration));
        return silo;
    }
}
