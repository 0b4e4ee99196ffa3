using Billing.Grains.EmbeddedKafka;
using Confluent.Kafka;
using ErrorCode = Confluent.Kafka.ErrorCode;

namespace Billing.IntegrationTests.EmbeddedKafka;

public sealed class EmbeddedKafkaFaultInjectionTests
{
    private const string Topic = "faults";

    [Fact]
    public async Task SetBrokerDown_OnPartitionLeader_ProduceTimesOutThenSucceedsAfterSetBrokerUp()
    {
        using var broker = StartTwoBrokers();
        using var admin = KafkaTestClients.Admin(broker.BootstrapServers);
        var leader = KafkaTestClients.LeaderOf(admin, Topic, 0);
        var partition = new TopicPartition(Topic, 0);
        using var producer = KafkaTestClients.Producer(broker.BootstrapServers);
        for (var i = 0; i < 3; i++)
        {
            await producer.ProduceAsync(partition, Message($"before-{i}"));
        }

        broker.SetBrokerDown(leader);
        using (var impatient = KafkaTestClients.Producer(broker.BootstrapServers, messageTimeoutMs: 1_500))
        {
            var failure = await Assert.ThrowsAsync<ProduceException<string, string>>(
                () => impatient.ProduceAsync(partition, Message("while-down")));
            Assert.Equal(ErrorCode.Local_MsgTimedOut, failure.Error.Code);
        }

        broker.SetBrokerUp(leader);
        var after = await producer.ProduceAsync(partition, Message("after"));

        Assert.Equal(3, after.Offset.Value);
        using var consumer = KafkaTestClients.Consumer(broker.BootstrapServers, "faults");
        consumer.Assign(new TopicPartitionOffset(partition, Offset.Beginning));
        Assert.Equal(
            ["before-0", "before-1", "before-2", "after"],
            KafkaTestClients.Consume(consumer, 4).Select(r => r.Message.Value));
        Assert.Equal(4, KafkaTestClients.HighWatermark(consumer, partition));
    }

    [Fact]
    public async Task SetPartitionLeader_AwayFromDownBroker_MovesLeadershipAndProduceSucceeds()
    {
        using var broker = StartTwoBrokers();
        using var admin = KafkaTestClients.Admin(broker.BootstrapServers);
        var leader = KafkaTestClients.LeaderOf(admin, Topic, 0);
        var other = leader == 1 ? 2 : 1;
        using var producer = KafkaTestClients.Producer(broker.BootstrapServers);
        await producer.ProduceAsync(new TopicPartition(Topic, 0), Message("first"));

        broker.SetBrokerDown(leader);
        broker.SetPartitionLeader(Topic, 0, other);

        Assert.Equal(other, KafkaTestClients.LeaderOf(admin, Topic, 0));
        var delivery = await producer.ProduceAsync(new TopicPartition(Topic, 0), Message("second"));
        Assert.Equal(1, delivery.Offset.Value);
    }

    private static EmbeddedKafkaBroker StartTwoBrokers() =>
        EmbeddedKafkaBroker.Start(new EmbeddedKafkaBrokerOptions
        {
            BrokerCount = 2,
            Topics = { new EmbeddedKafkaTopic(Topic, Partitions: 2) },
        });

    private static Message<string, string> Message(string value) => new() { Key = "customer", Value = value };
}
