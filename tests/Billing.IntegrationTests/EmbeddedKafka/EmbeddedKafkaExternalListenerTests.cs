using System.Net;
using Billing.Grains.EmbeddedKafka;
using Confluent.Kafka;

namespace Billing.IntegrationTests.EmbeddedKafka;

/// <summary>
/// The broker relayed beyond loopback, as the compose test uses it in place of Kafka: clients bootstrapped at the
/// advertised address learn that address from the metadata, and records go through the relay both ways.
/// </summary>
public sealed class EmbeddedKafkaExternalListenerTests
{
    private const string Topic = EmbeddedKafkaBrokerOptions.DefaultTopic;

    [Fact]
    public async Task Start_WithExternalListener_AdvertisesItAndCarriesRecordsBothWays()
    {
        using var broker = EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling(
            partitions: 2, externalListener: new EmbeddedKafkaExternalListener(new IPEndPoint(IPAddress.Loopback, 0), "localhost")));
        var external = broker.ExternalBootstrapServers;
        Assert.NotNull(external);
        var relayPort = int.Parse(external.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("localhost:", external, StringComparison.Ordinal);
        Assert.NotEqual(IPEndPoint.Parse(broker.BootstrapServers).Port, relayPort);

        using var admin = KafkaTestClients.Admin(external);
        var advertised = Assert.Single(admin.GetMetadata(KafkaTestClients.Timeout).Brokers);
        Assert.Equal(("localhost", relayPort), (advertised.Host, advertised.Port));

        using var producer = KafkaTestClients.Producer(external);
        var values = Enumerable.Range(0, 50).Select(i => $"{i},Emma,1.00,CALL").ToList();
        foreach (var value in values)
        {
            await producer.ProduceAsync(Topic, new Message<string, string> { Key = "Emma", Value = value });
        }

        using var consumer = KafkaTestClients.Consumer(external, "through-the-relay");
        consumer.Assign([new TopicPartitionOffset(Topic, 0, Offset.Beginning), new TopicPartitionOffset(Topic, 1, Offset.Beginning)]);
        Assert.Equal(values, KafkaTestClients.Consume(consumer, values.Count).Select(r => r.Message.Value));
    }

    [Fact]
    public void Start_WithoutExternalListener_HasNoExternalAddress()
    {
        using var broker = EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling(partitions: 1));

        Assert.Null(broker.ExternalBootstrapServers);
    }

    [Fact]
    public void Start_ExternalListenerWithTwoBrokersOrNoHost_ThrowsBeforeStarting()
    {
        var listener = new EmbeddedKafkaExternalListener(new IPEndPoint(IPAddress.Loopback, 0), "localhost");

        var twoBrokers = Assert.Throws<ArgumentOutOfRangeException>(() =>
            EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions { BrokerCount = 2, ExternalListener = listener }));
        Assert.Contains("exactly one broker", twoBrokers.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() =>
            EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions { ExternalListener = listener with { AdvertisedHost = " " } }));
        Assert.Throws<ArgumentException>(() =>
            EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions { ExternalListener = listener with { AdvertisedHost = "a,b" } }));
    }
}
