using System.Globalization;
using Billing.Grains.EmbeddedKafka;
using Confluent.Kafka;

namespace Billing.IntegrationTests.EmbeddedKafka;

public sealed class EmbeddedKafkaProduceConsumeTests
{
    private const string Topic = EmbeddedKafkaBrokerOptions.DefaultTopic;

    [Fact]
    public async Task ProduceConsume_KeyedRecordsOnEightPartitions_ReadBackExactly()
    {
        const int count = 500;
        using var broker = EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling(partitions: 8));
        using var producer = KafkaTestClients.Producer(broker.BootstrapServers);

        var deliveries = await Task.WhenAll(Enumerable.Range(0, count).Select(i => producer.ProduceAsync(
            Topic,
            new Message<string, string> { Key = $"customer-{i % 37}", Value = $"{i},customer-{i % 37},1.00,CALL" })));

        using var consumer = KafkaTestClients.Consumer(broker.BootstrapServers, "readback");
        consumer.Assign(Enumerable.Range(0, 8).Select(p => new TopicPartitionOffset(Topic, p, Offset.Beginning)));
        var consumed = KafkaTestClients.Consume(consumer, count);

        // Same record at the same partition and offset as its delivery report said, nothing missing, nothing extra.
        Assert.Equal(
            deliveries.Select(Describe).Order(StringComparer.Ordinal),
            consumed.Select(r => Describe(r.TopicPartitionOffset, r.Message)).Order(StringComparer.Ordinal));
        Assert.True(deliveries.Select(d => d.Partition.Value).Distinct().Count() > 1, "keys should spread over partitions");
        Assert.Equal(count, Enumerable.Range(0, 8).Sum(p => KafkaTestClients.HighWatermark(consumer, new TopicPartition(Topic, p))));
    }

    [Fact]
    public async Task ConsumerGroup_CommitThenNewConsumer_ResumesFromCommittedOffset()
    {
        using var broker = EmbeddedKafkaBroker.Start(EmbeddedKafkaBrokerOptions.ForBilling(partitions: 1));
        using var producer = KafkaTestClients.Producer(broker.BootstrapServers);
        for (var i = 0; i < 10; i++)
        {
            await producer.ProduceAsync(Topic, new Message<string, string> { Key = "c", Value = Value(i) });
        }

        var partition = new TopicPartition(Topic, 0);
        using (var first = KafkaTestClients.Consumer(broker.BootstrapServers, "billing"))
        {
            // No committed offset yet: auto.offset.reset=earliest starts at the beginning.
            first.Assign(partition);
            var read = KafkaTestClients.Consume(first, 4);
            Assert.Equal(Enumerable.Range(0, 4).Select(Value), read.Select(r => r.Message.Value));

            first.Commit([new TopicPartitionOffset(partition, read[^1].Offset + 1)]);
            first.Close();
        }

        using var second = KafkaTestClients.Consumer(broker.BootstrapServers, "billing");
        Assert.Equal(4, second.Committed([partition], KafkaTestClients.Timeout).Single().Offset.Value);

        second.Assign(partition);
        var resumed = KafkaTestClients.Consume(second, 6);

        Assert.Equal(Enumerable.Range(4, 6).Select(Value), resumed.Select(r => r.Message.Value));
        Assert.Equal(4, resumed[0].Offset.Value);
    }

    private static string Value(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static string Describe(DeliveryResult<string, string> delivery) =>
        Describe(delivery.TopicPartitionOffset, delivery.Message);

    private static string Describe(TopicPartitionOffset position, Message<string, string> message) =>
        $"{position.Partition.Value}@{position.Offset.Value}:{message.Key}={message.Value}";
}
