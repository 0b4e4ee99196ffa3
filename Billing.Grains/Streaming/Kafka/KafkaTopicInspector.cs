using Billing.Grains.Streaming.Kafka.Internal;
using Confluent.Kafka;

namespace Billing.Grains.Streaming.Kafka;

/// <summary>
/// Reads the provider's progress from Kafka itself (committed offsets and watermarks), so the answer is the
/// same whichever silo reads which partition.
/// </summary>
public sealed class KafkaTopicInspector(KafkaStreamOptions options) : IDisposable
{
    /// <summary>How many of the newest dead letters a status carries.</summary>
    public const int LatestDeadLetterCount = 5;

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    private readonly DeadLetterTail deadLetterTail = new(options, LatestDeadLetterCount);

    private readonly Lazy<IConsumer<byte[]?, byte[]?>> consumer = new(() =>
        new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig(new Dictionary<string, string>(options.ClientProperties))
        {
            BootstrapServers = options.BootstrapServers,
            GroupId = options.ConsumerGroup,
            ClientId = "billing-status",
            EnableAutoCommit = false,
        }).Build());

    private readonly Lazy<IAdminClient> admin = new(() =>
        new AdminClientBuilder(KafkaClientConfigs.Admin(options)).Build());

    /// <summary>Asks the brokers; blocking calls run off the caller's thread.</summary>
    public Task<KafkaTopicStatus> ReadAsync(CancellationToken cancellationToken) => Task.Run(Read, cancellationToken);

    private KafkaTopicStatus Read()
    {
        var partitions = PartitionsOf(options.Topic);
        var committed = consumer.Value.Committed(partitions, RequestTimeout).ToDictionary(c => c.Partition.Value, c => c.Offset);
        var status = new List<KafkaPartitionStatus>(partitions.Count);
        foreach (var partition in partitions)
        {
            var marks = consumer.Value.QueryWatermarkOffsets(partition, RequestTimeout);
            long? committedOffset = committed.TryGetValue(partition.Partition.Value, out var offset) && offset.Value >= 0 ? offset.Value : null;
            var lag = marks.High.Value - (committedOffset ?? marks.Low.Value);
            status.Add(new KafkaPartitionStatus(partition.Partition.Value, committedOffset, marks.High.Value, Math.Max(0, lag)));
        }

        var deadLetterPartitions = PartitionsOf(options.DeadLetterTopic)
            .Select(partition => (partition, consumer.Value.QueryWatermarkOffsets(partition, RequestTimeout)))
            .ToList();
        var deadLetters = deadLetterPartitions.Sum(p => p.Item2.High.Value - p.Item2.Low.Value);
        return new KafkaTopicStatus(status, deadLetters, deadLetterTail.Read(deadLetterPartitions));
    }

    private List<TopicPartition> PartitionsOf(string topic) =>
        [.. admin.Value.GetMetadata(topic, RequestTimeout).Topics
            .Where(t => t.Topic == topic && !t.Error.IsError)
            .SelectMany(t => t.Partitions)
            .Select(p => new TopicPartition(topic, new Partition(p.PartitionId)))
            .OrderBy(p => p.Partition.Value)];

    public void Dispose()
    {
        deadLetterTail.Dispose();
        if (consumer.IsValueCreated)
        {
            consumer.Value.Close();
            consumer.Value.Dispose();
        }

        if (admin.IsValueCreated)
        {
            admin.Value.Dispose();
        }
    }
}
