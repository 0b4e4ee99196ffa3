using System.Collections.Concurrent;
using Billing.Grains.Streaming.Kafka.Internal;

namespace Billing.Grains.Streaming.Kafka;

/// <summary>
/// The delivery progress of every partition this silo reads, by topic: what event-time watermarks are built
/// from. A singleton of the silo; reading it is cheap and never blocks the receivers.
/// </summary>
public sealed class KafkaDeliveryProgress
{
    private readonly ConcurrentDictionary<(string Topic, int Partition), PartitionProgress> partitions = new();
    private readonly ConcurrentDictionary<string, int> partitionCounts = new(StringComparer.Ordinal);

    /// <summary>How many partitions <paramref name="topic"/> has, once the provider has read it; else null.</summary>
    public int? PartitionCount(string topic) => partitionCounts.TryGetValue(topic, out var count) ? count : null;

    /// <summary>The partitions of <paramref name="topic"/> this silo reads right now, in partition order.</summary>
    public IReadOnlyList<KafkaPartitionDelivery> Read(string topic) =>
        [.. partitions.Where(entry => entry.Key.Topic == topic).Select(entry => entry.Value.Snapshot()).OrderBy(p => p.Partition)];

    /// <summary>The partitions of <paramref name="topic"/> this silo reads right now.</summary>
    public IReadOnlyCollection<int> TrackedPartitions(string topic) => [.. Read(topic).Select(p => p.Partition)];

    /// <summary>
    /// Orders the failing delivery of <paramref name="topic"/>'s <paramref name="partition"/> that starts at
    /// <paramref name="firstOffset"/> (see <see cref="KafkaDeliveryStall.FirstOffset"/>) skipped: at its next
    /// attempt its records go to the dead-letter topic instead, with the reason <c>skipped-by-operator</c>, and
    /// the partition moves on. For a record that can never be delivered; an operator's decision, never a timer's.
    /// </summary>
    /// <returns>False when this silo reads no such partition or no delivery starting there is failing.</returns>
    public bool OrderSkip(string topic, int partition, long firstOffset) =>
        partitions.TryGetValue((topic, partition), out var progress) && progress.Stalls.OrderSkip(firstOffset);

    internal IEnumerable<KeyValuePair<(string Topic, int Partition), PartitionProgress>> All => partitions;

    internal void SetPartitionCount(string topic, int count) => partitionCounts[topic] = count;

    internal void Track(string topic, PartitionProgress progress) => partitions[(topic, progress.Partition)] = progress;

    internal void Untrack(string topic, PartitionProgress progress) =>
        partitions.TryRemove(new KeyValuePair<(string, int), PartitionProgress>((topic, progress.Partition), progress));
}
