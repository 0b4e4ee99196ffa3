using System.Net.Http.Json;
using Billing.Grains.EmbeddedKafka;
using Billing.SystemTests.Infrastructure;
using Billing.Web.Api;
using Confluent.Kafka;

namespace Billing.SystemTests;

/// <summary>With <c>Kafka:BootstrapServers</c> set, the app reads that Kafka and starts no broker or generator of its own.</summary>
public sealed class ExternalKafkaModeTests
{
    [Fact]
    public async Task ExternalKafka_PrototypeCsvRecords_ShowUpInTheTotals()
    {
        // A Kafka the app does not own, with the prototype's two partitions.
        using var external = EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling(partitions: 2));
        await using var host = await BillingAppHost.StartAsync($"--Kafka:BootstrapServers={external.BootstrapServers}");
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = external.BootstrapServers }).Build())
        {
            // Exactly what the prototype's generator sent: key = customer, value = timestampMs,customer,amount,TYPE.
            await producer.ProduceAsync("billableevents.incoming", new Message<string, string> { Key = "Emma", Value = "1764547200000,Emma,3.57,CALL" });
            await producer.ProduceAsync("billableevents.incoming", new Message<string, string> { Key = "Emma", Value = "1764633600000,Emma,1.43,DATA" });
        }

        var status = await host.WaitUntilHandledAsync(produced: 2, deadLetters: 0, TimeSpan.FromSeconds(60));

        Assert.Equal("external-kafka", status.Mode);
        Assert.Equal(external.BootstrapServers, status.BootstrapServers);
        Assert.Equal(2, status.Partitions.Count);
        Assert.Equal("""{"customer":"Emma","month":"2025-12","totalEur":"5.00"}""", await host.Http.GetStringAsync("/customers/Emma"));
        Assert.Equal("""{"type":"CALL","month":"2025-12","totalEur":"3.57"}""", await host.Http.GetStringAsync("/types/call"));
        var usage = await host.Http.GetFromJsonAsync<CustomerUsageResponse>("/api/customers/Emma/usage");
        Assert.Equal(2, usage!.Months.Single().Count);
    }
}
