using System.Reflection;
using Billing.Grains.Hosting;
using Billing.Grains.Storage;
using Billing.Records;
using Billing.Grains.Streaming.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Billing.IntegrationTests.Storage;

/// <summary>An in-process Orleans cluster whose clustering, grain storage and reminders are on PostgreSQL.</summary>
internal static class PostgresTestCluster
{
    public static async Task<InProcessTestCluster> StartAsync(string connectionString, string serviceId, short silos)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        UseDatabaseMembership(builder.Options);
        builder.Options.ClusterId = serviceId;
        builder.Options.ServiceId = serviceId;
        // Closing and invoicing too: the directory shards close months, so they need the event clock's view.
        var billing = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Billing:InvoiceDirectory"] = Path.Combine(Path.GetTempPath(), $"billing-{serviceId}-invoices") })
            .Build();
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseBillingPostgres(connectionString).AddBillingClosing(billing, BillingMode.Cluster, new RecordCodecOptions());
            // These silos read no Kafka: their event-clock agents find no partition to report.
            silo.Services.AddSingleton<KafkaDeliveryProgress>();
        });
        builder.ConfigureClient(client => client.UseAdoNetClustering((AdoNetClusteringClientOptions options) =>
        {
            options.Invariant = BillingPostgresSiloBuilderExtensions.AdoNetInvariant;
            options.ConnectionString = connectionString;
        }));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>
    /// The test cluster registers its own in-memory membership table after the silo configuration, so it would
    /// win over ADO.NET clustering. Its switch is internal in Orleans 10.4; set it through reflection so the
    /// silos meet in the database while the test cluster still manages (and can kill) them.
    /// </summary>
    private static void UseDatabaseMembership(InProcessTestClusterOptions options)
    {
        var property = typeof(InProcessTestClusterOptions).GetProperty(
            "UseTestClusterMembership", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException(
                "InProcessTestClusterOptions.UseTestClusterMembership is gone: find the new way to turn off the test cluster's membership.");
        property.SetValue(options, false);
    }
}
