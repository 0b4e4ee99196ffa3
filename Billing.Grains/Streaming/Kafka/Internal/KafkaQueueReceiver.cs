using System.Collections.Concurrent;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>
/// Reads one partition for the pulling agent that owns its queue. Each poll's records become one batch
/// container per stream; the offset of a record is stored for commit only once the record has been delivered
/// to all its streams or dead-lettered, and only as part of a contiguous prefix.
/// </summary>
internal sealed class KafkaQueueReceiver(
    KafkaStreamOptions options,
    int partition,
    IKafkaRecordMapper mapper,
    DeadLetterPublisher deadLetters,
    KafkaStreamMetrics metrics,
    KafkaDeliveryProgress deliveryProgress,
    TimeProvider time,
    ILogger logger) : IQueueAdapterReceiver
{
    private readonly TopicPartition topicPartition = new(options.Topic, new Partition(partition));
    private readonly DeliveryLedger ledger = new();
    private readonly PartitionProgress progress = new(partition);
    private readonly ConcurrentDictionary<StreamSequenceToken, KafkaBatchContainer> inFlight = new();
    private readonly CancellationTokenSource stopping = new();
    private IConsumer<byte[]?, byte[]?>? consumer;
    private (KafkaRecord Record, KafkaRecordMapping Mapping)? carried;
    private long storedThrough = -1;

    public int Partition => partition;

    public Task Initialize(TimeSpan timeout)
    {
        consumer = new ConsumerBuilder<byte[]?, byte[]?>(KafkaClientConfigs.Consumer(options, partition)).Build();
        // No explicit offset: librdkafka starts from the group's committed offset, else auto.offset.reset (earliest).
        consumer.Assign(topicPartition);
        progress.LastReadAt = time.GetUtcNow();
        deliveryProgress.Track(options.Topic, progress);
        KafkaLog.ReceiverStarted(logger, options.Topic, partition);
        return Task.CompletedTask;
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        var reader = consumer ?? throw new InvalidOperationException("The receiver was not initialized.");
        StoreHandledPrefix();

        // maxCount is how many containers the queue cache can take now (negative: unlimited).
        var poll = Poll(reader, maxCount < 0 ? int.MaxValue : maxCount);
        if (poll.Slice is not { } slice)
        {
            return Task.FromResult<IList<IBatchContainer>>([]);
        }

        ledger.Track(slice);
        progress.OpenSlices = ledger.OpenSlices;
        progress.LastReadAt = time.GetUtcNow();
        foreach (var container in poll.Containers)
        {
            inFlight[container.SequenceToken] = container;
        }

        foreach (var rejected in poll.Rejected)
        {
            KafkaLog.RecordRejected(logger, partition, rejected.Record.Offset, rejected.Code);
            _ = DeadLetterRejectedAsync(rejected, slice);
        }

        metrics.RecordsRead(options.Topic, partition, slice.RecordCount);
        progress.HighWatermark = reader.GetWatermarkOffsets(topicPartition).High.Value;
        if (progress.HandledThrough < 0)
        {
            progress.HandledThrough = slice.FirstOffset;
        }

        return Task.FromResult<IList<IBatchContainer>>([.. poll.Containers]);
    }

    private AssembledPoll Poll(IConsumer<byte[]?, byte[]?> reader, int maxContainers)
    {
        if (maxContainers == 0)
        {
            return AssembledPoll.Empty;
        }

        var assembler = new PollAssembler(maxContainers);
        if (carried is { } held)
        {
            assembler.TryAdd(held.Record, held.Mapping);
            carried = null;
        }

        while (assembler.RecordCount < options.MaxRecordsPerPoll)
        {
            // A zero time-out only takes what librdkafka has already fetched in the background: never blocks.
            var result = reader.Consume(TimeSpan.Zero);
            if (result is null)
            {
                break;
            }

            var message = result.Message;
            var record = new KafkaRecord(partition, result.Offset.Value, message.Key, message.Value, message.Headers, message.Timestamp);
            var mapping = Map(record);
            if (!assembler.TryAdd(record, mapping))
            {
                // The cache has no room for this record's streams: it opens the next poll.
                carried = (record, mapping);
                break;
            }
        }

        return assembler.Complete();
    }

    private KafkaRecordMapping Map(KafkaRecord record)
    {
        try
        {
            return mapper.Map(record);
        }
        catch (Exception exception)
        {
            KafkaLog.MapperFailed(logger, exception, record.Partition, record.Offset);
            return KafkaRecordMapping.Reject(KafkaDeadLetterHeaders.MapperFailedReason, exception.GetType().Name);
        }
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    /// <summary>The cache purged these: every cursor has passed them, so they were delivered.</summary>
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            if (message is KafkaBatchContainer container)
            {
                inFlight.TryRemove(container.SequenceToken, out _);
                container.TrySettleDelivered();
            }
        }

        StoreHandledPrefix();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Called by the failure handler when a stream's consumer kept failing on a container until the delivery
    /// time-out: its records go to the dead-letter topic, and only then does the container count as handled.
    /// </summary>
    public async Task DeadLetterUndeliverableAsync(StreamId streamId, StreamSequenceToken? token)
    {
        if (token is null || !inFlight.TryGetValue(token, out var container) || !container.StreamId.Equals(streamId))
        {
            KafkaLog.UnknownDeliveryFailure(logger, streamId.ToString(), token?.ToString());
            return;
        }

        if (!container.TryClaimForDeadLetter())
        {
            return;
        }

        var records = container.Sources;
        KafkaLog.DeliveryFailed(logger, streamId.ToString(), partition, records.Count);
        var detail = $"stream {streamId} did not accept the record within the delivery time-out";
        foreach (var record in records)
        {
            await deadLetters.PublishAsync(record, KafkaDeadLetterHeaders.DeliveryFailedReason, detail, stopping.Token);
        }

        inFlight.TryRemove(token, out _);
        container.CompleteDeadLetter();
    }

    private async Task DeadLetterRejectedAsync(RejectedRecord rejected, DeliverySlice slice)
    {
        try
        {
            await deadLetters.PublishAsync(rejected.Record, rejected.Code, rejected.Detail, stopping.Token).ConfigureAwait(false);
            slice.SettlePart();
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: the slice stays open, so its offsets are not committed and the record is read again.
        }
    }

    private void StoreHandledPrefix()
    {
        ledger.TryAdvance(out _, out var handled);
        progress.OpenSlices = ledger.OpenSlices;
        if (handled > 0)
        {
            metrics.RecordsHandled(options.Topic, partition, handled);
            progress.LatestHandledEventTime = ledger.LatestHandledEventTime;
        }

        if (consumer is null || ledger.HandledThrough is not { } next || next <= storedThrough)
        {
            return;
        }

        try
        {
            // Stored offsets are committed by librdkafka every CommitInterval, and on shutdown.
            consumer.StoreOffset(new TopicPartitionOffset(topicPartition, new Offset(next)));
            storedThrough = next;
            progress.HandledThrough = next;
        }
        catch (KafkaException exception)
        {
            KafkaLog.CommitFailed(logger, exception, partition, next);
        }
    }

    public async Task Shutdown(TimeSpan timeout)
    {
        if (consumer is not { } reader)
        {
            return;
        }

        StoreHandledPrefix();
        await stopping.CancelAsync();
        try
        {
            await Task.Run(() => CommitAndClose(reader)).WaitAsync(timeout);
        }
        finally
        {
            deliveryProgress.Untrack(options.Topic, progress);
            KafkaLog.ReceiverStopped(logger, options.Topic, partition, ledger.HandledThrough);
        }
    }

    private void CommitAndClose(IConsumer<byte[]?, byte[]?> reader)
    {
        try
        {
            if (storedThrough >= 0)
            {
                reader.Commit();
            }
        }
        catch (KafkaException exception) when (exception.Error.Code == Confluent.Kafka.ErrorCode.Local_NoOffset)
        {
            // The background commit already took every stored offset: nothing is left to commit.
        }
        catch (KafkaException exception)
        {
            KafkaLog.CommitFailed(logger, exception, partition, storedThrough);
        }
        finally
        {
            reader.Close();
            reader.Dispose();
            stopping.Dispose();
        }
    }
}
