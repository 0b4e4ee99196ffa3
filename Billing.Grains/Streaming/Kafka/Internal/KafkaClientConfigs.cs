using Confluent.Kafka;

namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>Builds the librdkafka configuration of every client the provider makes from its options.</summary>
internal static class KafkaClientConfigs
{
    /// <summary>
    /// How much one partition's consumer may prefetch, unless <see cref="KafkaStreamOptions.ClientProperties"/>
    /// says otherwise. librdkafka's own defaults (100,000 messages, 64 MiB per partition) let a silo reading 32
    /// partitions of a backlog hold two gigabytes of records it cannot deliver yet, outside the managed heap; the
    /// queue cache bounds what waits for delivery, and this bounds what waits to be read: at most 4 MiB per
    /// partition, several seconds of reading at the rates a silo delivers.
    /// </summary>
    private static readonly Dictionary<string, string> PrefetchDefaults = new(StringComparer.Ordinal)
    {
        ["queued.min.messages"] = "5000",
        ["queued.max.messages.kbytes"] = "4096",
        ["fetch.max.bytes"] = "4194304",
    };

    public static ConsumerConfig Consumer(KafkaStreamOptions options, int partition)
    {
        var properties = new Dictionary<string, string>(PrefetchDefaults, StringComparer.Ordinal);
        foreach (var (key, value) in options.ClientProperties)
        {
            properties[key] = value;
        }

        var config = new ConsumerConfig(properties)
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
