using Billing.Grains.EmbeddedKafka;
using Billing.Grains.Hosting;
using Billing.Grains.Streaming.Kafka;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace Billing.Web.Hosting;

/// <summary>
/// Joins the web app to Orleans for the selected mode: a co-hosted silo (with the embedded broker in embedded
/// mode), or a client of the cluster (<c>Orleans:Role=Client</c>).
/// </summary>
public static class BillingOrleansHosting
{
    /// <summary>Where admins find the Orleans dashboard when this process hosts a silo.</summary>
    public const string DashboardPath = "/orleans-dashboard";

    /// <summary>Whether this process hosts a silo (and so the Orleans dashboard) rather than being a client.</summary>
    public static bool HostsSilo(IConfiguration configuration) =>
        OrleansRoles.From(configuration, BillingModeSelector.Select(configuration)) != OrleansRole.Client;

    public static void AddBillingOrleans(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var mode = BillingModeSelector.Select(configuration);
        if (mode == BillingMode.Embedded)
        {
            StartEmbeddedBroker(builder);
        }

        var role = OrleansRoles.From(configuration, mode);
        var codecOptions = BillingSiloConfiguration.CodecOptions(configuration);
        builder.Services.AddSingleton(new BillingRuntimeInfo(mode, configuration["Kafka:BootstrapServers"]!, codecOptions.Currency));
        builder.Services.AddSingleton(TimeProvider.System);
        // The status route reads the lateness to show what is closed; a client-only process binds it here.
        builder.Services.AddOptions<BillingOptions>().Bind(configuration.GetSection(BillingOptions.SectionName)).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BillingOptions>, BillingOptionsValidator>());
        // Bound here rather than taken from the stream provider: a client-only web process has no provider.
        var kafka = new KafkaStreamOptions();
        configuration.GetSection("Kafka").Bind(kafka);
        // Made by the container on first use, so the container disposes its Kafka clients.
        builder.Services.AddSingleton(_ => new KafkaTopicInspector(kafka));
        if (role == OrleansRole.Client)
        {
            builder.UseOrleansClient(client => client.ConfigureBillingClient(configuration));
        }
        else
        {
            // The Orleans dashboard comes with a co-hosted silo only: in client mode the cluster's silos would
            // need it too. BillingWebApplication maps it for admins.
            builder.UseOrleans(silo => silo.ConfigureBillingSilo(configuration, mode).AddDashboard());
        }
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
        // Registered for tests to find; the container does not dispose an instance it was handed, so the
        // app disposes it once the host has stopped (after the silo).
        builder.Services.AddSingleton(broker);
        builder.Configuration["Kafka:BootstrapServers"] = broker.BootstrapServers;
        builder.Configuration["Generator:Enabled"] ??= "true";
    }
}
