using Confluent.Kafka;

namespace Billing.Benchmarks;

/// <summary>
/// Where a topic's partitions end and how far the system's consumer group has committed: the group commits a
/// record only once its effect is stored, so the difference is what is not yet counted.
/// </summary>
internal sealed class TopicOffsets : IDisposable
{
    private readonly IConsumer<byte[]?, byte[]?> consumer;
    private readonly List<TopicPartition> partitions;
    private readonly List<TopicPartition> deadLetterPartitions;

    public TopicOffsets(string bootstrapServers, string topic, string consumerGroup, int partitionCount)
    {
        consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = consumerGroup,
            EnableAutoCommit = false,
        }).Build();
        partitions = [.. Enumerable.Range(0, partitionCount).Select(p => new TopicPartition(topic, p))];
        deadLetterPartitions = [.. Enumerable.Range(0, partitionCount).Select(p => new TopicPartition(topic + ".deadletter", p))];
    }

    /// <summary>Records produced to the topic so far.</summary>
    public long End() => Ends().Sum();

    /// <summary>Where each partition ends now, in partition order.</summary>
    private long[] Ends() => [.. partitions.Select(partition => consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(5)).High.Value)];

    /// <summary>Records the group has committed (whose effects are stored).</summary>
    public long Committed() =>
        consumer.Committed(partitions, TimeSpan.FromSeconds(5)).Sum(committed => Math.Max(0, committed.Offset.Value));

    /// <summary>
    /// Records the broker has dropped from the start of the topic: the embedded broker keeps a bounded log per
    /// partition, and a record dropped before the system read it was never counted.
    /// </summary>
    public long Dropped() => partitions.Sum(partition => Math.Max(0, consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(5)).Low.Value));

    /// <summary>Records in the dead-letter topic.</summary>
    public long DeadLetters() =>
        deadLetterPartitions.Sum(partition => Math.Max(0, consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(5)).High.Value));

    /// <summary>
    /// Waits until every record in the topic now is committed, partition by partition: a sum over partitions
    /// would let records committed in one partition (that arrived after the ends were read) stand in for
    /// records still waiting in another. The producer must have been flushed first, or records still in
    /// flight are not waited for.
    /// </summary>
    public async Task WaitUntilAllCommittedAsync(TimeSpan timeout)
    {
        var ends = Ends();
        var deadline = DateTime.UtcNow + timeout;
        while (Uncommitted(ends) is var uncommitted and > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{uncommitted:N0} of {ends.Sum():N0} records were not committed within {timeout}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }

    /// <summary>Records below <paramref name="ends"/> (one end per partition) that the group has not committed.</summary>
    private long Uncommitted(long[] ends)
    {
        var committed = consumer.Committed(partitions, TimeSpan.FromSeconds(5))
            .ToDictionary(offset => offset.Partition.Value, offset => Math.Max(0, offset.Offset.Value));
        return partitions.Select((partition, index) => Math.Max(0, ends[index] - committed.GetValueOrDefault(partition.Partition.Value))).Sum();
    }

    public void Dispose() => consumer.Dispose();
}
