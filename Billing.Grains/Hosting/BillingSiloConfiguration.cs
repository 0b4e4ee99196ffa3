using Billing.Grains.Ingestion;
using Billing.Grains.Storage;
using Billing.Records;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Billing.Grains.Hosting;

/// <summary>
/// How every billing silo is configured from the configuration keys README documents, whichever process
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

    /// <summary>Cluster identity, endpoints, state storage, the Kafka ingestion, and closing and invoicing for <paramref name="mode"/>.</summary>
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
                silo.AddBillingMemoryStorage();
                break;
            case BillingMode.Cluster:
                var connectionString = configuration.GetConnectionString("Billing")!;
                silo.ConfigureEndpoints(AdvertisedAddress.From(configuration), ports.SiloPort, ports.GatewayPort, listenOnAnyHostAddress: true);
                silo.UseBillingPostgres(connectionString, database => database.Bind(configuration.GetSection(BillingDatabaseOptions.SectionName)));
                // How fast a dead silo is noticed (ProbeTimeout, NumMissedProbesLimit, …); Orleans' defaults otherwise.
                silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection("Orleans:Membership"));
                if (configuration.GetValue("Billing:MigrateOnStart", defaultValue: true))
                {
                    silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => new SchemaMigrationParticipant(
                        connectionString, services.GetRequiredService<ILogger<SchemaMigrationParticipant>>()));
                }

                break;
            default:
                throw new InvalidOperationException($"Unknown mode {mode}.");
        }

        var codecOptions = CodecOptions(configuration);
        silo.AddBillingIngestion(kafka => kafka.Bind(configuration.GetSection("Kafka")), codecOptions);
        silo.AddBillingClosing(configuration, mode, codecOptions);
        return silo;
    }
}
