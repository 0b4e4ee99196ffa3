using System.Diagnostics;
using System.Globalization;
using Billing.Grains.Hosting;
using Billing.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Billing.Benchmarks;

/// <summary>One silo configured exactly as in production for <see cref="BillingMode"/>, timed until every record is committed.</summary>
internal static class IngestionRun
{
    public static async Task<(TimeSpan Elapsed, decimal CountedTotal)> RunAsync(
        BillingMode mode, string bootstrapServers, string consumerGroup, string? connectionString, int records, string topic, int partitions)
    {
        var ports = FreePorts.Take(2);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = bootstrapServers,
            ["Kafka:ConsumerGroup"] = consumerGroup,
            // Commits mark the moment state is written; commit often so the clock stops close to it.
            ["Kafka:CommitInterval"] = "00:00:00.050",
            ["ConnectionStrings:Billing"] = connectionString,
            ["Orleans:SiloPort"] = ports[0].ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = ports[1].ToString(CultureInfo.InvariantCulture),
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.UseOrleans(silo => silo.ConfigureBillingSilo(builder.Configuration, mode));
        using var host = builder.Build();

        var clock = Stopwatch.StartNew();
        await host.StartAsync();
        var elapsed = await IngestionProgress.WaitUntilCommittedAsync(bootstrapServers, consumerGroup, topic, partitions, records, clock, TimeSpan.FromMinutes(15));
        var total = await IngestionProgress.SumCustomerTotalsAsync(host.Services.GetRequiredService<IGrainFactory>());
        await host.StopAsync();
        return (elapsed, total);
    }
}
