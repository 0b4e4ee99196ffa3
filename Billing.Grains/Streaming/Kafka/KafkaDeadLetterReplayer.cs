using Billing.Grains.Streaming.Kafka.Internal;
using Confluent.Kafka;

namespace Billing.Grains.Streaming.Kafka;

/// <summary>
/// Reads the dead-letter topic back, and puts chosen dead letters on the incoming topic again once what rejected
/// them is fixed: the same key, value and headers (less the dead-letter headers), each with an
/// <see cref="KafkaDeadLetterHeaders.Origin"/> header naming where the record was first read. A dead letter that
/// was itself a replay keeps the origin it carried. The provider reads a replayed record like any other: rejected
/// again, it is dead-lettered again with its origin header.
/// </summary>
/// <remarks>
/// Each call reads the topic as it stands when the call starts, from the oldest record the broker retains, with
/// an assigned consumer (no group membership, no commits). Replays use an idempotent producer and are counted
/// only once the broker acknowledged them. Blocking client calls run off the caller's thread.
/// </remarks>
public sealed class KafkaDeadLetterReplayer(KafkaStreamOptions options)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a read waits for the next record of a partition not read to its end yet before it gives up.</summary>
    private static readonly TimeSpan QuietTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The headers the provider adds when it dead-letters a record; a replay leaves them behind.</summary>
    private static readonly HashSet<string> DeadLetterHeaderNames = new(StringComparer.Ordinal)
    {
        KafkaDeadLetterHeaders.Reason,
        KafkaDeadLetterHeaders.Detail,
        KafkaDeadLetterHeaders.SourceTopic,
        KafkaDeadLetterHeaders.SourcePartition,
        KafkaDeadLetterHeaders.SourceOffset,
        KafkaDeadLetterHeaders.Origin,
    };

    /// <summary>The incoming topic, where replays go.</summary>
    public string Topic => options.Topic;

    /// <summary>The dead-letter topic, where they are read from.</summary>
    public string DeadLetterTopic => options.DeadLetterTopic;

    /// <summary>The dead letters <paramref name="selection"/> chooses, oldest first.</summary>
    public Task<IReadOnlyList<KafkaStoredDeadLetter>> ListAsync(KafkaDeadLetterSelection selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return Task.Run<IReadOnlyList<KafkaStoredDeadLetter>>(
            () => [.. Read(selection, cancellationToken).Select(found => found.Stored)],
            cancellationToken);
    }

    /// <summary>
    /// Produces the dead letters <paramref name="selection"/> chooses to the incoming topic, once per origin, and
    /// waits until the broker acknowledged each; on a <paramref name="dryRun"/> only counts them.
    /// </summary>
    public async Task<KafkaReplayResult> ReplayAsync(KafkaDeadLetterSelection selection, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var found = await Task.Run(() => Read(selection, cancellationToken), cancellationToken).ConfigureAwait(false);
        var origins = new HashSet<KafkaRecordOrigin>();
        var replays = new List<Message<byte[]?, byte[]?>>();
        var (sameOrigin, withoutOrigin) = (0, 0);
        foreach (var (stored, message) in found)
        {
            if (stored.Origin is not { } origin)
            {
                withoutOrigin++;
            }
            else if (!origins.Add(origin))
            {
                sameOrigin++;
            }
            else
            {
                replays.Add(Replay(message, origin));
            }
        }

        if (dryRun || replays.Count == 0)
        {
            return new KafkaReplayResult(found.Count, replays.Count, sameOrigin, withoutOrigin, 0, null, dryRun);
        }

        var (replayed, failed, firstError) = await ProduceAsync(replays, cancellationToken).ConfigureAwait(false);
        return new KafkaReplayResult(found.Count, replayed, sameOrigin, withoutOrigin, failed, firstError, DryRun: false);
    }

    /// <summary>The record to produce for <paramref name="deadLetter"/>: its key, value and own headers, and its origin.</summary>
    private static Message<byte[]?, byte[]?> Replay(Message<byte[]?, byte[]?> deadLetter, KafkaRecordOrigin origin)
    {
        var headers = new Headers();
        foreach (var header in deadLetter.Headers ?? [])
        {
            if (!DeadLetterHeaderNames.Contains(header.Key))
            {
                headers.Add(header.Key, header.GetValueBytes());
            }
        }

        // A replay rejected again carried its origin, which Store took over: the same value goes on.
        headers.Add(KafkaDeadLetterHeaders.Origin, origin.ToHeaderValue());
        return new Message<byte[]?, byte[]?> { Key = deadLetter.Key, Value = deadLetter.Value, Headers = headers };
    }

    private async Task<(int Replayed, int Failed, string? FirstError)> ProduceAsync(
        List<Message<byte[]?, byte[]?>> replays, CancellationToken cancellationToken)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(KafkaClientConfigs.ReplayProducer(options)).Build();
        var deliveries = replays.Select(message => producer.ProduceAsync(options.Topic, message, cancellationToken)).ToList();
        var (replayed, failed) = (0, 0);
        string? firstError = null;
        foreach (var delivery in deliveries)
        {
            try
            {
                await delivery.ConfigureAwait(false);
                replayed++;
            }
            catch (Exception exception) when (exception is ProduceException<byte[]?, byte[]?> or KafkaException)
            {
                failed++;
                firstError ??= exception.Message;
            }
        }

        return (replayed, failed, firstError);
    }

    /// <summary>Every record of the dead-letter topic up to its end as it was when the read began, with what the selection chose.</summary>
    private List<(KafkaStoredDeadLetter Stored, Message<byte[]?, byte[]?> Message)> Read(KafkaDeadLetterSelection selection, CancellationToken cancellationToken)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(KafkaClientConfigs.DeadLetterReader(options, "replay")).Build();

        // Where each partition ends now: what is dead-lettered while the read goes on waits for the next one.
        var ends = new Dictionary<int, long>();
        var starts = new List<TopicPartitionOffset>();
        foreach (var partition in DeadLetterPartitions())
        {
            var marks = consumer.QueryWatermarkOffsets(partition, RequestTimeout);
            if (marks.High.Value > marks.Low.Value)
            {
                ends[partition.Partition.Value] = marks.High.Value;
                starts.Add(new TopicPartitionOffset(partition, marks.Low));
            }
        }

        var found = new List<(KafkaStoredDeadLetter Stored, Message<byte[]?, byte[]?> Message)>();
        if (starts.Count == 0)
        {
            return found;
        }

        consumer.Assign(starts);
        try
        {
            var lastProgress = DateTime.UtcNow;
            while (ends.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is not { } result)
                {
                    if (DateTime.UtcNow - lastProgress > QuietTimeout)
                    {
                        throw new TimeoutException(
                            $"Reading {options.DeadLetterTopic} stalled: partitions {string.Join(", ", ends.Keys.Order())} sent nothing for {QuietTimeout.TotalSeconds:0} s.");
                    }

                    continue;
                }

                lastProgress = DateTime.UtcNow;
                var partition = result.Partition.Value;
                if (!ends.TryGetValue(partition, out var end))
                {
                    continue;
                }

                if (!result.IsPartitionEOF && result.Offset.Value < end)
                {
                    var letter = DeadLetterTail.Describe(result.Message);
                    if (selection.Matches(letter))
                    {
                        found.Add((Store(letter, result), result.Message));
                    }
                }

                if (result.IsPartitionEOF || result.Offset.Value + 1 >= end)
                {
                    ends.Remove(partition);
                }
            }
        }
        finally
        {
            consumer.Unassign();
            consumer.Close();
        }

        found.Sort((a, b) => (a.Stored.Letter.DeadLetteredAt, a.Stored.Partition, a.Stored.Offset)
            .CompareTo((b.Stored.Letter.DeadLetteredAt, b.Stored.Partition, b.Stored.Offset)));
        return found;
    }

    private static KafkaStoredDeadLetter Store(KafkaDeadLetter letter, ConsumeResult<byte[]?, byte[]?> result)
    {
        var carried = KafkaRecordOrigin.FromHeaders(result.Message.Headers);
        var origin = carried ?? (letter is { SourcePartition: { } partition, SourceOffset: { } offset }
            ? new KafkaRecordOrigin(partition, offset)
            : null);
        return new KafkaStoredDeadLetter(letter, origin, carried is not null, result.Partition.Value, result.Offset.Value);
    }

    private List<TopicPartition> DeadLetterPartitions()
    {
        using var admin = new AdminClientBuilder(KafkaClientConfigs.Admin(options)).Build();
        var topic = admin.GetMetadata(options.DeadLetterTopic, RequestTimeout).Topics.SingleOrDefault(t => t.Topic == options.DeadLetterTopic);
        if (topic is null || topic.Error.IsError)
        {
            throw new KafkaException(topic?.Error ?? new Error(Confluent.Kafka.ErrorCode.UnknownTopicOrPart, $"no metadata for {options.DeadLetterTopic}"));
        }

        return [.. topic.Partitions.Select(p => new TopicPartition(options.DeadLetterTopic, new Partition(p.PartitionId))).OrderBy(p => p.Partition.Value)];
    }
}
