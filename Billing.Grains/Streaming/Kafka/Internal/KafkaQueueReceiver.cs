using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Billing.Grains.Streaming.Kafka.Internal;

/// <summary>
/// Reads one partition for the pulling agent that owns its queue. Each poll's records become one batch
/// container per stream; the offset of a record is stored for commit only once the record has been delivered
/// to all its streams or dead-lettered, and only as part of a contiguous prefix.
/// </summary>
/// <remarks>
/// A delivery that fails is retried by the pulling agent until it succeeds, however long that takes: a valid
/// record is never given up because its consumer, its storage or a silo is failing. The partition waits behind
/// it (its offset is not committed past it), and <see cref="KafkaDeliveryObserver"/> reports every failed attempt
/// here, so that the stall shows in the partition's progress, a metric and the log. Only an operator's order
/// (<see cref="KafkaDeliveryProgress.OrderSkip"/>) sets such a delivery's records aside, into the dead-letter topic.
/// </remarks>
internal sealed class KafkaQueueReceiver(
    KafkaStreamOptions options,
    int partition,
    IKafkaRecordMapper mapper,
    DeadLetterPublisher deadLetters,
    KafkaStreamMetrics metrics,
    KafkaDeliveryProgress deliveryProgress,
    KafkaDeliveryBackoff backoff,
    TimeProvider time,
    ILogger logger) : IQueueAdapterReceiver
{
    private readonly TopicPartition topicPartition = new(options.Topic, new Partition(partition));
    private readonly DeliveryLedger ledger = new();
    private readonly PartitionProgress progress = new(partition);
    private readonly CancellationTokenSource stopping = new();
    private IConsumer<byte[]?, byte[]?>? consumer;
    private (KafkaRecord Record, KafkaRecordMapping Mapping)? carried;
    private long storedThrough = -1;
    private DateTimeOffset lastPollAt = DateTimeOffset.MinValue;
    private bool lastPollWasFull;

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

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        var reader = consumer ?? throw new InvalidOperationException("The receiver was not initialized.");
        // The pulling agent reads again at once whenever a read found records, and deliveries resume on the
        // agent's own scheduler. Reading from librdkafka's buffer never waits, so under steady traffic (a few
        // new records at every read) the agent would read forever, in tiny polls, and deliver nothing. So a
        // read after one that did not fill a poll first lingers (deliveries run meanwhile, and records gather
        // into a fuller poll), and every read at least yields to the deliveries waiting to continue.
        var sinceLastPoll = time.GetUtcNow() - lastPollAt;
        if (!lastPollWasFull && sinceLastPoll < options.PollLinger)
        {
            await Task.Delay(options.PollLinger - sinceLastPoll, time, cancellationToken);
        }
        else
        {
            await Task.Yield();
        }

        StoreHandledPrefix();

        // maxCount is how many items the queue cache can take now (negative: unlimited).
        var poll = Poll(reader, maxCount < 0 ? int.MaxValue : maxCount);
        lastPollAt = time.GetUtcNow();
        lastPollWasFull = poll.Slice?.RecordCount >= options.MaxRecordsPerPoll;
        if (poll.Slice is not { } slice)
        {
            return [];
        }

        ledger.Track(slice);
        progress.OpenSlices = ledger.OpenSlices;
        progress.LastReadAt = time.GetUtcNow();

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

        return [.. poll.Containers];
    }

    private AssembledPoll Poll(IConsumer<byte[]?, byte[]?> reader, int maxItems)
    {
        if (maxItems == 0)
        {
            return AssembledPoll.Empty;
        }

        var assembler = new PollAssembler(maxItems, this);
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
                container.TrySettleDelivered();
            }
        }

        StoreHandledPrefix();
        return Task.CompletedTask;
    }

    /// <summary>An attempt to deliver <paramref name="delivery"/> failed; the agent retries it after a back-off.</summary>
    public void DeliveryFailed(KafkaBatchContainer delivery, Exception exception)
    {
        var attempts = progress.Stalls.Failed(delivery, exception, time.GetUtcNow());
        metrics.DeliveryFailed(options.Topic, partition, exception.GetType().Name);
        KafkaLog.DeliveryRetrying(logger, exception, delivery.Items.Count, partition, delivery.Offsets[0], delivery.StreamId.ToString(), attempts, backoff.Next(attempts - 1));
    }

    public void Delivered(KafkaBatchContainer delivery)
    {
        if (progress.Stalls.Delivered(delivery) is var failedAttempts and > 0)
        {
            KafkaLog.DeliveryRecovered(logger, delivery.Items.Count, partition, delivery.Offsets[0], delivery.StreamId.ToString(), failedAttempts);
        }
    }

    /// <summary>
    /// When an operator ordered <paramref name="delivery"/> skipped, writes its records to the dead-letter topic
    /// (reason <see cref="KafkaDeadLetterHeaders.SkippedByOperatorReason"/>) and answers true: the caller then
    /// treats the delivery as done, and the records' offsets count as handled once the dead letters are written.
    /// </summary>
    public async Task<bool> TrySkipAsync(KafkaBatchContainer delivery)
    {
        if (!progress.Stalls.TakeSkipOrder(delivery))
        {
            return false;
        }

        var detail = $"delivery to stream {delivery.StreamId} kept failing; an operator skipped it";
        foreach (var record in delivery.Sources)
        {
            await deadLetters.PublishAsync(record, KafkaDeadLetterHeaders.SkippedByOperatorReason, detail, stopping.Token);
        }

        KafkaLog.DeliverySkipped(logger, delivery.Sources.Count, partition, delivery.Offsets[0], delivery.StreamId.ToString());
        return true;
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
