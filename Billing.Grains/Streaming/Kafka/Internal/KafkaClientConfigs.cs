using Confluent.Kafka;

namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>Builds the librdkafka configuration of every client the provider makes from its options.</summary>
internal static class KafkaClientConfigs
{
    public static ConsumerConfig Consumer(KafkaStreamOptions options, int partition)
    {
        var config = new ConsumerConfig(new Dictionary<string, string>(options.ClientProperties))
        {
            BootstrapServers = options.BootstrapServers,
            GroupId = options.ConsumerGroup,
            ClientId = $"billing-stream-{options.Topic}-{partition}",
            // Partitions are assigned explicitly by Orleans' queue balancer, never by group rebalancing.
            // Offsets are stored only for the handled prefix and committed in the background.
            EnableAutoCommit = true,
            EnableAutoOffsetStore = false,
            AutoCommitIntervalMs = (int)options.CommitInterval.TotalMilliseconds,
            // A group without a committed offset must not skip records.
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnablePartitionEof = false,
            AllowAutoCreateTopics = false,
        };
        return config;
    }

    public static ProducerConfig DeadLetterProducer(KafkaStreamOptions options) =>
        new(new Dictionary<string, string>(options.ClientProperties))
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = $"billing-deadletter-{options.DeadLetterTopic}",
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 5,
            MessageTimeoutMs = 30_000,
        };

    public static AdminClientConfig Admin(KafkaStreamOptions options) =>
        new(new Dictionary<string, string>(options.ClientProperties))
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = "billing-stream-metadata",
        };
}
