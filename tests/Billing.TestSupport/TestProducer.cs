using Billing.Grains.EmbeddedKafka;
using Confluent.Kafka;

namespace Billing.TestSupport;

/// <summary>Produces records to given partitions of the incoming topic and waits until the broker has them all.</summary>
public static class TestProducer
{
    public static async Task ProduceAsync(string bootstrapServers, IEnumerable<(int Partition, byte[]? Key, byte[] Value)> records)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
        }).Build();
        await Task.WhenAll(records.Select(record => producer.ProduceAsync(
            new TopicPartition(EmbeddedKafkaBrokerOptions.DefaultTopic, new Partition(record.Partition)),
            new Message<byte[]?, byte[]?> { Key = record.Key, Value = record.Value })));
    }
}
