using System.Net;
using Billing.Grains.EmbeddedKafka;
using Confluent.Kafka;
using ErrorCode = Confluent.Kafka.ErrorCode;

namespace Billing.IntegrationTests.EmbeddedKafka;

public sealed class EmbeddedKafkaBrokerTests
{
    [Fact]
    public void Start_ForBilling_CreatesBothTopicsWithEightPartitionsOnLoopback()
    {
        using var broker = EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling(partitions: 8));
        using var admin = KafkaTestClients.Admin(broker.BootstrapServers);

        var metadata = admin.GetMetadata(KafkaTestClients.Timeout);

        foreach (var name in new[] { "billableevents.incoming", "billableevents.deadletter" })
        {
            var topic = Assert.Single(metadata.Topics, t => t.Topic == name);
            Assert.Equal(ErrorCode.NoError, topic.Error.Code);
            Assert.Equal(Enumerable.Range(0, 8), topic.Partitions.Select(p => p.PartitionId).Order());
        }

        Assert.Equal(1, broker.BrokerCount);
        var endpoint = IPEndPoint.Parse(Assert.Single(broker.BootstrapServers.Split(',')));
        Assert.Equal(IPAddress.Loopback, endpoint.Address);
        var advertised = Assert.Single(metadata.Brokers);
        Assert.Equal((1, endpoint.Port), (advertised.BrokerId, advertised.Port));
    }

    [Fact]
    public void Start_ThreeBrokers_ListsThreeDistinctLoopbackAddresses()
    {
        using var broker = EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions { BrokerCount = 3 });

        var endpoints = broker.BootstrapServers.Split(',').Select(IPEndPoint.Parse).ToList();

        Assert.Equal(3, endpoints.Select(e => e.Port).Distinct().Count());
        Assert.All(endpoints, e => Assert.True(IPAddress.IsLoopback(e.Address), e.ToString()));
    }

    [Fact]
    public void Start_TwoBrokersInOneProcess_HaveDifferentBootstrapAddresses()
    {
        using var first = EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling());
        using var second = EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling());

        Assert.NotEqual(first.BootstrapServers, second.BootstrapServers);
    }

    [Fact]
    public void Start_InvalidOptions_ThrowsBeforeStarting()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions { BrokerCount = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling(partitions: 0)));
        Assert.Throws<ArgumentException>(() => EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling(deadLetterTopic: "billableevents.incoming")));
        Assert.Throws<ArgumentException>(() => EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling(topic: " ")));
    }

    [Fact]
    public void CreateTopic_BadArguments_ThrowsNamingTheProblem()
    {
        using var broker = EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions { BrokerCount = 2 });

        Assert.Throws<ArgumentException>(() => broker.CreateTopic("", 1));
        Assert.Throws<ArgumentException>(() => broker.CreateTopic("has space", 1));
        Assert.Throws<ArgumentException>(() => broker.CreateTopic(new string('t', 250), 1));
        Assert.Equal("partitions", Assert.Throws<ArgumentOutOfRangeException>(() => broker.CreateTopic("t", 0)).ParamName);
        Assert.Equal("replicationFactor", Assert.Throws<ArgumentOutOfRangeException>(() => broker.CreateTopic("t", 1, 0)).ParamName);
        var tooManyReplicas = Assert.Throws<ArgumentOutOfRangeException>(() => broker.CreateTopic("t", 1, 3));
        Assert.Contains("2 broker(s)", tooManyReplicas.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateTopic_ExistingTopic_ThrowsWithLibrdkafkaError()
    {
        using var broker = EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling());

        var error = Assert.Throws<EmbeddedKafkaException>(() => broker.CreateTopic("billableevents.incoming", 8));

        Assert.Equal(ErrorCode.TopicAlreadyExists, error.ErrorCode);
        Assert.Contains("TopicAlreadyExists", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FaultInjection_UnknownBrokerId_Throws()
    {
        using var broker = EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions { BrokerCount = 2 });

        Assert.Throws<ArgumentOutOfRangeException>(() => broker.SetBrokerDown(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => broker.SetBrokerUp(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => broker.SetPartitionLeader("t", -1, 1));
    }

    [Fact]
    public void Dispose_Twice_IsHarmlessAndLaterCallsThrowObjectDisposed()
    {
        var broker = EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling());

        broker.Dispose();
        broker.Dispose();

        Assert.Throws<ObjectDisposedException>(() => broker.CreateTopic("late", 1));
        Assert.Throws<ObjectDisposedException>(() => broker.SetBrokerDown(1));
    }

    [Fact]
    public async Task Dispose_WhileClientStillConnected_DoesNotCrash()
    {
        var broker = EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling(partitions: 1));
        using var producer = KafkaTestClients.Producer(broker.BootstrapServers);
        await producer.ProduceAsync("billableevents.incoming", new Message<string, string> { Key = "c", Value = "v" });

        broker.Dispose();

        // The client outlives the broker; disposing it afterwards must still be fine.
        producer.Dispose();
    }
}
