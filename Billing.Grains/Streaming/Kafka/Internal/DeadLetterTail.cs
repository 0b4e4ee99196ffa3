using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>
/// Reads the newest records of the dead-letter topic, for people to see why records were set aside. It reads
/// from the end of each partition with an assigned consumer (no group membership, no commits), and reads
/// again only when the topic has grown: the status is asked for every few seconds, dead letters are rare.
/// </summary>
internal sealed class DeadLetterTail(KafkaStreamOptions options, int count) : IDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(3);

    private readonly Lock gate = new();
    private readonly Lazy<IConsumer<byte[]?, byte[]?>> consumer = new(() =>
        new ConsumerBuilder<byte[]?, byte[]?>(KafkaClientConfigs.DeadLetterReader(options, "status")).Build());

    private Dictionary<int, long>? readAtEnds;
    private IReadOnlyList<KafkaDeadLetter> latest = [];

    /// <summary>The newest dead letters, newest first.</summary>
    /// <param name="partitions">Each dead-letter partition with its watermarks, as just queried.</param>
    public IReadOnlyList<KafkaDeadLetter> Read(IReadOnlyList<(TopicPartition Partition, WatermarkOffsets Marks)> partitions)
    {
        var ends = partitions.ToDictionary(p => p.Partition.Partition.Value, p => p.Marks.High.Value);
        lock (gate)
        {
            if (readAtEnds is not null && readAtEnds.Count == ends.Count && !ends.Except(readAtEnds).Any())
            {
                return latest;
            }

            var (found, complete) = ReadTails(partitions);
            latest = found;
            // A read cut short by the time-out is not remembered, so the next status read tries again.
            readAtEnds = complete ? ends : null;
            return latest;
        }
    }

    private (IReadOnlyList<KafkaDeadLetter> Found, bool Complete) ReadTails(IReadOnlyList<(TopicPartition Partition, WatermarkOffsets Marks)> partitions)
    {
        var nonEmpty = partitions.Where(p => p.Marks.High.Value > p.Marks.Low.Value).ToList();
        if (nonEmpty.Count == 0)
        {
            return ([], true);
        }

        var unread = nonEmpty.ToDictionary(p => p.Partition.Partition.Value, p => p.Marks.High.Value);
        var found = new List<(KafkaDeadLetter Letter, int Partition, long Offset)>();
        consumer.Value.Assign(nonEmpty.Select(p => new TopicPartitionOffset(p.Partition, Math.Max(p.Marks.Low.Value, p.Marks.High.Value - count))));
        try
        {
            var deadline = DateTime.UtcNow + ReadTimeout;
            while (unread.Count > 0 && DateTime.UtcNow < deadline)
            {
                if (consumer.Value.Consume(deadline - DateTime.UtcNow) is not { } result)
                {
                    continue;
                }

                var partition = result.Partition.Value;
                if (!result.IsPartitionEOF)
                {
                    found.Add((Describe(result.Message), partition, result.Offset.Value));
                }

                if (result.IsPartitionEOF || result.Offset.Value + 1 >= unread.GetValueOrDefault(partition, long.MaxValue))
                {
                    unread.Remove(partition);
                }
            }
        }
        finally
        {
            consumer.Value.Unassign();
        }

        var newestFirst = found
            .OrderByDescending(f => f.Letter.DeadLetteredAt)
            .ThenByDescending(f => f.Offset)
            .ThenBy(f => f.Partition)
            .Take(count)
            .Select(f => f.Letter)
            .ToList();
        return (newestFirst, unread.Count == 0);
    }

    /// <summary>A dead letter as its headers describe it; the replayer reads them the same way.</summary>
    internal static KafkaDeadLetter Describe(Message<byte[]?, byte[]?> message)
    {
        string? Text(string key) =>
            message.Headers is { } headers && headers.TryGetLastBytes(key, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

        return new KafkaDeadLetter(
            Text(KafkaDeadLetterHeaders.Reason) ?? "unknown",
            Text(KafkaDeadLetterHeaders.Detail) ?? "",
            int.TryParse(Text(KafkaDeadLetterHeaders.SourcePartition), NumberStyles.None, CultureInfo.InvariantCulture, out var partition) ? partition : null,
            long.TryParse(Text(KafkaDeadLetterHeaders.SourceOffset), NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : null,
            message.Timestamp.UtcDateTime);
    }

    public void Dispose()
    {
        if (consumer.IsValueCreated)
        {
            consumer.Value.Close();
            consumer.Value.Dispose();
        }
    }
}
