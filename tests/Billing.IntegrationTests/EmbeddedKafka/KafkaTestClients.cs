using System.Diagnostics;
using Confluent.Kafka;

namespace Billing.IntegrationTests.EmbeddedKafka;

/// <summary>Real Confluent.Kafka clients pointed at an embedded broker, and bounded waits on what they return.</summary>
internal static class KafkaTestClients
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static IProducer<string, string> Producer(string bootstrapServers, int messageTimeoutMs = 10_000) =>
        new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Acks = Acks.All,
            LingerMs = 5,
            MessageTimeoutMs = messageTimeoutMs,
            // Reconnect promptly when a broker comes back, and notice moved leaders soon.
            ReconnectBackoffMs = 50,
            ReconnectBackoffMaxMs = 200,
            TopicMetadataRefreshIntervalMs = 500,
        }).Build();

    public static IConsumer<string, string> Consumer(string bootstrapServers, string groupId) =>
        new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = groupId,
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();

    public static IAdminClient Admin(string bootstrapServers) =>
        new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();

    public static TopicMetadata Topic(IAdminClient admin, string topic) =>
        Assert.Single(admin.GetMetadata(topic, Timeout).Topics);

    public static int LeaderOf(IAdminClient admin, string topic, int partition) =>
        Topic(admin, topic).Partitions.Single(p => p.PartitionId == partition).Leader;

    /// <summary>Consumes until <paramref name="count"/> records arrived or <see cref="Timeout"/> passed.</summary>
    public static List<ConsumeResult<string, string>> Consume(IConsumer<string, string> consumer, int count)
    {
        var results = new List<ConsumeResult<string, string>>(count);
        var elapsed = Stopwatch.StartNew();
        while (results.Count < count && elapsed.Elapsed < Timeout)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } result)
            {
                results.Add(result);
            }
        }

        return results;
    }

    public static long HighWatermark(IConsumer<string, string> consumer, TopicPartition partition) =>
        consumer.QueryWatermarkOffsets(partition, Timeout).High.Value;
}
