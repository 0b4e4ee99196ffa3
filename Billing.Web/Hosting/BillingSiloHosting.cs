using Billing.Grains.EmbeddedKafka;
using Billing.Grains.Streaming.Kafka;
using Billing.Grains.Hosting;

namespace Billing.Web.Hosting;

/// <summary>Co-hosts a silo in the web app: clustering, storage and the Kafka ingestion for the selected mode.</summary>
public static class BillingSiloHosting
{
    public static BillingMode AddBillingSilo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var mode = BillingModeSelector.Select(configuration);
        if (mode == BillingMode.Embedded)
        {
            StartEmbeddedBroker(builder);
        }

        var role = OrleansRoles.From(configuration, mode);
        var codecOptions = BillingSiloConfiguration.CodecOptions(configuration);
        builder.Services.AddSingleton(new BillingRuntimeInfo(mode, role, configuration["Kafka:BootstrapServers"]!, codecOptions.Currency));
        builder.Services.AddSingleton(TimeProvider.System);
        // Bound here rather than taken from the stream provider: a client-only web process has no provider.
        var kafka = new KafkaStreamOptions();
        configuration.GetSection("Kafka").Bind(kafka);
        builder.Services.AddSingleton(new KafkaTopicInspector(kafka));
        if (role == OrleansRole.Client)
        {
            builder.UseOrleansClient(client => client.ConfigureBillingClient(configuration));
        }
        else
        {
            builder.UseOrleans(silo => silo.ConfigureBillingSilo(configuration, mode));
        }

        return mode;
    }

    private static void StartEmbeddedBroker(WebApplicationBuilder builder)
    {
        var partitionsText = builder.Configuration["Kafka:Partitions"];
        var partitions = EmbeddedKafkaBrokerOptions.DefaultPartitions;
        if (!string.IsNullOrWhiteSpace(partitionsText)
            && (!int.TryParse(partitionsText, System.Globalization.CultureInfo.InvariantCulture, out partitions) || partitions < 1))
        {
            throw new InvalidOperationException($"Kafka:Partitions must be a whole number of at least 1 (was '{partitionsText}').");
        }

        var broker = EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling(
            partitions,
            builder.Configuration["Kafka:Topic"] ?? EmbeddedKafkaBrokerOptions.DefaultTopic,
            builder.Configuration["Kafka:DeadLetterTopic"] ?? EmbeddedKafkaBrokerOptions.DefaultDeadLetterTopic));
        // Disposed with the container, after the silo has stopped.
        builder.Services.AddSingleton(broker);
        builder.Configuration["Kafka:BootstrapServers"] = broker.BootstrapServers;
        builder.Configuration["Generator:Enabled"] ??= "true";
    }
}
