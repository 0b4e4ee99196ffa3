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

    /// <summary>The producer that writes dead letters.</summary>
    public static ProducerConfig DeadLetterProducer(KafkaStreamOptions options) =>
        IdempotentProducer(options, $"billing-deadletter-{options.DeadLetterTopic}");

    /// <summary>The producer that puts dead letters back on the incoming topic.</summary>
    public static ProducerConfig ReplayProducer(KafkaStreamOptions options) =>
        IdempotentProducer(options, "billing-deadletter-replay");

    /// <summary>
    /// A consumer that reads the dead-letter topic by assignment: no group membership, nothing committed or
    /// stored, and the end of each partition reported.
    /// </summary>
    /// <param name="options">The provider's options.</param>
    /// <param name="purpose">What the read is for: names the group id's suffix and the client id.</param>
    public static ConsumerConfig DeadLetterReader(KafkaStreamOptions options, string purpose) =>
        new(new Dictionary<string, string>(options.ClientProperties))
        {
            BootstrapServers = options.BootstrapServers,
            GroupId = $"{options.ConsumerGroup}.{purpose}",
            ClientId = $"billing-deadletters-{purpose}",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            EnablePartitionEof = true,
            AllowAutoCreateTopics = false,
        };

    public static AdminClientConfig Admin(KafkaStreamOptions options) =>
        new(new Dictionary<string, string>(options.ClientProperties))
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = "billing-stream-metadata",
        };

    private static ProducerConfig IdempotentProducer(KafkaStreamOptions options, string clientId) =>
        new(new Dictionary<string, string>(options.ClientProperties))
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = clientId,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 5,
            MessageTimeoutMs = 30_000,
        };
}
