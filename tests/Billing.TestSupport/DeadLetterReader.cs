using System.Text;
using Billing.Grains.EmbeddedKafka;
using Billing.Grains.Streaming.Kafka;
using Confluent.Kafka;

namespace Billing.TestSupport;

/// <summary>
/// Reads the whole dead-letter topic. Dead letters are at least once (a crash can replay a rejected record
/// before its offset was committed), so tests compare the distinct origins with the malformed records.
/// </summary>
public static class DeadLetterReader
{
    public static DeadLetterCount Count(string bootstrapServers, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "dead-letter-reader",
            EnableAutoCommit = false,
        }).Build();
        var topic = EmbeddedKafkaBrokerOptions.DefaultDeadLetterTopic;
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var partitions = admin.GetMetadata(topic, timeout).Topics.Single().Partitions
            .Select(p => new TopicPartition(topic, new Partition(p.PartitionId))).ToList();
        var expected = partitions.Sum(p => consumer.QueryWatermarkOffsets(p, timeout).High.Value);
        consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));

        var origins = new HashSet<(string Partition, string Offset)>();
        var total = 0;
        var deadline = DateTime.UtcNow + timeout;
        while (total < expected && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { } letter)
            {
                continue;
            }

            total++;
            origins.Add((Header(letter, KafkaDeadLetterHeaders.SourcePartition), Header(letter, KafkaDeadLetterHeaders.SourceOffset)));
        }

        return total == expected
            ? new DeadLetterCount(total, origins.Count)
            : throw new TimeoutException($"Read {total} of {expected} dead letters within {timeout}.");
    }

    private static string Header(ConsumeResult<byte[]?, byte[]?> letter, string name) =>
        letter.Message.Headers.TryGetLastBytes(name, out var value) ? Encoding.UTF8.GetString(value) : "";
}
